"""Start the site under gunicorn in production mode on loopback, for tests and benchmarks.

The environment is the production one (debug off, HTTPS redirect off for plain HTTP on
loopback) with a generated secret key and all state in one folder: SQLite database,
cache files and uploads. Only the processes started here are ever stopped, by their
process id.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")

# Variables of the developer's own environment that would point the site elsewhere.
INHERITED_SETTINGS = (
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_DEBUG",
    "DJANGO_CACHE_DIR",
    "DJANGO_MEDIA_ROOT",
    "DJANGO_STATIC_ROOT",
    "GUNICORN_BIND",
    "GUNICORN_ACCESS_LOG",
    "WEB_CONCURRENCY",
)


def site_environment(state_dir, static_root, **overrides):
    """Production settings for a plain-HTTP site on loopback keeping its state in state_dir.

    The benchmarks pass DJANGO_SETTINGS_MODULE="clinic_site.settings" to mount their floor view.
    """
    env = {key: value for key, value in os.environ.items() if key not in INHERITED_SETTINGS}
    env.update(
        DJANGO_SETTINGS_MODULE="clinic_site.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SESSION_COOKIE_SECURE="false",
        DJANGO_CSRF_COOKIE_SECURE="false",
        DJANGO_SERVE_MEDIA="true",
        DJANGO_VAR_DIR=str(state_dir),
        DJANGO_STATIC_ROOT=str(static_root),
        PYTHONPATH=str(ROOT),
    )
    env.update(overrides)
    return env


def port_range():
    """The ports kept for tests' servers: HARNESS_PORTS="first-last", 8450-8499 by default."""
    first, last = os.environ.get("HARNESS_PORTS", "8450-8499").split("-")
    return range(int(first), int(last) + 1)


def free_port(ports=None):
    """A loopback port nobody listens on, from the range kept for tests' servers."""
    ports = ports or port_range()
    for port in ports:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port in {ports}")


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], env=env, cwd=ROOT, check=True)


def worker_pids(master_pid):
    try:
        with open(f"/proc/{master_pid}/task/{master_pid}/children") as file:
            return [int(pid) for pid in file.read().split()]
    except FileNotFoundError:
        return []


def peak_rss_kib(pid):
    """The process's peak resident memory (VmHWM), or 0 if it has gone."""
    try:
        with open(f"/proc/{pid}/status") as file:
            for line in file:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


class Gunicorn:
    """gunicorn with the project's gunicorn.conf.py, as a context manager.

    `app` is the WSGI application to serve: the site by default; the benchmarks also
    serve their bare WSGI limit (bench.limit) with the same configuration.

    While it runs, a thread samples every worker's peak RSS, so workers that gunicorn
    recycles (max_requests) are counted too.
    """

    def __init__(self, env, port, log_path, workers=None, app="clinic_site.wsgi"):
        self.app = app
        self.env = dict(env, GUNICORN_BIND=f"127.0.0.1:{port}")
        if workers:
            self.env["WEB_CONCURRENCY"] = str(workers)
        self.base_url = f"http://127.0.0.1:{port}"
        self.log_path = log_path
        self.peak_worker_rss_kib = 0
        self._sampling = threading.Event()

    def __enter__(self):
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [GUNICORN, "--config", "gunicorn.conf.py", self.app],
            env=self.env,
            cwd=ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_healthy()
        self._sampler = threading.Thread(target=self._sample_rss, daemon=True)
        self._sampler.start()
        return self

    def __exit__(self, *exc_info):
        self._sampling.set()
        self._sampler.join()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()

    @property
    def workers(self):
        return worker_pids(self.process.pid)

    def _wait_until_healthy(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=2) as response:
                    if response.status == 200 and len(self.workers) >= 1:
                        return
            except (urllib.error.URLError, ConnectionError):
                pass
            time.sleep(0.2)
        sys.exit(f"gunicorn did not answer /healthz within {seconds} s; see {self.log_path}")

    def _sample_rss(self):
        while not self._sampling.wait(0.25):
            for pid in self.workers:
                self.peak_worker_rss_kib = max(self.peak_worker_rss_kib, peak_rss_kib(pid))
