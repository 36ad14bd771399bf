"""`make bench`: the site under gunicorn, measured against the floor, at 10 and 10,000 articles.

For each number of articles: a fresh SQLite database filled by bench.generate_content,
the server-side cost of every page (bench.page_costs), gunicorn started in production
mode on 127.0.0.1, wrk at 1 and 16 connections against the floor and every page, the
browser's view (bench.browser_costs) and, on the largest database, Lighthouse. Then the
registration load and fault runs (bench.registration_faults). What it measures goes to
bench/out/results.json; bench.report turns that into bench/RESULTS.md and prints it.
See bench/README.md.
"""

import base64
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bench import report
from harness import chromium
from harness.server import PYTHON, ROOT, Gunicorn, manage, site_environment

BENCH = ROOT / "bench"
OUT = BENCH / "out"
STATIC_ROOT = OUT / "static"
PORT = int(os.environ.get("BENCH_PORT", "8401"))
LIMIT_PORT = PORT + 2  # PORT + 1 is the registration runs' (bench.registration_faults)
ARTICLE_COUNTS = [int(n) for n in os.environ.get("BENCH_ARTICLES", "10,10000").split(",")]
# Each page runs in SLICES slices of SLICE_SECONDS, each after a slice of the floor and
# one of the limit.
SLICES = 3
SLICE_SECONDS = int(os.environ.get("BENCH_SLICE_SECONDS", "2"))
WARM_UP_SECONDS = 2
CONNECTIONS = (1, 16)
LIGHTHOUSE_PAGES = ("home", "article list", "article", "registration form")
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
# Parts left out while working on one of the others: browser, lighthouse, registrations.
# A run that leaves any out writes bench/out/results.json but no RESULTS.md.
SKIP = set(filter(None, os.environ.get("BENCH_SKIP", "").split(",")))
LANGUAGE = "lt"  # throughput is measured on the default language's pages


def step(message):
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", flush=True)


# --- wrk ------------------------------------------------------------------------------

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * UNITS_MS[unit]


def wrk(url, connections, seconds):
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    percentiles = dict(re.findall(r"^\s*(50|99)%\s+([\d.]+(?:us|ms|s|m))\s*$", output, re.M))
    if set(percentiles) != {"50", "99"}:
        sys.exit(f"wrk's output from {url} has no latency percentiles:\n{output}")
    failures = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": to_ms(percentiles["50"]),
        "p99_ms": to_ms(percentiles["99"]),
        "failed": int(failures.group(1)) if failures else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def warm_up(url, connections):
    """Fill every worker's page cache (each keeps its own) before measuring."""
    subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{WARM_UP_SECONDS}s", url],
        capture_output=True,
        check=True,
    )


def combined(runs):
    """One figure for slices of equal length: mean requests/s, the median slice's p50 and
    the worst slice's p99."""
    return {
        "rps": statistics.mean(run["rps"] for run in runs),
        "p50_ms": statistics.median(run["p50_ms"] for run in runs),
        "p99_ms": max(run["p99_ms"] for run in runs),
        "failed": sum(run["failed"] for run in runs),
        "socket_errors": "; ".join(run["socket_errors"] for run in runs if run["socket_errors"]),
        "slices_rps": [run["rps"] for run in runs],
    }


def throughput(site, limit, floor_url, urls):
    """Every page against the floor and the limit at each concurrency, in alternating slices.

    The machine is shared, so its speed drifts; each slice of a page follows a slice of
    the floor and one of the limit (bench.limit answering with the same page's bytes), and
    the page's ratios are to those slices. The floor's and the limit's rows pool all of
    their slices.
    """
    results = {}
    for connections in CONNECTIONS:
        pooled, measured = {"floor": [], "limit": []}, {}
        for name, url in urls.items():
            warm_up(site.base_url + url, connections)
            runs = {"floor": [], "limit": [], "page": []}
            for _ in range(SLICES):
                runs["floor"].append(wrk(site.base_url + floor_url, connections, SLICE_SECONDS))
                runs["limit"].append(wrk(limit.base_url + url, connections, SLICE_SECONDS))
                runs["page"].append(wrk(site.base_url + url, connections, SLICE_SECONDS))
            pooled["floor"] += runs["floor"]
            pooled["limit"] += runs["limit"]
            page = measured[name] = combined(runs["page"])
            page["ratio"] = page["rps"] / combined(runs["floor"])["rps"]
            page["limit_rps"] = combined(runs["limit"])["rps"]
            page["limit_ratio"] = page["rps"] / page["limit_rps"]
            step(
                f"  c={connections} {name}: {page['rps']:.0f} req/s, {page['ratio']:.0%} of "
                f"the floor, {page['limit_ratio']:.0%} of the limit beside it"
            )
        floor, limit_row = combined(pooled["floor"]), combined(pooled["limit"])
        floor["ratio"], limit_row["ratio"] = 1.0, limit_row["rps"] / floor["rps"]
        results[str(connections)] = {"floor": floor, "limit": limit_row, **measured}
    return results


