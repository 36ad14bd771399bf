"""The report of `make bench`: bench/RESULTS.md and the table printed at the end.

    python -m bench.report [bench/out/results.json]

Reads what bench.run measured (bench/out/results.json) and writes nothing but
bench/RESULTS.md, so the report can be rewritten without measuring again.
"""

import json
import os
import platform
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS_JSON = BENCH / "out" / "results.json"
THROUGHPUT_TARGET = 0.8
FIRST_ROUND_TRIP_BYTES = 14 * 1024
# The reading pages the page cache keeps (clinic/page_cache.py); the form page is not kept.
KEPT_PAGES = ("home", "article list", "article", "search")


def kept_while_mail_down(mail):
    """Requests stored while the mail server was down, each either tried once (a round
    stops at its first failure) or still waiting for the next round."""
    return mail["kept_with_failure_recorded"] + mail["kept_waiting_for_next_round"]


def kib(size):
    return f"{size / 1024:.1f}"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def throughput_table(result, setup):
    connections, slices, seconds = setup["connections"], setup["slices"], setup["slice_seconds"]
    header = ["page"]
    for c in connections:
        header += [f"c={c} {column}" for column in ("req/s", "p50 ms", "p99 ms")]
        header += [f"c={c} vs floor", f"c={c} vs limit"]
    rows = []
    for name in result["throughput"][str(connections[0])]:
        row = [name]
        for c in connections:
            run = result["throughput"][str(c)][name]
            ratio = f"{run['ratio']:.0%}"
            if run["failed"] or run["socket_errors"]:
                ratio += f" ({run['failed']} failed {run['socket_errors']})"
            limit = f"{run['limit_ratio']:.0%}" if "limit_ratio" in run else "–"
            row += [f"{run['rps']:.0f}", f"{run['p50_ms']:.2f}", f"{run['p99_ms']:.2f}"]
            row += [ratio, limit]
        rows.append(row)
    ranges = ", ".join(
        f"{row} c={c}: {min(slices):.0f}–{max(slices):.0f}"
        for row in ("floor", "limit")
        for c in connections
        for slices in [result["throughput"][str(c)][row]["slices_rps"]]
    )
    return (
        table(header, rows)
        + f"\n\nEach page ran in {slices} slices of {seconds} s, each right after a "
        f"{seconds} s slice of the floor (a bare Django view under the site's middleware) and "
        f"one of the limit (bench/limit.py: a bare WSGI callable under the same gunicorn "
        "settings answering with that page's captured bytes, no Django); its ratios are to "
        "those slices. req/s is the mean of the slices, p50 the median slice's, p99 the worst "
        "slice's. The floor's and the limit's rows pool all their slices (the limit's over "
        f"every page's bytes); they ranged over (req/s) {ranges}, which shows how much the "
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


def compression_section(results):
    """Each page's body as gunicorn sends it, by what the client accepts."""
    rows = []
    for result in results:
        for name, by_accept in result["sent_sizes"].items():
            plain = by_accept["identity"]["bytes"]
            row = [f"{name} @{result['articles']}", plain]
            for accept in ("gzip", "br"):
                sent = by_accept[accept]
                saved = 1 - sent["bytes"] / plain if plain else 0
                row.append(f"{sent['bytes']} ({sent['coding']}, {saved:.0%} saved)")
            rows.append(row)
    return (
        table(["page", "plain bytes", "Accept-Encoding: gzip", "… gzip, deflate, br"], rows)
        + "\n\nKept pages carry gzip (level 9) and Brotli (quality 5) bodies made once, when "
        "the page is kept; the form page is not kept and goes out plain (nginx compresses it "
        "in production)."
    )


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
        f"- Mail server down: {kept_while_mail_down(mail)} of {mail['requests']} requests "
        f"kept (the worker's round recorded {mail['kept_with_failure_recorded']} failed "
        f"attempt(s) and stopped, leaving {mail['kept_waiting_for_next_round']} for the next "
        "round); with the server back, "
        f"`send_pending_notifications` said “{mail['retry_command_output']}” and "
        f"{mail['sent_by_retry']} were sent.",
        f"- In all: {figures['stored_in_all']} requests stored, {figures['sent_in_all']} "
        f"notifications recorded as sent (by send_pending_notifications, never inside the "
        f"form's request), {figures['mails_received']} e-mails "
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
        for c in r["throughput"]
        for name in ("article", "article list")
        if r["throughput"][c][name]["ratio"] < THROUGHPUT_TARGET
    ]
    kept_slow = [
        f"{name} c={c} @{r['articles']}: {r['throughput'][c][name]['limit_ratio']:.0%}"
        for r in results
        for c in r["throughput"]
        for name in KEPT_PAGES
        if r["throughput"][c][name]["limit_ratio"] < THROUGHPUT_TARGET
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
    if mail["requests"] != kept_while_mail_down(mail) or mail["sent_by_retry"] != mail["requests"]:
        unsent.append("requests sent while the mail server was down were not all kept and sent")
    if registrations["sent_in_all"] != registrations["stored_in_all"]:
        unsent.append(
            f"{registrations['stored_in_all'] - registrations['sent_in_all']} e-mails not sent"
        )
    if registrations["database_is_locked_errors_in_log"]:
        unsent.append("“database is locked” in the log")
    rows = [
        ["article and list pages at ≥ 80% of the floor's requests/s", verdict(slow)],
        [
            "kept reading pages (" + ", ".join(KEPT_PAGES) + ") at ≥ 80% of the limit's "
            "requests/s, at 1 and 16 connections",
            verdict(kept_slow),
        ],
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


def report(run):
    setup, results = run["setup"], run["sizes"]
    parts = [
        "# Benchmark results",
        f"`make bench` at commit {run['commit']}, {run['started']} UTC, "
        f"{run['elapsed_seconds'] / 60:.1f} min; {run['cores']} cores ({run['cpu']}); gunicorn "
        f"with gunicorn.conf.py ({results[0]['workers']} sync workers), wrk (one thread) on the "
        f"same machine after a {setup['warm_up_seconds']} s warm-up per page; pages in "
        "Lithuanian.",
    ]
    parts += ["## Targets", targets(results, run["registrations"])]
    for result in results:
        parts += [
            f"## Throughput with {result['articles']} articles",
            throughput_table(result, setup),
            f"Peak RSS of a gunicorn worker: {result['peak_worker_rss_kib'] / 1024:.0f} MiB.",
        ]
    parts += [
        "## Cost per page (10 vs 10,000 articles)",
        "SQL queries and time of an uncached render (in-process, caches emptied, the fastest "
        "of nine); "
        "HTML as the server sends it and compressed (gzip -6, Brotli 5); what Chromium "
        "fetched to show the page at a phone's viewport (requests, bytes on the wire).",
        costs_table(results),
        "## Kept pages sent compressed",
        compression_section(results),
        "## First round trip: the article page's HTML + CSS, compressed",
        first_round_trip(results),
        "## Render-blocking requests",
        render_blocking(results),
        "## Lighthouse (mobile)",
        lighthouse_section(results),
        "## Appointment requests: load without loss, and faults",
        registrations_section(run["registrations"]),
    ]
    return "\n\n".join(parts) + "\n"


def machine():
    """What the report says about the machine the run measured."""
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
        platform.processor(),
    )
    return {"cores": os.cpu_count(), "cpu": cpu}


def main(results_path=RESULTS_JSON):
    text = report(json.loads(Path(results_path).read_text()))
    (BENCH / "RESULTS.md").write_text(text)
    print(text)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
