"""The deployment of docs/deploying.md, started on this machine for `make test-deploy`.

Debian's nginx terminates TLS with a certificate made here (openssl) and passes requests
to two gunicorn app servers on their own ports; both use the PostgreSQL database and
Redis cache that .ci/with-postgres-redis started (DATABASE_URL, REDIS_URL) and one
shared uploads folder. nginx's site configuration is the repository's own
deploy/nginx.conf, filled in by deploy/render-nginx-conf exactly as the docs say; the
only file written here for nginx is the small main file that Debian's /etc/nginx/nginx.conf
would otherwise be, so that nginx runs in the foreground as an ordinary process with its
pid, logs and temporary files in this run's folder. Nothing outside that folder is
touched, everything listens on 127.0.0.1, and only processes started here are stopped,
by their process id.

Ports: free ones chosen by the system, or the first free ones in CLINIC_DEPLOY_PORTS
(e.g. "8490-8499") when it is set.
"""

import ctypes
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import time
from pathlib import Path

from tests.deploy.http import Browser

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SERVER_NAME = "localhost"
RECEPTION_EMAIL = "registracija@klinika.test"
SUPERUSER = ("deploy-admin", secrets.token_urlsafe(16))
# An editor (Editors group) signs in with a password alone; superusers need a second factor.
EDITOR = ("deploy-editor", secrets.token_urlsafe(16))
MAKE_EDITOR = """
import os
from django.contrib.auth.models import Group, User
name, password = os.environ["EDITOR_NAME"], os.environ["EDITOR_PASSWORD"]
editor = User.objects.create_user(name, password=password, is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
"""
START_SECONDS = 60

# Environment variables of the developer's own shell that would point the site elsewhere.
INHERITED_SETTINGS = ("DJANGO_", "GUNICORN_", "WEB_CONCURRENCY", "PORT", "CLINIC_")


