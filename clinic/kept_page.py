"""A kept page as it goes on the wire: status, headers and body, plain, gzip and Brotli.

Made once, when clinic/page_cache.py keeps a page; each request then only chooses the
body its Accept-Encoding asks for (Brotli, then gzip, then plain), each with its own
ETag, or answers 304 Not Modified to a browser that has that one already.
"""

import gzip
import time
from functools import lru_cache

import brotli
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, set_response_etag
from django.utils.http import parse_etags

# Brotli first: smaller than gzip, and every browser that sends "br" decodes it.
ENCODINGS = ("br", "gzip")
# Left out of a 304 answer: they describe a body, and a 304 has none.
BODY_HEADERS = {"content-length", "content-type", "content-encoding"}


class KeptPage:
    """A page as it goes on the wire, with one representation per content coding."""

    __slots__ = ("answers", "expires_at", "generation", "kept_at", "not_modified", "status")

    def __init__(self, response, generation, expires_at):
        self.generation = generation
        self.kept_at = time.time()
        self.expires_at = expires_at
        self.status = f"{response.status_code} {response.reason_phrase}"
        vary = [value for value in cc_delim_re.split(response.get("Vary", "")) if value]
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in {"content-length", "etag", "age", "vary"}
        ]
        headers.append(("Vary", ", ".join([*vary, "Accept-Encoding"])))
        if not response.has_header("ETag"):
            set_response_etag(response)
        etag = response["ETag"]
        bodies = {
            "identity": response.content,
            "gzip": gzip.compress(response.content, compresslevel=9, mtime=0),
            # Quality 5: within a tenth of quality 11's size at a fiftieth of its time,
            # which every worker pays again after each content change.
            "br": brotli.compress(response.content, quality=5, mode=brotli.MODE_TEXT),
        }
        self.answers, self.not_modified = {}, {}
        for coding, body in bodies.items():
            tagged = etag if coding == "identity" else f'{etag[:-1]}-{coding}"'
            coded = [("Content-Encoding", coding)] if coding != "identity" else []
            self.answers[coding] = (
                [*headers, *coded, ("Content-Length", str(len(body))), ("ETag", tagged)],
                body,
                tagged,
            )
            self.not_modified[coding] = [
                *(header for header in headers if header[0].lower() not in BODY_HEADERS),
                ("ETag", tagged),
            ]

    def answer(self, environ, now):
        """(status, headers, body) for this request: its content coding, or a 304."""
        coding = chosen_coding(environ.get("HTTP_ACCEPT_ENCODING", ""))
        headers, body, etag = self.answers[coding]
        age = ("Age", str(int(now - self.kept_at)))
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match and has_etag(if_none_match, etag):
            return "304 Not Modified", [*self.not_modified[coding], age], b""
        return self.status, [*headers, age], body


@lru_cache(maxsize=256)
def chosen_coding(accept_encoding):
    """The content coding to send for an Accept-Encoding header: br, gzip or identity."""
    weights = {}
    for part in accept_encoding.lower().split(","):
        name, _, parameters = part.partition(";")
        weight = 1.0
        for parameter in parameters.split(";"):
            key, _, value = parameter.strip().partition("=")
            if key == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[name.strip()] = weight
    for coding in ENCODINGS:
        if weights.get(coding, weights.get("*", 0.0)) > 0:
            return coding
    return "identity"


def has_etag(if_none_match, etag):
    """If-None-Match's weak comparison (RFC 9110 13.1.2)."""
    if if_none_match.strip() == "*":
        return True
    return any(tag.removeprefix("W/") == etag for tag in parse_etags(if_none_match))


def as_response(answer):
    status, headers, body = answer
    response = HttpResponse(body, status=int(status.split(" ", 1)[0]))
    del response["Content-Type"]
    for name, value in headers:
        response[name] = value
    return response
