"""Fuzz: a few thousand malformed requests against the site as production runs it.

    python -m bench.fuzz        (or `make fuzz`)

gunicorn with gunicorn.conf.py in production mode on 127.0.0.1 (BENCH_FUZZ_PORT), on a
fresh SQLite database with the demo content, gets BENCH_FUZZ_REQUESTS requests (at most
BENCH_FUZZ_SECONDS seconds of them) over raw sockets from a few concurrent clients:
form posts in odd character sets and with odd values, broken and oversized multipart
bodies, huge bodies, odd query values and paths, bad cookies and headers, and request
lines gunicorn itself must refuse. Every query string carries a marker word.

It prints, and writes to bench/out/fuzz.json:
- answers by status class, and every request answered 5xx or not at all (target: none);
- log bytes and lines per request, tracebacks, and log lines holding the query marker or
  the client's address (target: 0);
- form posts acknowledged (303) against form posts stored, found in the database by
  their form stamps (target: equal, and nothing stored that was refused).

The clients sign form stamps with the server's SECRET_KEY, as docs/reception.md
describes, so a well-formed post is a real request; the rate limit is off (one address).
SQLite and the file cache by default; on PostgreSQL and Redis with
    PG_PORT=... REDIS_PORT=... .ci/with-postgres-redis env BENCH_FUZZ_SERVICES=1 \
        .venv/bin/python -m bench.fuzz
"""

import json
import os
import random
import shutil
import signal
import socket
import sys
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import django

from harness.server import ROOT, Gunicorn, manage, site_environment

STATE = ROOT / "bench" / "out" / "fuzz"
STATIC_ROOT = ROOT / "bench" / "out" / "static"
PORT = int(os.environ.get("BENCH_FUZZ_PORT", "8404"))
REQUESTS = int(os.environ.get("BENCH_FUZZ_REQUESTS", "3000"))
MAX_SECONDS = float(os.environ.get("BENCH_FUZZ_SECONDS", "300"))
CLIENTS = 8
MARKER = "fuzzmarker"  # in every query string; must never reach a log
HOST = b"127.0.0.1"

ODD_VALUES = [
    "",
    "\x00",
    "a\x00b",
    "²",
    "١٢",
    "-1",
    "0",
    "1e999",
    "9" * 40,
    "NaN",
    "ž" * 5000,
    "💉" * 50,
    "\u202eevil",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"',
    "*",
    "NEAR(",
    "a OR b",
    "^",
    ":",
    "()",
    "%",
    "\\",
    "\r\nX-Injected: 1",
    " " * 300,
    "１２３",
]
RAW_ODD_VALUES = [b"%FF%FE", b"%ED%A0%80", b"%C0%AF", b"%", b"%G1", b"%00", b"\xff\xfe"]
CHARSETS = [
    "latin-1",
    "utf8",
    "UTF-8",
    "utf-16",
    "iso-8859-13",
    "windows-1257",
    "x-no-such",
    '"utf-8"',
    "",
    "utf-8; charset=latin-1",
]
SECRET_KEY = os.environ.get("BENCH_FUZZ_SECRET_KEY") or os.urandom(32).hex()


@dataclass
class Case:
    kind: str
    raw: bytes
    token: str = ""  # the form stamp's token, for a form post that may be stored
    status: int = 0  # 0: no answer
    answer_expected: bool = True  # False for bytes that are not HTTP at all


