"""`make bench`: the site under gunicorn, measured against the floor, at 10 and 10,000 articles.

For each number of articles: a fresh SQLite database filled by bench.generate_content,
the server-side cost of every page (bench.page_costs), gunicorn started in production
mode on 127.0.0.1, wrk at 1 and 16 connections against the floor and every page, the
browser's view (bench.browser_costs) and, on the largest database, Lighthouse. Then the
registration load and fault runs (bench.registration_load). The table is printed and
written to bench/RESULTS.md. See bench/README.md.
"""

import json
import os
import platform
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

from bench import chromium
from bench.server import PYTHON, ROOT, Gunicorn, manage, site_environment

BENCH = ROOT / "bench"
OUT = BENCH / "out"
STATIC_ROOT = OUT / "static"
PORT = 8401
ARTICLE_COUNTS = [int(n) for n in os.environ.get("BENCH_ARTICLES", "10,10000").split(",")]
# Each page runs in SLICES slices of SLICE_SECONDS, each after a slice of the floor.
SLICES = 3
SLICE_SECONDS = int(os.environ.get("BENCH_SLICE_SECONDS", "2"))
WARM_UP_SECONDS = 2
CONNECTIONS = (1, 16)
THROUGHPUT_TARGET = 0.8
FIRST_ROUND_TRIP_BYTES = 14 * 1024
LIGHTHOUSE_PAGES = ("home", "article list", "article", "registration form")
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
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


def throughput(site, floor_url, urls):
    """Every page against the floor at each concurrency, in alternating slices.

    The machine is shared, so its speed drifts; each slice of a page follows a slice of
    the floor, and the page's ratio is to those floor slices. The floor's row pools all
    of its slices.
    """
    results = {}
    for connections in CONNECTIONS:
        floor_slices, measured = [], {}
        for name, url in urls.items():
            warm_up(site.base_url + url, connections)
            floor_runs, page_runs = [], []
            for _ in range(SLICES):
                floor_runs.append(wrk(site.base_url + floor_url, connections, SLICE_SECONDS))
                page_runs.append(wrk(site.base_url + url, connections, SLICE_SECONDS))
            floor_slices += floor_runs
            measured[name] = combined(page_runs)
            measured[name]["ratio"] = measured[name]["rps"] / combined(floor_runs)["rps"]
            step(
                f"  c={connections} {name}: {measured[name]['rps']:.0f} req/s, "
                f"{measured[name]['ratio']:.0%} of the floor beside it"
            )
        floor = combined(floor_slices)
        floor["ratio"] = 1.0
        results[connections] = {"floor": floor, **measured}
    return results


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
    env = site_environment(state, STATIC_ROOT)
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
        step(f"{article_count} articles: wrk, the floor and each page in turn")
        result["throughput"] = throughput(site, costs["floor_url"], urls)
        result["workers"] = len(site.workers)
        step(f"{article_count} articles: Chromium loads each page")
        browser_file = state / "browser_costs.json"
        subprocess.run(
            [*python, "bench.browser_costs", site.base_url, str(costs_file), str(browser_file)],
            env=env,
            cwd=ROOT,
            check=True,
        )
        result["browser"] = json.loads(browser_file.read_text())
        if article_count == max(ARTICLE_COUNTS):
            step(f"{article_count} articles: Lighthouse (mobile)")
            result["lighthouse"] = {
                name: lighthouse_median(site.base_url + urls[name], state / f"lighthouse-{i}")
                for i, name in enumerate(LIGHTHOUSE_PAGES)
            }
        result["peak_worker_rss_kib"] = site.peak_worker_rss_kib
    return result


# --- Report ---------------------------------------------------------------------------


