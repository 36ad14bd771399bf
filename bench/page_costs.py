"""What each page costs the server when it is not cached, measured in-process.

    python -m bench.page_costs out.json

For every page in both languages: the SQL queries of one uncached render, the HTML's
size raw and compressed (gzip level 6 and Brotli quality 5, what a proxy compressing on
the fly typically uses), and the time of an uncached render: the fastest of several, the
figure least disturbed by other work on the machine. Every render starts with empty
caches, so nothing is measured from the page cache.
"""

import gzip
import json
import os
import sys
import time

import brotli
import django

RENDERS = 9


def compressed_sizes(content):
    return {
        "raw": len(content),
        "gzip": len(gzip.compress(content, compresslevel=6)),
        "brotli": len(brotli.compress(content, quality=5)),
    }


def stylesheet_sizes():
    """The stylesheet as WhiteNoise serves it: its raw, .gz and .br files."""
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage

    path = settings.STATIC_ROOT / staticfiles_storage.stored_name("css/site.css")
    return {
        "raw": path.stat().st_size,
        "gzip": path.with_name(path.name + ".gz").stat().st_size,
        "brotli": path.with_name(path.name + ".br").stat().st_size,
    }


def measure(client, url):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(RENDERS):
        for cache in caches.all():
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return {
        "queries": len(queries),
        "html": compressed_sizes(response.content),
        "render_ms": round(min(timings) * 1000, 2),
    }


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.test import Client
    from django.urls import reverse

    from articles.models import Article
    from bench.pages import page_urls

    client = Client()
    urls = page_urls()
    client.get(urls["home"]["lt"])  # first request of the process: imports, translations
    pages = {
        name: {code: {"url": url, **measure(client, url)} for code, url in by_language.items()}
        for name, by_language in urls.items()
    }
    result = {
        "articles": Article.objects.published().count(),
        "floor_url": reverse("bench-floor"),
        "pages": pages,
        "stylesheet": stylesheet_sizes(),
    }
    with open(sys.argv[1], "w") as file:
        json.dump(result, file, indent=2)


if __name__ == "__main__":
    main()
