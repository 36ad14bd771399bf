"""Load without loss, and faults: appointment requests through gunicorn on SQLite.

    python -m bench.registration_faults out.json

The site runs under gunicorn (gunicorn.conf.py, several sync workers) on a fresh SQLite
database, with a local SMTP sink (aiosmtpd) as the mail server and the rate limit off
(every client of a load test shares one address). Phases, each checked in the database:

1. mail server down: requests are answered and kept; the notification worker's round
   (`manage.py send_pending_notifications`) records each e-mail's failure;
   then a mail server that accepts connections and never answers: requests are
   answered as fast as with none (the form never talks to the mail server);
2. a worker killed (kill -9, by PID) half-way through REQUESTS requests from CLIENTS
   concurrent clients: no acknowledged request lost, a request whose connection broke
   is sent again and stored once;
3. load: the same load without faults;
4. database locked: another writer holds the SQLite write lock for LOCK_SECONDS while
   the clients send; requests wait and succeed;
5. the mail server back: `manage.py send_pending_notifications` sends every e-mail
   that has not gone out, one per request.
"""

import json
import os
import shutil
import signal
import smtplib
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import django

from harness.registration_load import new_submissions, submit_concurrently
from harness.server import PYTHON, ROOT, Gunicorn, manage, site_environment, worker_pids

STATE = ROOT / "bench" / "out" / "registration"
PORT = int(os.environ.get("BENCH_REGISTRATION_PORT", "8402"))
SMTP_PORT = int(os.environ.get("BENCH_SMTP_PORT", "8425"))
REQUESTS = int(os.environ.get("BENCH_REGISTRATIONS", "2000"))
CLIENTS = 32
MAIL_DOWN_REQUESTS = 100
LOCKED_REQUESTS = 200
LOCK_SECONDS = 5


class MailSink:
    """aiosmtpd on loopback, keeping every message it receives in a maildir."""

    def __init__(self, maildir):
        self.maildir = maildir  # made by the handler, with its new/ cur/ tmp/ folders
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                *(PYTHON, "-m", "aiosmtpd", "-n"),
                *("-l", f"127.0.0.1:{SMTP_PORT}", "-c", "aiosmtpd.handlers.Mailbox"),
                str(self.maildir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                smtplib.SMTP("127.0.0.1", SMTP_PORT, timeout=1).quit()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the SMTP sink did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)

    def received(self):
        return len(list((self.maildir / "new").iterdir()))


class HungMailServer:
    """A listening socket that never answers: a mail server that accepts and then hangs."""

    def __enter__(self):
        self.socket = socket.create_server(("127.0.0.1", SMTP_PORT), backlog=128)
        return self

    def __exit__(self, *exc_info):
        self.socket.close()