class Fuzzer:
    def __init__(self, rng, paths, csrf_cookie, csrf_token):
        self.rng = rng
        self.paths = paths
        self.cookie = csrf_cookie
        self.token = csrf_token

    # --- building blocks -------------------------------------------------------------

    def request(self, method, target, headers=(), body=b""):
        lines = [f"{method} ".encode() + target + b" HTTP/1.1", b"Host: " + HOST]
        lines += list(headers)
        if body or method == "POST":
            lines.append(b"Content-Length: " + str(len(body)).encode())
        return b"\r\n".join(lines) + b"\r\n\r\n" + body

    def query(self, name, value):
        quoted = value if isinstance(value, bytes) else urllib.parse.quote(value, safe="")
        encoded = quoted if isinstance(quoted, bytes) else quoted.encode()
        return f"?m={MARKER}&{name}=".encode() + encoded

    def form(self):
        from registration.spam import FormStamp

        stamp = FormStamp.issue(issued_at=time.time() - 60)
        fields = {
            "csrfmiddlewaretoken": self.token,
            "name": "Fuzz Žemaitė",
            "phone": "8 602 26118",
            "email": "",
            "preferred_time": "any",
            "topic": "",
            "message": "Skauda nugarą",
            "consent": "on",
            "website": "",
            "form_stamp": stamp.signed(),
        }
        return fields, stamp.token

    def post(self, kind, token, content_type, body, extra=()):
        headers = [b"Cookie: csrftoken=" + self.cookie.encode(), *extra]
        if content_type is not None:
            headers.append(b"Content-Type: " + content_type)
        target = self.paths["form"].encode() + self.query("q", MARKER)
        return Case(kind, self.request("POST", target, headers, body), token)

    # --- cases -----------------------------------------------------------------------

    def charset_post(self):
        fields, token = self.form()
        charset = self.rng.choice(CHARSETS)
        try:
            body = urllib.parse.urlencode(
                fields, encoding=charset.strip('"') or "utf-8", errors="replace"
            )
        except LookupError:
            body = urllib.parse.urlencode(fields)
        content_type = b"application/x-www-form-urlencoded; charset=" + charset.encode()
        return self.post("form: charset", token, content_type, body.encode("ascii"))

    def odd_value_post(self):
        fields, token = self.form()
        field = self.rng.choice(["name", "phone", "email", "preferred_time", "message", "topic"])
        body = urllib.parse.urlencode(fields).encode()
        if self.rng.random() < 0.3:
            body += b"&" + field.encode() + b"=" + self.rng.choice(RAW_ODD_VALUES)
        else:
            fields[field] = self.rng.choice(ODD_VALUES)
            body = urllib.parse.urlencode(fields).encode()
        if self.rng.random() < 0.2:
            body = body.replace(b"consent=on", b"consent=on&consent=&consent=yes")
        if self.rng.random() < 0.1:
            body = b"&".join(p for p in body.split(b"&") if self.rng.random() > 0.2)
        return self.post("form: odd values", token, b"application/x-www-form-urlencoded", body)

    def multipart_post(self):
        fields, token = self.form()
        boundary = b"fuzzboundary"
        parts = [
            b'--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
            % (boundary, name.encode(), value.encode())
            for name, value in fields.items()
        ]
        variant = self.rng.choice(["plain", "file", "truncated", "no boundary", "bad", "big"])
        content_type = b"multipart/form-data; boundary=" + boundary
        if variant == "file":
            parts.append(
                b'--%s\r\nContent-Disposition: form-data; name="scan"; filename="a.pdf"\r\n'
                b"Content-Type: application/pdf\r\n\r\n%s\r\n" % (boundary, b"%PDF" * 20000)
            )
        body = b"".join(parts) + b"--" + boundary + b"--\r\n"
        if variant == "truncated":
            body = body[: len(body) // 2]
        elif variant == "no boundary":
            content_type = b"multipart/form-data"
        elif variant == "bad":
            body = body.replace(b"Content-Disposition: form-data; ", b"Content-Disposition: ")
        elif variant == "big":
            body += b"x" * (3 * 1024 * 1024)
        return self.post(f"form: multipart {variant}", token, content_type, body)

    def huge_post(self):
        fields, token = self.form()
        variant = self.rng.choice(["big message", "many fields", "odd type", "no csrf"])
        content_type = b"application/x-www-form-urlencoded"
        body = urllib.parse.urlencode(fields).encode()
        if variant == "big message":
            body += b"&message=" + b"a" * (2 * 1024 * 1024)
        elif variant == "many fields":
            body += b"".join(b"&f%d=1" % number for number in range(3000))
        elif variant == "odd type":
            content_type = self.rng.choice(
                [b"application/json", b"text/plain", b"; ;", b"a" * 3000, b"x/y; charset"]
            )
        else:
            return Case(
                "form: no CSRF cookie",
                self.request(
                    "POST",
                    self.paths["form"].encode(),
                    [b"Content-Type: " + content_type],
                    body,
                ),
                token,
            )
        return self.post(f"form: {variant}", token, content_type, body)

    def odd_get(self):
        path = self.rng.choice(list(self.paths.values()))
        parameter = self.rng.choice(["article", "page", "q", "next", "language"])
        value = self.rng.choice(ODD_VALUES + RAW_ODD_VALUES)
        target = path.encode() + self.query(parameter, value)
        if self.rng.random() < 0.15:
            target = self.rng.choice(
                [
                    b"/en/articles/%FF/",
                    b"/en/articles/%00/",
                    b"//",
                    b"/en/../admin/",
                    b"/en/articles/" + b"a" * 300 + b"/",
                    b"/%2e%2e/",
                    b"/lt/\xc5\xbe/",
                    b"/en/%0D%0Afake-line/",
                ]
            ) + self.query("q", MARKER)
        if self.rng.random() < 0.05:
            target = path.encode() + self.query("q", "a" * 6000)
        return Case(f"GET: odd {parameter}", self.request("GET", target))

    def odd_headers(self):
        path = self.rng.choice(list(self.paths.values()))
        header = self.rng.choice(
            [
                b"Cookie: \xff\xfe\x00garbage",
                b"Cookie: csrftoken=" + b"a" * 4000,
                b'Cookie: sessionid=../../etc/passwd; csrftoken="x',
                b"Cookie: " + b"; ".join(b"c%d=%d" % (n, n) for n in range(200)),
                b"Accept-Language: xx-YY;q=abc, *;q=1e999, ;;;",
                b"Accept-Language: " + b"lt," * 1000,
                b"X-Forwarded-For: garbage, , 999.1.1.1, ::::",
                b"X-Forwarded-Proto: https, http",
                b'If-None-Match: "\xff"',
                b"If-Modified-Since: yesterday",
                b"Range: bytes=-1-2,abc",
                b"X-Test: \xff\xfe\x80",
                b"Content-Type: multipart/form-data; boundary=" + b"b" * 3000,
            ]
        )
        target = path.encode() + self.query("q", MARKER)
        return Case("GET: odd header", self.request("GET", target, [header]))

    def raw_garbage(self):
        target = self.paths["search"].encode() + self.query("q", MARKER)
        host = b"Host: 127.0.0.1\r\n"
        name, raw = self.rng.choice(
            [
                ("extra word", b"GET " + target + b" HTTP/1.1 extra\r\n\r\n"),
                ("HTTP/9.9", b"GET " + target + b" HTTP/9.9\r\n" + host + b"\r\n"),
                ("bad method", b"G@T " + target + b" HTTP/1.1\r\n" + host + b"\r\n"),
                ("lower-case method", b"get " + target + b" HTTP/1.1\r\n" + host + b"\r\n"),
                ("folded header", b"GET " + target + b" HTTP/1.1\r\n" + host + b" x\r\n\r\n"),
                ("other host", b"GET " + target + b" HTTP/1.1\r\nHost: evil.example\r\n\r\n"),
                ("bad header", b"GET " + target + b" HTTP/1.1\r\n" + host + b"Bad H: 1\r\n\r\n"),
                (
                    "absolute URI",
                    b"GET http://evil.example" + target + b" HTTP/1.1\r\n" + host + b"\r\n",
                ),
                (
                    "two lengths",
                    b"POST "
                    + target
                    + b" HTTP/1.1\r\n"
                    + host
                    + b"Content-Length: 5\r\nContent-Length: 7\r\n\r\nabcde",
                ),
                (
                    "bad chunk",
                    b"POST "
                    + target
                    + b" HTTP/1.1\r\n"
                    + host
                    + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n",
                ),
                (
                    "chunked and length",
                    b"POST "
                    + target
                    + b" HTTP/1.1\r\n"
                    + host
                    + b"Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
                ),
                (
                    "body shorter than said",
                    b"POST "
                    + target
                    + b" HTTP/1.1\r\n"
                    + host
                    + b"Content-Length: 500000\r\n\r\nshort",
                ),
                # Not HTTP at all: closing the connection without an answer is right.
                ("HTTP/0.9", b"GET " + target + b"\r\n\r\n"),
                ("TLS hello", b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + os.urandom(32)),
                ("random bytes", os.urandom(200)),
            ]
        )
        answer_expected = name not in {"HTTP/0.9", "TLS hello", "random bytes"}
        return Case(f"raw: {name}", raw, answer_expected=answer_expected)

    def admin_login(self):
        """Wrong passwords with odd user names and forged forwarded addresses: the login
        lockout stores both."""
        fields = {
            "csrfmiddlewaretoken": self.token,
            "username": self.rng.choice(["reception", *ODD_VALUES]),
            "password": self.rng.choice(["wrong", "\x00", "ž" * 1000]),
        }
        forwarded = self.rng.choice(["garbage", "1.2.3.4", "::1, x", "999.1.1.1", ""])
        headers = [
            b"Cookie: csrftoken=" + self.cookie.encode(),
            b"Content-Type: application/x-www-form-urlencoded",
            b"X-Forwarded-For: " + forwarded.encode(),
        ]
        body = urllib.parse.urlencode(fields).encode()
        target = self.paths["admin"].encode() + self.query("next", "/admin/")
        return Case("admin: failed login", self.request("POST", target, headers, body))

    def next_case(self):
        builders = [
            (self.charset_post, 15),
            (self.odd_value_post, 20),
            (self.multipart_post, 10),
            (self.huge_post, 5),
            (self.odd_get, 30),
            (self.odd_headers, 10),
            (self.raw_garbage, 10),
            (self.admin_login, 5),
        ]
        builder = self.rng.choices([b for b, _ in builders], [w for _, w in builders])[0]
        return builder()


def send(case):
    """Send the raw request, close our side, and read the status line."""
    try:
        with socket.create_connection(("127.0.0.1", PORT), timeout=35) as connection:
            try:
                connection.sendall(case.raw)
                connection.shutdown(socket.SHUT_WR)
            except OSError:
                pass  # the server answered and closed before reading everything
            answer = b""
            while b"\r\n" not in answer and len(answer) < 64:
                chunk = connection.recv(64)
                if not chunk:
                    break
                answer += chunk
    except OSError:
        return case
    parts = answer.split(b" ", 2)
    if len(parts) >= 2 and parts[0].startswith(b"HTTP/") and parts[1].isdigit():
        case.status = int(parts[1])
    return case


def csrf_session(form_path):
    with socket.create_connection(("127.0.0.1", PORT), timeout=10) as connection:
        connection.sendall(b"GET " + form_path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    text = answer.decode("utf-8", "replace")
    cookie = text.split("csrftoken=", 1)[1].split(";", 1)[0]
    token = text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    return cookie, token


def site_paths():
    from django.urls import reverse
    from django.utils import translation

    from articles.models import Article

    paths = {"healthz": "/healthz", "robots": "/robots.txt", "admin": "/admin/login/"}
    for language in ("lt", "en"):
        with translation.override(language):
            paths[f"home {language}"] = reverse("home")
            paths[f"list {language}"] = reverse("articles:list")
            paths[f"form {language}"] = reverse("registration:request")
            article = Article.objects.published().first()
            if article:
                paths[f"article {language}"] = article.get_absolute_url()
            paths[f"search {language}"] = reverse("search:search")
    paths["form"] = paths["form lt"]
    paths["search"] = paths["search lt"]
    return paths


def stored_tokens(tokens):
    from registration.models import AppointmentRequest

    stored = AppointmentRequest.objects.filter(form_token__in=tokens)
    return set(stored.values_list("form_token", flat=True))


def report(cases, seconds, log_text, log_lines_before):
    answered = [case for case in cases if case.status]
    classes = Counter(f"{case.status // 100}xx" for case in answered)
    failures = Counter(
        f"{case.kind}: {case.status or 'no answer'}"
        for case in cases
        if case.status >= 500 or (case.answer_expected and not case.status)
    )
    posts = [case for case in cases if case.token]
    acknowledged = {case.token for case in posts if case.status == 303}
    stored = stored_tokens([case.token for case in posts])
    lines = log_text.splitlines()[log_lines_before:]
    log_bytes = sum(len(line) + 1 for line in lines)
    return {
        "requests": len(cases),
        "seconds": round(seconds, 1),
        "by_status_class": dict(sorted(classes.items())),
        "by_kind": dict(sorted(Counter(case.kind for case in cases).items())),
        "server_errors_5xx": sum(case.status >= 500 for case in cases),
        "no_answer": sum(case.answer_expected and not case.status for case in cases),
        "not_http_closed_without_answer": sum(
            not case.answer_expected and not case.status for case in cases
        ),
        "failures": dict(failures.most_common()),
        "log_bytes_per_request": round(log_bytes / len(cases), 1),
        "log_lines_per_request": round(len(lines) / len(cases), 2),
        "log_tracebacks": sum("Traceback" in line for line in lines),
        "log_lines_with_control_characters": sum(
            any(ord(c) < 32 and c != "\t" for c in line) for line in lines
        ),
        "log_lines_with_query_marker": sum(MARKER in line for line in lines),
        "log_lines_with_client_address": sum(
            "127.0.0.1" in line and "Listening at" not in line for line in lines
        ),
        "form_posts": len(posts),
        "acknowledged": len(acknowledged),
        "stored": len(stored),
        "acknowledged_but_not_stored": len(acknowledged - stored),
        "stored_but_refused": len(stored - acknowledged),
    }


def print_report(figures):
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    verdicts = {
        "5xx (target 0)": figures["server_errors_5xx"],
        "no answer (target 0)": figures["no_answer"],
        "log lines with the query marker (target 0)": figures["log_lines_with_query_marker"],
        "log lines with the client address (target 0)": figures["log_lines_with_client_address"],
        "tracebacks in the log (target 0)": figures["log_tracebacks"],
        "log lines with control characters (target 0)": figures[
            "log_lines_with_control_characters"
        ],
    }
    for name, value in verdicts.items():
        print(f"{'OK  ' if value == 0 else 'FAIL'} {name}: {value}")
    equal = figures["acknowledged"] == figures["stored"] and not figures["stored_but_refused"]
    print(
        f"{'OK  ' if equal else 'FAIL'} stored {figures['stored']} of "
        f"{figures['acknowledged']} acknowledged form posts (target: equal)"
    )
    print(f"     log: {figures['log_bytes_per_request']} bytes per request")
    return all(value == 0 for value in verdicts.values()) and equal


def main():
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(f"stopped by signal {signum}"))
    shutil.rmtree(STATE, ignore_errors=True)
    STATE.mkdir(parents=True)
    # BENCH_FUZZ_SERVICES=1 under .ci/with-postgres-redis: the site on its PostgreSQL
    # and Redis (DATABASE_URL, REDIS_URL) instead of SQLite and files.
    services = {}
    if os.environ.get("BENCH_FUZZ_SERVICES"):
        services = {name: os.environ[name] for name in ("DATABASE_URL", "REDIS_URL")}
    env = site_environment(
        STATE,
        STATIC_ROOT,
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_REGISTRATION_RATE_LIMIT="0",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        # As behind nginx: the address is the last X-Forwarded-For entry, if there is one.
        DJANGO_PROXY_COUNT="1",
        **services,
    )
    # Always: a manifest from before a change to the static files would fail pages.
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_demo_content", "--verbosity", "0")
    os.environ.update(env)
    django.setup()
    paths = site_paths()
    log_path = STATE / "gunicorn.log"
    with Gunicorn(env, PORT, log_path):
        log_lines_before = len(log_path.read_text(errors="replace").splitlines())
        fuzzer = Fuzzer(random.Random(13), paths, *csrf_session(paths["form"]))
        cases = [fuzzer.next_case() for _ in range(REQUESTS)]
        started = time.monotonic()
        deadline = started + MAX_SECONDS
        with ThreadPoolExecutor(CLIENTS) as pool:
            sent = list(
                pool.map(lambda case: send(case) if time.monotonic() < deadline else None, cases)
            )
        cases = [case for case in sent if case is not None]
        seconds = time.monotonic() - started
    figures = report(cases, seconds, log_path.read_text(errors="replace"), log_lines_before)
    (STATE.parent / "fuzz.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    sys.exit(0 if print_report(figures) else 1)


if __name__ == "__main__":
    main()