# Headers gunicorn adds to every answer itself, the limit's as much as the site's.
GUNICORN_HEADERS = {"date", "server", "connection"}


def get(site, url, headers=None):
    address = urlsplit(site.base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request("GET", url, headers=headers or {})
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


def capture(site, urls, path):
    """Each page's status, headers and body as the site sends them, for bench.limit."""
    pages = {}
    for url in [*urls.values(), "/healthz"]:
        response, body = get(site, url)
        parts = urlsplit(url)
        pages[unquote(parts.path) + ("?" + parts.query if parts.query else "")] = {
            "status": f"{response.status} {response.reason}",
            "headers": [h for h in response.getheaders() if h[0].lower() not in GUNICORN_HEADERS],
            "body": base64.b64encode(body).decode(),
        }
    path.write_text(json.dumps(pages))


def sent_sizes(site, urls):
    """Bytes of each page's body as sent to a client accepting nothing, gzip, or Brotli
    (what it sends, and in which encoding)."""
    sizes = {}
    for name, url in urls.items():
        sizes[name] = {}
        for accept in ("identity", "gzip", "gzip, deflate, br"):
            response, body = get(site, url, {"Accept-Encoding": accept})
            coding = response.getheader("Content-Encoding", "identity")
            sizes[name][accept.split(", ")[-1]] = {"coding": coding, "bytes": len(body)}
    return sizes


# --- Lighthouse -----------------------------------------------------------------------


def lighthouse(url, report_path, attempts=3):
    """Scores and failing audits of one Lighthouse run. A run that fails to record the
    page load (Lighthouse's NO_NAVSTART and the like, on a busy machine) is repeated."""
    env = dict(os.environ, CHROME_PATH=chromium.EXECUTABLE)
    for _attempt in range(attempts):
        completed = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report_path}",
                "--only-categories=performance,accessibility,best-practices,seo",
                f"--chrome-flags={' '.join(['--headless=new', *chromium.FLAGS])}",
            ],
            env=env,
        )
        path = Path(report_path)
        report = json.loads(path.read_text()) if path.exists() else {}
        if completed.returncode == 0 and "runtimeError" not in report:
            break
        error = report.get("runtimeError", {}).get("code", f"exit {completed.returncode}")
        step(f"  Lighthouse could not measure {url} ({error}); once more")
    else:
        sys.exit(f"Lighthouse failed {attempts} times on {url}; see {report_path}")
    scores, failing = {}, []
    for key, category in report["categories"].items():
        scores[key] = round(category["score"] * 100)
        for reference in category["auditRefs"]:
            audit = report["audits"][reference["id"]]
            if reference["weight"] and audit["score"] is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                failing.append(f"{key}: {audit['id']} – {audit['title']}{value}")
    return {"scores": scores, "failing": failing}