def send_pending_notifications(env):
    """One round of the notification worker; the last line of its output."""
    done = subprocess.run(
        [PYTHON, "manage.py", "send_pending_notifications"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return (done.stdout + done.stderr).strip().splitlines()[-1]


def summary(submissions, seconds, stored_tokens):
    """Figures of one load run, checked against the tokens found in the database."""
    latencies = sorted(submission.seconds for submission in submissions)
    acknowledged = [s for s in submissions if s.acknowledged]
    return {
        "requests": len(submissions),
        "seconds": round(seconds, 2),
        "per_second": round(len(submissions) / seconds, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
        "max_ms": round(latencies[-1] * 1000, 1),
        "answered_303": sum(s.status == 303 for s in submissions),
        "statuses": sorted({s.status for s in submissions}),
        "retried": sum(s.attempts > 1 for s in submissions),
        "connection_errors": sum(len(s.errors) for s in submissions),
        "stored": sum(s.token in stored_tokens for s in submissions),
        "acknowledged_but_lost": sum(s.token not in stored_tokens for s in acknowledged),
    }


def stored_tokens(submissions):
    from registration.models import AppointmentRequest

    tokens = [s.token for s in submissions]
    rows = list(
        AppointmentRequest.objects.filter(form_token__in=tokens).values_list(
            "form_token", flat=True
        )
    )
    assert len(rows) == len(set(rows)), "a request was stored twice"
    return set(rows)


def run_phase(site, form_path, submissions, while_running=None):
    from django.db import connection

    seconds = submit_concurrently(site.base_url, form_path, submissions, CLIENTS, while_running)
    result = summary(submissions, seconds, stored_tokens(submissions))
    connection.close()
    return result


def kill_a_worker_half_way(site, total, report):
    def watch(progress):
        while progress() < total // 2:
            time.sleep(0.01)
        victim = worker_pids(site.process.pid)[0]
        os.kill(victim, signal.SIGKILL)
        report["killed_worker_pid"] = victim
        report["killed_after"] = progress()

    return watch


def hold_the_write_lock(database, seconds, report):
    """Another writer: a plain sqlite3 connection holding BEGIN IMMEDIATE."""
    locked = threading.Event()

    def hold():
        writer = sqlite3.connect(database, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        locked.set()
        time.sleep(seconds)
        writer.execute("COMMIT")
        writer.close()
        report["lock_held_seconds"] = seconds

    thread = threading.Thread(target=hold)
    thread.start()
    locked.wait()
    return thread


def run_phases(site, sink, env, form_path):
    from registration.models import AppointmentRequest

    results = {"clients": CLIENTS}

    def report(phase, figures):
        results[phase] = figures
        print(f"[registration] {phase}: {json.dumps(figures)}", flush=True)

    mail_down = new_submissions(MAIL_DOWN_REQUESTS)
    figures = run_phase(site, form_path, mail_down)
    kept = AppointmentRequest.objects.filter(form_token__in=[s.token for s in mail_down])
    # The round stops at its first failure: one attempt recorded, the rest still waiting.
    figures["worker_round_output"] = send_pending_notifications(env)
    figures["kept_with_failure_recorded"] = kept.filter(
        notification_sent_at__isnull=True, notification_attempts__gte=1
    ).count()
    figures["kept_waiting_for_next_round"] = kept.filter(notification_attempts=0).count()
    report("mail down", figures)

    hung = new_submissions(MAIL_DOWN_REQUESTS, first_number=len(mail_down))
    with HungMailServer():
        figures = run_phase(site, form_path, hung)
    report("mail server hangs", figures)
    sink.start()

    killed = new_submissions(REQUESTS, first_number=len(mail_down) + len(hung))
    figures = {}
    watch = kill_a_worker_half_way(site, REQUESTS, figures)
    figures.update(run_phase(site, form_path, killed, watch))
    report("worker killed", figures)

    load = new_submissions(REQUESTS, first_number=len(mail_down) + len(hung) + REQUESTS)
    report("load", run_phase(site, form_path, load))
    results["workers"] = len(site.workers)

    locked = new_submissions(
        LOCKED_REQUESTS, first_number=len(mail_down) + len(hung) + 2 * REQUESTS
    )
    figures = {}
    holder = hold_the_write_lock(STATE / "db.sqlite3", LOCK_SECONDS, figures)
    figures.update(run_phase(site, form_path, locked))
    holder.join()
    report("database locked", figures)

    print("[registration] mail server back; the worker sends what is pending", flush=True)
    results["mail down"]["retry_command_output"] = send_pending_notifications(env)
    results["mail down"]["sent_by_retry"] = kept.filter(notification_sent_at__isnull=False).count()
    everything = AppointmentRequest.objects.all()
    results["stored_in_all"] = everything.count()
    results["sent_in_all"] = everything.filter(notification_sent_at__isnull=False).count()
    results["mails_received"] = sink.received()
    return results


def main():
    # Stopped from outside: unwind, so the servers this run started are stopped too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(f"stopped by signal {signum}"))
    out_file = sys.argv[1]
    shutil.rmtree(STATE, ignore_errors=True)
    STATE.mkdir(parents=True)
    env = site_environment(
        STATE,
        ROOT / "bench" / "out" / "static",
        DJANGO_REGISTRATION_RATE_LIMIT="0",
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(SMTP_PORT),
        DJANGO_EMAIL_TIMEOUT="5",
    )
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_demo_content", "--verbosity", "0")
    os.environ.update(env)
    django.setup()
    from django.urls import reverse
    from django.utils import translation

    with translation.override("lt"):
        form_path = reverse("registration:request")
    sink = MailSink(STATE / "mail")
    try:
        with Gunicorn(env, PORT, STATE / "gunicorn.log") as site:
            results = run_phases(site, sink, env, form_path)
    finally:
        sink.stop()
    log = (STATE / "gunicorn.log").read_text(errors="replace")
    results["database_is_locked_errors_in_log"] = log.count("database is locked")
    Path(out_file).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