def die_with_the_test_run():
    """For a child process: end with SIGTERM when the test run's process ends, even if it
    is killed outright (Linux's parent-death signal), so no server outlives the run."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def port_is_free(port):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports(count):
    """`count` loopback ports nobody listens on."""
    wanted = os.environ.get("CLINIC_DEPLOY_PORTS", "")
    if wanted:
        first, _, last = wanted.partition("-")
        candidates = [p for p in range(int(first), int(last or first) + 1) if port_is_free(p)]
        if len(candidates) < count:
            raise RuntimeError(f"CLINIC_DEPLOY_PORTS={wanted} has fewer than {count} free ports")
        return candidates[:count]
    ports = set()
    while len(ports) < count:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            ports.add(probe.getsockname()[1])
    return sorted(ports)


def wait_for(check, what, seconds=START_SECONDS, process=None, log=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            tail = log.read_text()[-3000:] if log and log.exists() else ""
            raise RuntimeError(f"{what} exited with {process.returncode}:\n{tail}")
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not become ready within {seconds} s")


def stop_process(process, sig=signal.SIGTERM, seconds=30):
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class AppServer:
    """One gunicorn app server, run the way the docs' systemd unit runs it."""

    def __init__(self, name, port, env, log_dir):
        self.name = name
        self.port = port
        self.env = dict(env, GUNICORN_BIND=f"127.0.0.1:{port}")
        self.log = log_dir / f"gunicorn-{name}.log"
        self.process = None

    def start(self):
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [VENV_BIN / "gunicorn", "--config", "gunicorn.conf.py", "clinic_site.wsgi"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: master and workers
                preexec_fn=die_with_the_test_run,
            )
        wait_for(self._healthy, f"gunicorn {self.name}", process=self.process, log=self.log)

    def _healthy(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as connection:
            connection.sendall(
                b"GET /healthz HTTP/1.0\r\nHost: localhost\r\nX-Forwarded-Proto: https\r\n\r\n"
            )
            return connection.recv(64).split(b" ", 2)[1:2] == [b"200"]

    def stop(self, sig=signal.SIGTERM):
        """SIGTERM: a graceful stop (`systemctl stop`); SIGKILL: a crash of the server,
        master and workers at once (the process group this run started)."""
        if self.process is None:
            return
        if sig == signal.SIGKILL:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        else:
            stop_process(self.process, sig)
        self.process = None

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def browser(self, public_origin):
        """A client talking to this app server directly, as nginx does (plain HTTP with
        the headers nginx sets), on behalf of a browser at `public_origin`."""
        return Browser(
            "127.0.0.1",
            self.port,
            tls=None,
            host_header=public_origin.split("://", 1)[1],
            extra_headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"},
            origin=public_origin,
        )


class Deployment:
    """Everything docs/deploying.md describes, on loopback in `state` (a fresh folder)."""

    def __init__(self, state):
        self.state = state
        self.logs = state / "logs"
        self.media_root = state / "media"  # the shared uploads folder of both app servers
        self.static_root = state / "static"
        (
            self.http_port,
            self.https_port,
            self.smtp_port,
            port_a,
            port_b,
        ) = free_ports(5)
        self.origin = f"https://{SERVER_NAME}:{self.https_port}"
        self.env = self._site_environment()
        self.app_servers = [
            AppServer("a", port_a, self.env, self.logs),
            AppServer("b", port_b, self.env, self.logs),
        ]
        self.nginx = None
        self.mail = None
        self.notification_worker = None

    # --- Starting and stopping ----------------------------------------------------------

    def start(self):
        for folder in (self.logs, self.media_root, self.static_root, self.state / "var"):
            folder.mkdir(parents=True, exist_ok=True)
        # nginx's workers run as an unprivileged user when the run is root's: they must
        # be able to read the static files and uploads.
        for folder in (self.state, self.media_root, self.static_root):
            folder.chmod(0o755)
        started = time.monotonic()
        self._install_the_site()
        installed = time.monotonic()
        self.mail = MailSink(self.state / "mail", self.smtp_port, self.logs)
        self.mail.start()
        self._start_notification_worker()
        for server in self.app_servers:
            server.start()
        self._make_certificate()
        self._start_nginx()
        self.start_figures = (
            f"installed (migrate, demo content, collectstatic) in {installed - started:.0f} s, "
            f"servers started in {time.monotonic() - installed:.0f} s"
        )

    def stop(self):
        if self.nginx is not None:
            stop_process(self.nginx, signal.SIGQUIT)  # graceful shutdown
            self.nginx = None
        for server in self.app_servers:
            server.stop()
        if self.notification_worker is not None:
            stop_process(self.notification_worker)
            self.notification_worker = None
        if self.mail is not None:
            self.mail.stop()

    def _site_environment(self):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(INHERITED_SETTINGS)
        }
        for needed in ("DATABASE_URL", "REDIS_URL"):
            if not env.get(needed):
                raise RuntimeError(
                    f"{needed} is not set: run this under .ci/with-postgres-redis "
                    "(make test-deploy does)."
                )
        env.update(
            # /etc/clinic.env of docs/deploying.md, for this machine.
            DJANGO_SETTINGS_MODULE="clinic_site.settings",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),  # the same on both app servers
            DJANGO_ALLOWED_HOSTS=SERVER_NAME,
            DJANGO_SITE_URL=self.origin,
            DJANGO_VAR_DIR=str(self.state / "var"),
            DJANGO_MEDIA_ROOT=str(self.media_root),
            DJANGO_STATIC_ROOT=str(self.static_root),
            DJANGO_PROXY_COUNT="1",
            DJANGO_EMAIL_HOST="127.0.0.1",
            DJANGO_EMAIL_PORT=str(self.smtp_port),
            DJANGO_DEFAULT_FROM_EMAIL="svetaine@klinika.test",
            DJANGO_RECEPTION_EMAIL=RECEPTION_EMAIL,
            WEB_CONCURRENCY="2",
            GUNICORN_ACCESS_LOG="-",
            # The test's clients all come from 127.0.0.1 and send the form at machine
            # speed: the rate limit and the minimum fill time would refuse them.
            DJANGO_REGISTRATION_RATE_LIMIT="0",
            DJANGO_REGISTRATION_MIN_FILL_SECONDS="0",
            PYTHONPATH=str(ROOT),
        )
        return env

    def manage(self, *args, env_overrides=None):
        """`python manage.py ...` with the site's environment, as the docs' commands run."""
        result = subprocess.run(
            [VENV_BIN / "python", "manage.py", *args],
            cwd=ROOT,
            env=dict(self.env, **(env_overrides or {})),
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stdout}{result.stderr}")
        return result

    def _install_the_site(self):
        """The docs' install steps (the make target compiles the translations).
        collectstatic (compressing every file twice) runs beside the database steps."""
        collectstatic = subprocess.Popen(
            [VENV_BIN / "python", "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.manage("migrate", "--noinput")
        self.manage("load_demo_content")
        username, password = SUPERUSER
        self.manage(
            *("createsuperuser", "--noinput", "--username", username),
            *("--email", "admin@klinika.test"),
            env_overrides={"DJANGO_SUPERUSER_PASSWORD": password},
        )
        name, password = EDITOR
        self.manage(
            *("shell", "-c", MAKE_EDITOR),
            env_overrides={"EDITOR_NAME": name, "EDITOR_PASSWORD": password},
        )
        output, _ = collectstatic.communicate(timeout=300)
        if collectstatic.returncode:
            raise RuntimeError(f"manage.py collectstatic failed:\n{output}")

    def _start_notification_worker(self):
        """The clinic-notifications service of the docs: e-mails reception within seconds."""
        with open(self.logs / "notifications.log", "ab") as log:
            self.notification_worker = subprocess.Popen(
                [
                    *(VENV_BIN / "python", "manage.py", "send_pending_notifications"),
                    *("--every", "10", "--verbosity", "0"),
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=die_with_the_test_run,
            )

    def _make_certificate(self):
        self.certificate = self.state / "tls" / "fullchain.pem"
        self.key = self.state / "tls" / "privkey.pem"
        self.certificate.parent.mkdir()
        subprocess.run(
            [
                *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
                *("-keyout", self.key, "-out", self.certificate, "-subj", f"/CN={SERVER_NAME}"),
                *("-addext", f"subjectAltName=DNS:{SERVER_NAME},IP:127.0.0.1"),
            ],
            check=True,
            capture_output=True,
        )

    def _render_site(self, prefix, down=()):
        """deploy/nginx.conf for this run, through deploy/render-nginx-conf; the app
        servers in `down` are marked down (taken out of the upstream)."""
        site_values = {
            "CLINIC_SERVER_NAME": SERVER_NAME,
            "CLINIC_APP_SERVERS": " ".join(
                f"server 127.0.0.1:{server.port}{' down' if server in down else ''};"
                for server in self.app_servers
            ),
            "CLINIC_HTTP_LISTEN": f"127.0.0.1:{self.http_port}",
            "CLINIC_HTTPS_LISTEN": f"127.0.0.1:{self.https_port}",
            "CLINIC_TLS_CERTIFICATE": str(self.certificate),
            "CLINIC_TLS_KEY": str(self.key),
            "CLINIC_STATIC_ROOT": str(self.static_root),
            "CLINIC_MEDIA_ROOT": str(self.media_root),
        }
        site = subprocess.run(
            [ROOT / "deploy" / "render-nginx-conf"],
            env={"PATH": os.environ["PATH"], **site_values},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        (prefix / "clinic.conf").write_text(site)

    def _start_nginx(self):
        prefix = self.nginx_prefix = self.state / "nginx"
        (prefix / "temp").mkdir(parents=True)
        self._render_site(prefix)
        (prefix / "nginx.conf").write_text(main_nginx_conf(prefix))
        command = [NGINX, "-p", f"{prefix}/", "-c", f"{prefix}/nginx.conf", "-e", "error.log"]
        test = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True)
        if test.returncode:
            raise RuntimeError(f"nginx refused its configuration:\n{test.stderr}")
        self.nginx_error_log = prefix / "error.log"
        self.nginx = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=prefix,
            preexec_fn=die_with_the_test_run,
        )
        wait_for(
            lambda: self.browser().get("/healthz").status == 200,
            "nginx",
            process=self.nginx,
            log=self.nginx_error_log,
        )

    def take_out_of_nginx(self, *servers):
        """Mark these app servers `down` (none: put all back) and reload nginx, as the
        docs say to do before stopping an app server."""
        self._render_site(self.nginx_prefix, down=servers)
        old_workers = set(child_pids(self.nginx.pid))
        self.nginx.send_signal(signal.SIGHUP)  # systemctl reload nginx
        # Done when the old workers, still passing on requests they had accepted under
        # the old configuration, have finished them and exited.
        wait_for(
            lambda: not old_workers & set(child_pids(self.nginx.pid)),
            "nginx's reload",
            seconds=30,
        )

    def wait_until_nginx_uses_every_app_server(self):
        """After app servers come back: nginx tries a server it saw fail only after
        fail_timeout (10 s); until then requests may meet "no live upstreams"."""
        wait_for(
            lambda: all(self.browser().get("/healthz").status == 200 for _ in range(4)),
            "nginx passing requests to the app servers again",
            seconds=30,
        )

    # --- Clients --------------------------------------------------------------------------

    def tls_context(self):
        context = ssl.create_default_context(cafile=str(self.certificate))
        return context

    def browser(self):
        """A new visitor's browser, talking to nginx over HTTPS."""
        return Browser(
            "127.0.0.1",
            self.https_port,
            tls=self.tls_context(),
            host_header=f"{SERVER_NAME}:{self.https_port}",
            origin=self.origin,
            server_hostname=SERVER_NAME,
        )

    def plain_http_browser(self):
        return Browser("127.0.0.1", self.http_port, tls=None, host_header=SERVER_NAME)


def child_pids(pid):
    try:
        return (Path(f"/proc/{pid}/task/{pid}/children")).read_text().split()
    except FileNotFoundError:
        return []


def main_nginx_conf(prefix):
    """What Debian's /etc/nginx/nginx.conf holds, for an nginx of this run's own: in the
    foreground, with its pid, logs and temporary files under `prefix`. The site itself
    is deploy/nginx.conf, included as /etc/nginx/sites-enabled/ would be."""
    temp = "\n".join(
        f"    {kind}_temp_path {prefix}/temp/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""daemon off;
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;

events {{
    worker_connections 1024;
}}

http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    server_tokens off;
    access_log {prefix}/access.log;
{temp}

    include {prefix}/clinic.conf;
}}
"""


class MailSink:
    """The clinic's mail server: aiosmtpd on loopback, keeping each message in a maildir."""

    def __init__(self, maildir, port, log_dir):
        self.maildir = maildir
        self.port = port
        self.log = log_dir / "smtp.log"
        self.process = None

    def start(self):
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [
                    *(VENV_BIN / "python", "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}"),
                    *("-c", "aiosmtpd.handlers.Mailbox", str(self.maildir)),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=die_with_the_test_run,
            )
        wait_for(self._answers, "the SMTP sink", process=self.process, log=self.log)

    def _answers(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
            return connection.recv(3) == b"220"

    def stop(self):
        if self.process is not None:
            stop_process(self.process)
            self.process = None

    def messages(self):
        import mailbox

        return list(mailbox.Maildir(self.maildir, create=False))
