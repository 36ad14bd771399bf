"""gunicorn settings for `make serve`, the benchmarks and production.

Each value can be overridden with the environment variable named beside it. gunicorn is
never to face the internet by itself: nginx in front buffers slow and large requests
(docs/deploying.md).
"""

import gc
import logging
import multiprocessing
import os
import re

from gunicorn.glogging import Logger

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Load the app once in the master, so workers share its memory and start fast.
preload_app = True


def when_ready(server):
    """Once the app is loaded in the master: leave its objects out of garbage collection,
    so workers neither scan them nor copy the memory pages holding them."""
    gc.freeze()


forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# No runtime control socket: by default gunicorn opens one in $HOME/.gunicorn/, shared by
# every instance the same user runs. Restarts go through signals (systemd's reload: HUP).
control_socket_disable = True

# No personal data in logs. The access log has the method, the path without its query
# string (a search query can name a patient's symptoms), status, size and time: no
# client address, no query, no referrer, no browser.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"


class PrivateRecords(logging.Filter):
    """Rewrites gunicorn's error-log records that would carry a client's address or a
    query string: a refused malformed request ("Invalid request from ip=...: <the request
    line or header>") keeps only the kind of error; a failed request keeps its path."""

    REFUSED = "Invalid request from ip="

    def filter(self, record):
        message = record.getMessage()
        if message.startswith(self.REFUSED):
            error = message.split(": ", 1)[1] if ": " in message else ""
            record.msg, record.args = "Invalid request refused: %s", (error_kind(error),)
        elif isinstance(record.args, tuple) and record.args:
            record.args = tuple(without_query(arg) for arg in record.args)
        return True


def error_kind(error):
    """'Invalid HTTP request line: <the line>' -> 'Invalid HTTP request line'."""
    return re.split(r"""[:'"(]""", error, maxsplit=1)[0].strip() or "malformed request"


def escape_controls(text):
    return re.sub(r"[\x00-\x1f\x7f]", lambda match: f"\\x{ord(match.group()):02x}", text)


def without_query(value):
    return value.split("?", 1)[0] if isinstance(value, str) else value


class PrivateLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        """The access log's values, with control characters escaped: a path such as
        /%0Afake-line must not write a line of its own."""
        atoms = super().atoms(resp, req, environ, request_time)
        for name in ("m", "U"):
            if isinstance(atoms.get(name), str):
                atoms[name] = escape_controls(atoms[name])
        return atoms

    def setup(self, cfg):
        super().setup(cfg)
        if not any(isinstance(f, PrivateRecords) for f in self.error_log.filters):
            self.error_log.addFilter(PrivateRecords())


logger_class = PrivateLogger
