"""100 slow clients held open against nginx over TLS, while pages and /healthz keep
answering: request headers sent a line a second and never finished (slowloris), or a
form's body sent a byte a second.

gunicorn's sync workers alone are blocked by one such client each; nginx reads a request
whole before it reaches an app server, and cuts off headers that take too long
(client_header_timeout).
"""

import socket
import statistics
import threading
import time
from contextlib import contextmanager

import pytest

from tests.deploy.visitors import url

pytestmark = pytest.mark.deploy

SLOW_CLIENTS = 100
PROBE_SECONDS = 5
HEADER_TIMEOUT = 10  # client_header_timeout in deploy/nginx.conf


SLOW_HEADERS = (b"GET /lt/ HTTP/1.1\r\nHost: localhost\r\nUser-Agent: slow\r\n", "X-Slow-{}: a\r\n")
SLOW_BODY = (
    b"POST /lt/registracija/ HTTP/1.1\r\nHost: localhost\r\nUser-Agent: slow\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nname=",
    "a",
)


class SlowClient(threading.Thread):
    """Sends `start_bytes`, then `drip` (formatted with a counter) once a second until the
    server closes the connection or the test ends."""

    def __init__(self, deployment, stop, start, drip):
        super().__init__(daemon=True)
        self.deployment = deployment
        self.stop = stop
        self.start_bytes, self.drip = start, drip
        self.connected = threading.Event()
        self.closed_by_server_after = None
        self.answer = b""

    def run(self):
        raw = socket.create_connection(("127.0.0.1", self.deployment.https_port), timeout=30)
        with self.deployment.tls_context().wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(self.start_bytes)
            opened = time.monotonic()
            self.connected.set()
            tls.settimeout(1)
            number = 0
            while not self.stop.is_set():
                try:
                    tls.sendall(self.drip.format(number).encode())
                    number += 1
                    chunk = tls.recv(1024)
                except TimeoutError:
                    continue
                except OSError:
                    chunk = b""
                self.answer += chunk
                self.closed_by_server_after = time.monotonic() - opened
                return


def probe(browser, paths, seconds):
    """Fetch the paths in turn for `seconds`; (path, status, seconds taken) each."""
    results = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for path in paths:
            started = time.monotonic()
            try:
                status = browser.get(path, timeout=10).status
            except OSError as error:
                status = type(error).__name__
            results.append((path, status, time.monotonic() - started))
    return results


@contextmanager
def slow_clients(deployment, kind):
    """SLOW_CLIENTS connected slow clients, stopped when the block ends."""
    stop = threading.Event()
    clients = [SlowClient(deployment, stop, *kind) for _ in range(SLOW_CLIENTS)]
    try:
        for client in clients:
            client.start()
        for client in clients:
            assert client.connected.wait(20), "a slow client could not connect"
        yield clients
    finally:
        stop.set()


def probe_pages(deployment):
    return probe(deployment.browser(), ["/healthz", "/lt/", url("articles:list")], PROBE_SECONDS)


def summary(results):
    latencies = sorted(seconds for _path, _status, seconds in results)
    return (
        f"{len(results)} requests answered meanwhile, median "
        f"{statistics.median(latencies) * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
    )


def test_pages_and_healthz_answer_while_100_slow_clients_hold_connections(deployment):
    with slow_clients(deployment, SLOW_HEADERS) as clients:
        results = probe_pages(deployment)
        held = sum(client.closed_by_server_after is None for client in clients)
        # Kept on until nginx gives up on them.
        for client in clients:
            client.join(HEADER_TIMEOUT + 10)

    cut_off = [c.closed_by_server_after for c in clients if c.closed_by_server_after]
    print(
        f"\n{held} of {SLOW_CLIENTS} slow clients held open; {summary(results)}; nginx cut "
        f"the slow clients off after {min(cut_off):.1f}-{max(cut_off):.1f} s"
    )
    assert held == SLOW_CLIENTS, "nginx closed slow clients before the probes ended"
    assert {status for _path, status, _seconds in results} == {200}, results
    assert len(cut_off) == SLOW_CLIENTS, "nginx left slow clients connected"
    assert all(b"408" in c.answer or c.answer == b"" for c in clients)


def test_pages_and_healthz_answer_while_100_slow_form_bodies_trickle_in(deployment):
    with slow_clients(deployment, SLOW_BODY) as clients:
        results = probe_pages(deployment)
        held = sum(client.closed_by_server_after is None for client in clients)

    print(f"\n{held} of {SLOW_CLIENTS} slow form bodies held open; {summary(results)}")
    assert held == SLOW_CLIENTS
    assert {status for _path, status, _seconds in results} == {200}, results
