"""What an uncached search costs with 10 and with 10,000 articles, side by side.

    python -m bench.search_costs                      # SQLite
    .ci/with-postgres-redis .venv/bin/python -m bench.search_costs   # PostgreSQL

For each size it fills a fresh database as `make bench` does (bench.generate_content);
then one process renders the search page on one database and the other in turn, and
prints for a few kinds of query in both languages the time of an uncached render
(caches emptied, the fastest of nine) and of its ranking query alone, and the ratio of
the larger size to the smaller. The ranking query's plans go to
bench/out/search-plans-<database>-<articles>.txt. Figures are in docs/articles.md.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.server import PYTHON, ROOT, manage, site_environment

SIZES = [int(n) for n in os.environ.get("BENCH_ARTICLES", "10,10000").split(",")]
RENDERS = 9
PLANS = ROOT / "bench" / "out"
# Per language: a word most articles have, two words, a word of few titles, one letter
# being typed, a word no article has.
QUERIES = {
    "lt": ["skausmas", "skausmo gydymas", "ultragarsas", "p", "xyzzy"],
    "en": ["pain", "pain treatment", "ultrasound", "p", "xyzzy"],
}


def measure(databases):
    """In one process, both databases in turn: {size: {query: {...}}}. Each render of a
    query runs on one database then the other, so that the shared machine's changing
    speed weighs on both sizes alike."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client, override_settings
    from django.urls import reverse
    from django.utils import translation

    from articles import search_index
    from articles.models import Article
    from articles.search_text import Query

    def use(size):
        connection.close()
        connection.settings_dict.update(databases[size])
        connection.ensure_connection()

    client = Client()
    plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    results = {size: {"queries": {}} for size in databases}
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_static}):
        for size in databases:
            use(size)
            results[size]["articles"] = Article.objects.published().count()
            client.get(reverse("search:search"), {"q": "warm up"})
        for code, queries in QUERIES.items():
            with translation.override(code):
                url = reverse("search:search")
                for text in queries:
                    query = Query(text, code)
                    timings = {size: {"render": [], "sql": []} for size in databases}
                    for _ in range(RENDERS):
                        for size in databases:
                            use(size)
                            for cache in caches.all():
                                cache.clear()
                            started = time.perf_counter()
                            response = client.get(url, {"q": text})
                            timings[size]["render"].append(time.perf_counter() - started)
                            assert response.status_code == 200
                            started = time.perf_counter()
                            search_index.ranked_ids(connection, query, "published")
                            timings[size]["sql"].append(time.perf_counter() - started)
                    for size in databases:
                        use(size)
                        results[size]["queries"][f"{code}: {text}"] = {
                            "found": len(search_index.ranked_ids(connection, query, "published")),
                            "render_ms": round(min(timings[size]["render"]) * 1000, 2),
                            "sql_ms": round(min(timings[size]["sql"]) * 1000, 2),
                        }
                        plans_file = (
                            ROOT / "bench" / "out" / f"search-plans-{connection.vendor}-{size}.txt"
                        )
                        plans_file.parent.mkdir(exist_ok=True)
                        with plans_file.open("a") as plans:
                            plans.write(f"--- {code}: {text}\n{query_plan(connection, query)}\n")
    print(json.dumps(results))


def query_plan(connection, query):
    """The ranking query's plan as the database ran it (PostgreSQL: with timings)."""
    from articles import search_index

    sql, params = search_index.search_sql(connection, query, "published")
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    with connection.cursor() as cursor:
        cursor.execute(explain + sql, params)
        return "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())


def fill(env, article_count):
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    subprocess.run(
        [PYTHON, "-m", "bench.generate_content", "--articles", str(article_count)],
        env=env,
        cwd=ROOT,
        check=True,
    )
    if "DATABASE_URL" in env:
        manage(env, "dbshell", "--", "-c", "VACUUM ANALYZE")


def main():
    if sys.argv[1:2] == ["measure"]:
        return measure({int(size): db for size, db in json.loads(sys.argv[2]).items()})
    base_url = os.environ.get("DATABASE_URL")
    vendor = "PostgreSQL" if base_url else "SQLite"
    for old in PLANS.glob("search-plans-*"):
        old.unlink()
    databases = {}
    with tempfile.TemporaryDirectory() as state:
        for size in SIZES:
            folder = Path(state) / str(size)
            folder.mkdir()
            if base_url:
                # One database per size on the same server.
                name = f"search_costs_{size}"
                env = site_environment(folder, Path(state) / "static", DATABASE_URL=base_url)
                manage(env, "dbshell", "--", "-c", f"DROP DATABASE IF EXISTS {name}")
                manage(env, "dbshell", "--", "-c", f"CREATE DATABASE {name}")
                url = base_url.rsplit("/", 1)[0] + f"/{name}"
                env = site_environment(folder, Path(state) / "static", DATABASE_URL=url)
                databases[size] = {"NAME": name}
            else:
                env = site_environment(folder, Path(state) / "static")
                databases[size] = {"NAME": str(folder / "db.sqlite3")}
            fill(env, size)
        output = subprocess.run(
            [PYTHON, "-m", "bench.search_costs", "measure", json.dumps(databases)],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    by_size = {int(size): result for size, result in json.loads(output.splitlines()[-1]).items()}
    small, large = (by_size[size] for size in (SIZES[0], SIZES[-1]))
    print(f"Uncached search on {vendor}, {small['articles']} vs {large['articles']} articles")
    sizes = f"@{SIZES[0]} | @{SIZES[-1]}"
    print(f"| query | found | render ms {sizes} | ratio | ranking SQL ms {sizes} |")
    print("|---|---|---|---|---|---|---|")
    for name, cost in small["queries"].items():
        big = large["queries"][name]
        ratio = big["render_ms"] / cost["render_ms"]
        print(
            f"| {name} | {cost['found']} / {big['found']} | {cost['render_ms']} | "
            f"{big['render_ms']} | {ratio:.2f} | {cost['sql_ms']} | {big['sql_ms']} |"
        )


if __name__ == "__main__":
    main()