def kib(size):
    return f"{size / 1024:.1f}"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def throughput_table(result):
    header = ["page"]
    for c in CONNECTIONS:
        header += [f"c={c} req/s", f"c={c} p50 ms", f"c={c} p99 ms", f"c={c} vs floor"]
    rows = []
    for name in result["throughput"][CONNECTIONS[0]]:
        row = [name]
        for c in CONNECTIONS:
            run = result["throughput"][c][name]
            ratio = f"{run['ratio']:.0%}"
            if run["failed"] or run["socket_errors"]:
                ratio += f" ({run['failed']} failed {run['socket_errors']})"
            row += [f"{run['rps']:.0f}", f"{run['p50_ms']:.2f}", f"{run['p99_ms']:.2f}", ratio]
        rows.append(row)
    floors = ", ".join(
        f"c={c}: {min(slices):.0f}–{max(slices):.0f}"
        for c in CONNECTIONS
        for slices in [result["throughput"][c]["floor"]["slices_rps"]]
    )
    return (
        table(header, rows)
        + f"\n\nEach page ran in {SLICES} slices of {SLICE_SECONDS} s, each right after a "
        f"{SLICE_SECONDS} s slice of the floor; its ratio is to those floor slices. req/s is the "
        "mean of the slices, p50 the median slice's, p99 the worst slice's. The floor's row "
        f"pools all its slices; they ranged over (req/s) {floors}, which shows how much the "
        "shared machine's speed drifted."
    )


def costs_table(results):
    counts = [r["articles"] for r in results]
    header = ["page", "lang"]
    for label in ("SQL queries", "render ms (uncached)", "HTML KiB raw / gzip / br"):
        header += [f"{label} @{n}" for n in counts]
    header += [f"browser requests / KiB @{n}" for n in counts]
    rows = []
    first = results[0]["costs"]["pages"]
    for name, by_code in first.items():
        for code in by_code:
            pages = [r["costs"]["pages"][name][code] for r in results]
            browser = [r["browser"][name][code] for r in results]
            row = [name, code]
            row += [page["queries"] for page in pages]
            row += [page["render_ms"] for page in pages]
            row += [
                " / ".join(kib(page["html"][k]) for k in ("raw", "gzip", "brotli"))
                for page in pages
            ]
            row += [f"{b['requests']} / {kib(b['bytes'])}" for b in browser]
            rows.append(row)
    return table(header, rows)


def first_round_trip(results):
    lines = []
    for result in results:
        css = result["costs"]["stylesheet"]
        for code, page in result["costs"]["pages"]["article"].items():
            gzip_total = page["html"]["gzip"] + css["gzip"]
            brotli_total = page["html"]["brotli"] + css["brotli"]
            verdict = "fits" if gzip_total <= FIRST_ROUND_TRIP_BYTES else "does NOT fit"
            lines.append(
                f"- {result['articles']} articles, article page ({code}): HTML+CSS "
                f"{kib(gzip_total)} KiB gzip, {kib(brotli_total)} KiB Brotli – {verdict} "
                f"in 14 KiB"
            )
    return "\n".join(lines)


def render_blocking(results):
    lines = []
    result = results[-1]
    for name, by_code in result["browser"].items():
        for code, load in by_code.items():
            blocking = ", ".join(
                f"{entry['url'].split('/')[-1]} ({kib(entry['bytes'])} KiB)"
                for entry in load["render_blocking"]
            )
            lines.append(f"- {name} ({code}): {len(load['render_blocking'])} – {blocking}")
    return "\n".join(lines)


def lighthouse_section(results):
    reports = results[-1].get("lighthouse", {})
    categories = ["performance", "accessibility", "best-practices", "seo"]
    rows = [
        [name, *(report["scores"][c] for c in categories), report["performance_runs"]]
        for name, report in reports.items()
    ]
    text = table(["page", *categories, "performance, every run"], rows)
    text += (
        "\n\nOn the largest database. A page under 100 for performance is run three times "
        "and the median run counts: that score depends on this machine's CPU, shared with "
        "everything else running on it."
    )
    failing = [f"- {name}: {audit}" for name, r in reports.items() for audit in r["failing"]]
    return text + "\n\n" + ("\n".join(failing) if failing else "Every audit passes.")


