"""The limit: the fastest a gunicorn worker answers with a page's exact bytes, no Django.

    gunicorn --config gunicorn.conf.py bench.limit:application

A bare WSGI callable. It answers each page bench.run measures with the status, headers
and body the site sent for it, captured from the running site just before and read once
from the JSON file named by BENCH_LIMIT_PAGES. Same gunicorn settings, same bytes on the
wire: what is left between a page and this is the site's own work per request.
"""

import base64
import json
import os

NOT_FOUND = ("404 Not Found", [("Content-Type", "text/plain"), ("Content-Length", "0")], b"")


def load(path):
    """{"/lt/?q=x": (status, headers, body)} from the captured pages' file."""
    with open(path) as file:
        captured = json.load(file)
    return {
        url: (page["status"], [tuple(h) for h in page["headers"]], base64.b64decode(page["body"]))
        for url, page in captured.items()
    }


PAGES = load(os.environ["BENCH_LIMIT_PAGES"])


def application(environ, start_response):
    query = environ.get("QUERY_STRING")
    url = environ["PATH_INFO"] + ("?" + query if query else "")
    status, headers, body = PAGES.get(url, NOT_FOUND)
    start_response(status, headers)
    return [body]