def lighthouse_median(url, report_stem):
    """Lighthouse once, and if performance is under 100 twice more; the median run counts.

    Performance is measured on this machine's CPU, which other work shares; the other
    categories do not vary from run to run.
    """
    runs = [lighthouse(url, f"{report_stem}-1.json")]
    if runs[0]["scores"]["performance"] < 100:
        runs += [lighthouse(url, f"{report_stem}-{number}.json") for number in (2, 3)]
    runs.sort(key=lambda run: run["scores"]["performance"])
    median = runs[len(runs) // 2]
    median["performance_runs"] = [run["scores"]["performance"] for run in runs]
    return median


# --- One database size ----------------------------------------------------------------


def measure_size(article_count):
    state = OUT / f"{article_count}-articles"
    shutil.rmtree(state, ignore_errors=True)
    state.mkdir(parents=True)
    env = site_environment(state, STATIC_ROOT, DJANGO_SETTINGS_MODULE="bench.settings")
    step(f"{article_count} articles: migrating and generating content")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    python = [PYTHON, "-m"]
    # Every save bumps the page cache's generation, a file write; on a throwaway folder
    # in memory those writes cost nothing. The server starts with a cache of its own.
    with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as tmp:
        subprocess.run(
            [*python, "bench.generate_content", "--articles", str(article_count)],
            env=dict(env, DJANGO_CACHE_DIR=tmp),
            cwd=ROOT,
            check=True,
        )
    step(f"{article_count} articles: uncached server-side cost of each page")
    costs_file = state / "page_costs.json"
    subprocess.run([*python, "bench.page_costs", str(costs_file)], env=env, cwd=ROOT, check=True)
    costs = json.loads(costs_file.read_text())
    urls = {name: by_code[LANGUAGE]["url"] for name, by_code in costs["pages"].items()}
    result = {"articles": costs["articles"], "costs": costs}
    with Gunicorn(env, PORT, state / "gunicorn.log") as site:
        limit_pages = state / "limit_pages.json"
        capture(site, urls, limit_pages)
        result["sent_sizes"] = sent_sizes(site, urls)
        limit_env = dict(env, BENCH_LIMIT_PAGES=str(limit_pages))
        with Gunicorn(limit_env, LIMIT_PORT, state / "limit.log", app="bench.limit") as limit:
            step(f"{article_count} articles: wrk, the floor, the limit and each page in turn")
            result["throughput"] = throughput(site, limit, costs["floor_url"], urls)
        result["workers"] = len(site.workers)
        if "browser" in SKIP:
            result["peak_worker_rss_kib"] = site.peak_worker_rss_kib
            return result
        step(f"{article_count} articles: Chromium loads each page")
        browser_file = state / "browser_costs.json"
        subprocess.run(
            [*python, "bench.browser_costs", site.base_url, str(costs_file), str(browser_file)],
            env=env,
            cwd=ROOT,
            check=True,
        )
        result["browser"] = json.loads(browser_file.read_text())
        if article_count == max(ARTICLE_COUNTS) and "lighthouse" not in SKIP:
            step(f"{article_count} articles: Lighthouse (mobile)")
            result["lighthouse"] = {
                name: lighthouse_median(site.base_url + urls[name], state / f"lighthouse-{i}")
                for i, name in enumerate(LIGHTHOUSE_PAGES)
            }
        result["peak_worker_rss_kib"] = site.peak_worker_rss_kib
    return result


def main():
    # Stopped from outside: unwind, so the servers this run started are stopped too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(f"stopped by signal {signum}"))
    started = datetime.now(UTC)
    clock = time.monotonic()
    OUT.mkdir(parents=True, exist_ok=True)
    if not shutil.which("wrk") or (not LIGHTHOUSE.exists() and "lighthouse" not in SKIP):
        sys.exit("wrk or Lighthouse is missing: run `make bench`, which installs them.")
    step("collectstatic")
    shutil.rmtree(STATIC_ROOT, ignore_errors=True)
    manage(site_environment(OUT, STATIC_ROOT), "collectstatic", "--noinput", "--verbosity", "0")
    results = [measure_size(count) for count in ARTICLE_COUNTS]
    if SKIP:
        report.RESULTS_JSON.write_text(json.dumps({"sizes": results}, indent=2))
        return f"left out {', '.join(sorted(SKIP))}: no RESULTS.md written"
    step("appointment requests: load and faults")
    registrations_file = OUT / "registrations.json"
    subprocess.run(
        [PYTHON, "-m", "bench.registration_faults", str(registrations_file)],
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        cwd=ROOT,
        check=True,
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    run = {
        "commit": commit,
        "started": f"{started:%Y-%m-%d %H:%M}",
        "elapsed_seconds": time.monotonic() - clock,
        **report.machine(),
        "setup": {
            "slices": SLICES,
            "slice_seconds": SLICE_SECONDS,
            "warm_up_seconds": WARM_UP_SECONDS,
            "connections": CONNECTIONS,
        },
        "sizes": results,
        "registrations": json.loads(registrations_file.read_text()),
    }
    report.RESULTS_JSON.write_text(json.dumps(run, indent=2))
    report.main()


if __name__ == "__main__":
    sys.exit(main())