def registrations_section(figures):
    phases = ["load", "worker killed", "database locked", "mail down"]
    header = ["run", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "answered 303"]
    header += ["stored once", "acknowledged but lost", "sent again"]
    rows = [
        [
            phase,
            f["requests"],
            f["per_second"],
            f["p50_ms"],
            f["p99_ms"],
            f["max_ms"],
            f["answered_303"],
            f["stored"],
            f["acknowledged_but_lost"],
            f["retried"],
        ]
        for phase, f in ((phase, figures[phase]) for phase in phases)
    ]
    killed, locked, mail = (
        figures["worker killed"],
        figures["database locked"],
        figures["mail down"],
    )
    notes = [
        f"- {figures['clients']} concurrent clients, gunicorn with {figures['workers']} sync "
        "workers, SQLite (WAL, IMMEDIATE transactions), rate limit off, an aiosmtpd sink as "
        "the mail server.",
        f"- Worker killed: `kill -9 {killed['killed_worker_pid']}` after "
        f"{killed['killed_after']} answers; {killed['connection_errors']} connection(s) broke "
        f"and {killed['retried']} request(s) were sent again with the same form stamp.",
        f"- Database locked: a second sqlite3 connection held `BEGIN IMMEDIATE` for "
        f"{locked['lock_held_seconds']} s while the clients sent; the slowest request waited "
        f"{locked['max_ms'] / 1000:.1f} s and succeeded.",
        f"- Mail server down: {mail['kept_with_failure_recorded']} of {mail['requests']} "
        "requests kept with the failure recorded; with the server back, "
        f"`send_pending_notifications` said “{mail['retry_command_output']}” and "
        f"{mail['sent_by_retry']} were sent.",
        f"- In all: {figures['stored_in_all']} requests stored, {figures['sent_in_all']} "
        f"notifications recorded as sent (in the request, or by the retry command when the "
        f"mail server was down or the worker died first), {figures['mails_received']} e-mails "
        "received by the sink (delivery is at least once: a worker killed after sending but "
        "before recording it leaves the e-mail to be sent again); "
        f"“database is locked” in gunicorn's log: {figures['database_is_locked_errors_in_log']}.",
    ]
    return table(header, rows) + "\n\n" + "\n".join(notes)


def verdict(failures):
    return "met" if not failures else "NOT met: " + "; ".join(failures)


def targets(results, registrations):
    """Each target of the issue, met or not, with what misses it."""
    smallest, largest = results[0], results[-1]
    slow = [
        f"{name} c={c} @{r['articles']}: {r['throughput'][c][name]['ratio']:.0%}"
        for r in results
        for c in CONNECTIONS
        for name in ("article", "article list")
        if r["throughput"][c][name]["ratio"] < THROUGHPUT_TARGET
    ]
    growing = []
    for name, by_code in largest["costs"]["pages"].items():
        for code, big in by_code.items():
            small = smallest["costs"]["pages"][name][code]
            if big["queries"] > small["queries"]:
                growing.append(f"{name} ({code}) queries {small['queries']}→{big['queries']}")
            if big["render_ms"] > 2 * small["render_ms"] + 5:
                growing.append(
                    f"{name} ({code}) uncached render {small['render_ms']:.0f}→"
                    f"{big['render_ms']:.0f} ms"
                )
    heavy = [
        f"{r['articles']} articles ({code})"
        for r in results
        for code, page in r["costs"]["pages"]["article"].items()
        if page["html"]["gzip"] + r["costs"]["stylesheet"]["gzip"] > FIRST_ROUND_TRIP_BYTES
    ]
    blocking = [
        f"{name} ({code})"
        for r in results
        for name, by_code in r["browser"].items()
        for code, load in by_code.items()
        if len(load["render_blocking"]) > 1
        or any(not entry["url"].endswith(".css") for entry in load["render_blocking"])
    ]
    lighthouse = [
        f"{name} {category} {score}"
        for name, report in largest.get("lighthouse", {}).items()
        for category, score in report["scores"].items()
        if score < 100
    ]
    load = registrations["load"]
    lost = [
        f"{phase}: {registrations[phase]['requests'] - registrations[phase]['answered_303']} "
        f"not answered 303, {registrations[phase]['acknowledged_but_lost']} acknowledged but lost"
        for phase in ("load", "worker killed", "database locked", "mail down")
        if registrations[phase]["answered_303"] != registrations[phase]["requests"]
        or registrations[phase]["stored"] != registrations[phase]["requests"]
    ]
    mail = registrations["mail down"]
    unsent = []
    if mail["kept_with_failure_recorded"] != mail["requests"]:
        unsent.append("requests sent while the mail server was down were not all kept")
    if registrations["sent_in_all"] != registrations["stored_in_all"]:
        unsent.append(
            f"{registrations['stored_in_all'] - registrations['sent_in_all']} e-mails not sent"
        )
    if registrations["database_is_locked_errors_in_log"]:
        unsent.append("“database is locked” in the log")
    rows = [
        ["article and list pages at ≥ 80% of the floor's requests/s", verdict(slow)],
        ["cost does not grow from 10 to 10,000 articles", verdict(growing)],
        ["article page's HTML + CSS ≤ 14 KiB compressed", verdict(heavy)],
        ["no render-blocking request but one stylesheet", verdict(blocking)],
        ["Lighthouse 100 in all four categories", verdict(lighthouse)],
        [
            f"{load['requests']} requests from {registrations['clients']} clients, and the "
            "fault runs: all answered, each stored exactly once",
            verdict(lost),
        ],
        ["mail server down: kept and sent later; locked database: waited", verdict(unsent)],
    ]
    return table(["target", "result"], rows)


