"""gunicorn's logs, from a real gunicorn with the project's gunicorn.conf.py, after
malformed and ordinary requests sent over raw sockets: no client address and no query
string in any line."""

import socket

import pytest
from django.conf import settings

from harness.server import Gunicorn, free_port, manage, site_environment

QUERY = "q=nugaros-skausmas-SECRET"
HOST = b"Host: 127.0.0.1\r\n"

REQUESTS = [
    # Malformed: gunicorn refuses these itself.
    b"GET /en/search/?%s HTTP/1.1 extra\r\n\r\n",
    b"GET /en/search/?%s HTTP/9.9\r\n" + HOST + b"\r\n",
    b"G@T /en/search/?%s HTTP/1.1\r\n" + HOST + b"\r\n",
    b"GET /en/search/?%s HTTP/1.1\r\n" + HOST + b"Bad Header: x\r\n\r\n",
    b"GET /en/search/?%s HTTP/1.1\r\n" + HOST + b"X: " + b"a" * 9000 + b"\r\n\r\n",
    b"GET /en/search/?%s" + b"a" * 9000 + b" HTTP/1.1\r\n\r\n",
    b"POST /en/registration/?%s HTTP/1.1\r\n" + HOST + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n",
    b"POST /en/registration/?%s HTTP/1.1\r\n"
    + HOST
    + b"Content-Length: 5\r\nContent-Length: 7\r\n\r\nabcde",
    # Refused by the site.
    b"GET /en/search/?%s HTTP/1.1\r\nHost: evil.example\r\n\r\n",
    b"POST /en/registration/?%s HTTP/1.1\r\n"
    + HOST
    + b"Content-Type: application/x-www-form-urlencoded; charset=latin-1\r\n"
    + b"Content-Length: 3\r\n\r\na=\xe9",
    # A path that would write a line of its own into the access log.
    b"GET /en/%%0D%%0AInjected-line/?%s HTTP/1.1\r\n" + HOST + b"\r\n",
    # Answered.
    b"GET /en/search/?%s HTTP/1.1\r\n" + HOST + b"\r\n",
    b"GET /en/no-such-page/?%s HTTP/1.1\r\n" + HOST + b"\r\n",
]


@pytest.fixture(scope="module")
def gunicorn_log(tmp_path_factory):
    state = tmp_path_factory.mktemp("gunicorn-logs")
    # gunicorn's default control socket would be $HOME/.gunicorn/gunicorn.ctl.
    env = site_environment(state, settings.STATIC_ROOT, HOME=str(state))
    env.pop("XDG_RUNTIME_DIR", None)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    log_path = state / "gunicorn.log"
    with Gunicorn(env, free_port(), log_path, workers=2) as server:
        port = int(server.base_url.rsplit(":", 1)[1])
        statuses = [send(port, request % QUERY.encode()) for request in REQUESTS]
        control_sockets = list(state.rglob("*.ctl"))
    return statuses, log_path.read_text(), control_sockets


def send(port, raw):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(raw)
        return connection.recv(64).split(b" ")[1:2]


def test_every_malformed_request_is_answered_without_a_server_error(gunicorn_log):
    statuses, _log, _sockets = gunicorn_log
    assert all(status and not status[0].startswith(b"5") for status in statuses), statuses


def test_no_query_string_in_any_log_line(gunicorn_log):
    _statuses, log, _sockets = gunicorn_log
    assert "SECRET" not in log
    assert "nugaros" not in log


def test_no_client_address_in_any_log_line(gunicorn_log):
    _statuses, log, _sockets = gunicorn_log
    lines = [line for line in log.splitlines() if "Listening at" not in line]
    assert not [line for line in lines if "127.0.0.1" in line]


def test_refused_requests_are_logged_by_kind_in_one_line_each(gunicorn_log):
    _statuses, log, _sockets = gunicorn_log
    assert "Invalid request refused: Invalid HTTP method" in log
    assert "Traceback" not in log


def test_gunicorn_opens_no_control_socket(gunicorn_log):
    _statuses, _log, control_sockets = gunicorn_log
    assert control_sockets == []


def test_a_path_cannot_write_a_line_of_its_own(gunicorn_log):
    _statuses, log, _sockets = gunicorn_log
    assert not [line for line in log.splitlines() if line.startswith("Injected-line")]
