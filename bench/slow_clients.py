"""Slow clients against gunicorn alone, per worker class: why nginx stays in front.

    python -m bench.slow_clients

For sync workers and for gthread workers (GUNICORN_THREADS threads each), gunicorn with
gunicorn.conf.py in production mode on 127.0.0.1 (BENCH_SLOW_PORT) is measured twice:
- the floor view's requests per second (wrk, 16 connections), the benchmarks' yardstick;
- with N connections that send their headers a byte a second and never finish, whether
  /healthz still answers (5 probes, 3 s each) and how fast.
It prints one table; docs/deploying.md quotes it.
"""

import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import threading
import time

from harness.server import ROOT, Gunicorn, manage, site_environment

STATE = ROOT / "bench" / "out" / "slow-clients"
STATIC_ROOT = ROOT / "bench" / "out" / "static"
PORT = int(os.environ.get("BENCH_SLOW_PORT", "8405"))
WORKERS = 5
THREADS = 4
SLOW_CLIENTS = (WORKERS, WORKERS * THREADS, 100)
PROBES = 5


def floor_per_second(base_url):
    output = subprocess.run(
        ["wrk", "-t1", "-c16", "-d5s", f"{base_url}/bench/floor/"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("Requests/sec"))
    return float(line.split()[1])


def hold_slow_connections(count, stop):
    connections = []
    for _ in range(count):
        connection = socket.create_connection(("127.0.0.1", PORT), timeout=5)
        connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        connections.append(connection)

    def trickle():
        while not stop.wait(1):
            for connection in connections:
                with contextlib.suppress(OSError):
                    connection.sendall(b"a")
        for connection in connections:
            connection.close()

    thread = threading.Thread(target=trickle)
    thread.start()
    return thread


def probe_healthz():
    started = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", PORT), timeout=3) as connection:
            connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            if connection.recv(12).startswith(b"HTTP/1.1 200"):
                return time.perf_counter() - started
    except OSError:
        pass
    return None


def measure(env, threads):
    env = dict(env, GUNICORN_THREADS=str(threads))
    row = {"threads": threads}
    with Gunicorn(env, PORT, STATE / f"gunicorn-{threads}.log", workers=WORKERS) as site:
        row["floor_per_second"] = floor_per_second(site.base_url)
        for count in SLOW_CLIENTS:
            stop = threading.Event()
            trickler = hold_slow_connections(count, stop)
            time.sleep(2)
            answers = [probe_healthz() for _ in range(PROBES)]
            stop.set()
            trickler.join()
            times = [answer for answer in answers if answer is not None]
            row[count] = (len(times), statistics.median(times) * 1000 if times else None)
            time.sleep(1)
    return row


def main():
    shutil.rmtree(STATE, ignore_errors=True)
    STATE.mkdir(parents=True)
    env = site_environment(STATE, STATIC_ROOT)
    # Always: a manifest from before a change to the static files would fail pages.
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    rows = [measure(env, 1), measure(env, THREADS)]
    header = " | ".join(f"/healthz with {count} slow clients" for count in SLOW_CLIENTS)
    print(f"| workers | floor, requests/s | {header} |")
    print("|---|---|" + "---|" * len(SLOW_CLIENTS))
    for row in rows:
        kind = "sync" if row["threads"] == 1 else f"gthread, {row['threads']} threads"
        cells = []
        for count in SLOW_CLIENTS:
            answered, median_ms = row[count]
            cells.append(
                f"{answered}/{PROBES} answered"
                + (f", median {median_ms:.0f} ms" if median_ms is not None else "")
            )
        print(f"| {WORKERS} {kind} | {row['floor_per_second']:.0f} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