def report(results, registrations, started, elapsed):
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
        platform.processor(),
    )
    parts = [
        "# Benchmark results",
        f"`make bench` at commit {commit}, {started:%Y-%m-%d %H:%M} UTC, {elapsed / 60:.1f} min; "
        f"{os.cpu_count()} cores ({cpu}); gunicorn with gunicorn.conf.py "
        f"({results[0]['workers']} sync workers), wrk (one thread) on the same machine after a "
        f"{WARM_UP_SECONDS} s warm-up per page; pages in Lithuanian.",
    ]
    parts += ["## Targets", targets(results, registrations)]
    for result in results:
        parts += [
            f"## Throughput with {result['articles']} articles",
            throughput_table(result),
            f"Peak RSS of a gunicorn worker: {result['peak_worker_rss_kib'] / 1024:.0f} MiB.",
        ]
    parts += [
        "## Cost per page (10 vs 10,000 articles)",
        "SQL queries and time of an uncached render (in-process, caches emptied, the fastest "
        "of nine); "
        "HTML as the server sends it and compressed (gzip -6, Brotli 5); what Chromium "
        "fetched to show the page at a phone's viewport (requests, bytes on the wire).",
        costs_table(results),
        "## First round trip: the article page's HTML + CSS, compressed",
        first_round_trip(results),
        "## Render-blocking requests",
        render_blocking(results),
        "## Lighthouse (mobile)",
        lighthouse_section(results),
        "## Appointment requests: load without loss, and faults",
        registrations_section(registrations),
    ]
    return "\n\n".join(parts) + "\n"


def main():
    # Stopped from outside: unwind, so the servers this run started are stopped too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(f"stopped by signal {signum}"))
    started = datetime.now(UTC)
    clock = time.monotonic()
    OUT.mkdir(parents=True, exist_ok=True)
    if not LIGHTHOUSE.exists() or not shutil.which("wrk"):
        sys.exit("wrk or Lighthouse is missing: run `make bench`, which installs them.")
    step("collectstatic")
    shutil.rmtree(STATIC_ROOT, ignore_errors=True)
    manage(site_environment(OUT, STATIC_ROOT), "collectstatic", "--noinput", "--verbosity", "0")
    results = [measure_size(count) for count in ARTICLE_COUNTS]
    step("appointment requests: load and faults")
    registrations_file = OUT / "registrations.json"
    subprocess.run(
        [PYTHON, "-m", "bench.registration_faults", str(registrations_file)],
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        cwd=ROOT,
        check=True,
    )
    registrations = json.loads(registrations_file.read_text())
    text = report(results, registrations, started, time.monotonic() - clock)
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    (BENCH / "RESULTS.md").write_text(text)
    print(text)


if __name__ == "__main__":
    sys.exit(main())
