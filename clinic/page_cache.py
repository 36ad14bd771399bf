"""Whole-page caching for the reading pages.

Reading pages are the same for every anonymous visitor, so a rendered page is kept and
served again. A view opts in with `cache_public_page`; `PageCacheMiddleware`, the first
middleware, keeps what such a view answered, complete with every header the middleware
stack added, plus its gzip and Brotli bodies made once, when it is kept.

Serving a kept page again costs no Django at all: `KeptPagesApplication` wraps the WSGI
application (clinic_site/wsgi.py) and answers a kept page from the worker's memory
before Django's request handling starts; the middleware does the same for requests
that reach Django another way (the test client). The chosen body is the one the
client's Accept-Encoding asks for (Brotli, then gzip, then plain), each with its own
ETag, and a browser that already has it gets 304 Not Modified.

When a kept copy goes out of date:
- Saving or deleting content bumps a generation number held in the shared default
  cache (Redis with several servers), and bumps it again when the change is committed.
  The process that saved stops serving its old copies at once; every other worker, on
  every server, asks the shared cache for the generation at most every
  PAGE_CACHE_CHECK_MS milliseconds (50 by default) and stops serving them then. So
  "at once" means: within PAGE_CACHE_CHECK_MS of the save, on every server; a request
  that asks the shared cache itself (every render does) never keeps a stale page.
- Content that changes by itself, without a save (an article scheduled for later),
  is announced by `expires_at` schedules: every kept page expires at the next such
  moment, and browsers and proxies are told a max-age that ends there too.
- Otherwise a copy expires after PAGE_CACHE_SECONDS.

A kept page's bytes, per encoding, and how one is chosen are in clinic/kept_page.py.
"""

import contextlib
import hashlib
import math
import time
from functools import lru_cache, wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http.cookie import parse_cookie
from django.utils import translation
from django.utils.cache import cc_delim_re, patch_cache_control, patch_response_headers

from clinic.kept_page import KeptPage, as_response

GENERATION_KEY = "page-cache-generation"
SCHEDULE_KEY = "page-cache-next-change"

# This process's view of the shared generation: its value and when it was last read.
_seen = {"generation": None, "read_at": -math.inf}
# Functions returning the next moment content changes by itself, or None.
_schedules = []
# Addresses of pages no other worker had kept, under this generation.
_missing = {"generation": None, "keys": set()}
MAX_MISSING = 10_000


# --- The generation -------------------------------------------------------------------


def _remember(generation):
    _seen["generation"] = generation
    _seen["read_at"] = time.monotonic()


def current_generation():
    """The generation as the shared cache holds it now."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    _remember(generation)
    return generation


def recent_generation():
    """The generation, read from the shared cache at most every PAGE_CACHE_CHECK_MS."""
    if time.monotonic() - _seen["read_at"] < _settings()["check_seconds"]:
        return _seen["generation"]
    return current_generation()


@lru_cache(maxsize=1)
def _settings():
    """The settings a kept page's answer reads, looked up once (Django's lazy settings
    cost microseconds per lookup) and again whenever a test changes one."""
    return {
        "check_seconds": settings.PAGE_CACHE_CHECK_MS / 1000,
        "proxy_ssl_header": settings.SECURE_PROXY_SSL_HEADER,
        "languages": frozenset(code for code, _name in settings.LANGUAGES),
    }


@receiver(setting_changed)
def _setting_changed(**kwargs):
    _settings.cache_clear()


def invalidate(**signal_kwargs):
    """A new generation now, and another when the change is committed: a page another
    worker renders in between, from the data before the commit, is dropped then."""
    _new_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        callback is _new_generation for _savepoints, callback, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_new_generation)


def _new_generation():
    """A new generation, with the next scheduled change under it (asked now, so that no
    render has to ask)."""
    generation = time.time_ns()
    schedule = (generation, scheduled_change())
    cache.set_many({GENERATION_KEY: generation, SCHEDULE_KEY: schedule}, timeout=None)
    _remember(generation)


def invalidate_on_change(*models):
    """Drop every cached page whenever one of these models is saved or deleted."""
    for model in models:
        uid = f"page-cache-{model._meta.label}"
        post_save.connect(invalidate, sender=model, dispatch_uid=uid)
        post_delete.connect(invalidate, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                invalidate, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}"
            )


# --- Content that changes by itself ---------------------------------------------------


def expires_at(schedule):
    """Register `schedule()`: the next datetime at which some page changes without a save
    (an article's publish time), or None. Every kept page expires by then."""
    if schedule not in _schedules:
        _schedules.append(schedule)


def next_change(generation):
    """The next scheduled change as a POSIX timestamp, or None; asked of the schedules
    when the generation changes and whenever the last answer has passed."""
    known = cache.get(SCHEDULE_KEY)
    if known is not None and known[0] == generation and (known[1] or math.inf) > time.time():
        return known[1]
    timestamp = scheduled_change()
    cache.set(SCHEDULE_KEY, (generation, timestamp), timeout=None)
    return timestamp


def scheduled_change():
    moments = [moment for schedule in _schedules if (moment := schedule()) is not None]
    return min(moments).timestamp() if moments else None


def cache_public_page(view_func):
    """Let the page cache keep this view's pages, and browsers and proxies too."""

    @wraps(view_func)
    def wrapped(request, *args, **kwargs):
        # Read before rendering: content changed during the render makes the copy
        # stale at once, rather than kept as fresh.
        generation = current_generation()
        changes_at = next_change(generation)
        response = view_func(request, *args, **kwargs)
        if response.status_code == 200:
            seconds = settings.PAGE_CACHE_SECONDS
            if changes_at is not None:
                seconds = max(0, min(seconds, math.floor(changes_at - time.time())))
            patch_response_headers(response, seconds)
            patch_cache_control(response, public=True)
            response.page_cache_generation = generation
            response.page_cache_expires_at = time.time() + seconds
        return response

    return wrapped


# --- Kept pages -----------------------------------------------------------------------

_kept = {}


class KeptPages(BaseCache):
    """This process's kept pages, as the "pages" cache: a plain dict, never pickled.

    It is a cache backend so that `caches["pages"].clear()` (the tests' fixtures) empties
    it; the serving path reads the dict directly. OPTIONS["MAX_ENTRIES"] bounds it: the
    oldest kept page makes room for a new one.
    """

    def __init__(self, location, params):
        super().__init__(params)

    def get(self, key, default=None, version=None):
        return _kept.get(key, default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if key not in _kept and len(_kept) >= self._max_entries:
            # Another thread may have made room first.
            with contextlib.suppress(KeyError, RuntimeError, StopIteration):
                del _kept[next(iter(_kept))]
        _kept[key] = value

    def delete(self, key, version=None):
        return _kept.pop(key, None) is not None

    def clear(self):
        _kept.clear()
        _seen.update(generation=None, read_at=-math.inf)
        _missing.update(generation=None, keys=set())


class _Negotiation:
    """What get_language_from_request reads of a request, taken from the WSGI environ."""

    def __init__(self, environ, path_info):
        self.META = environ
        self.path_info = path_info
        self.COOKIES = parse_cookie(environ.get("HTTP_COOKIE", ""))


def key(environ):
    """The kept page's key: language, scheme, host, path and query string, as Django
    would see them (the language negotiated as LocaleMiddleware does)."""
    path_info = environ.get("PATH_INFO", "/")
    known = _settings()
    # /lt/… and /en/… (i18n_patterns); any other address, as LocaleMiddleware negotiates.
    language = path_info.split("/", 2)[1] if path_info.count("/") >= 2 else None
    if language not in known["languages"]:
        language = translation.get_language_from_request(
            _Negotiation(environ, path_info), check_path=True
        )
    scheme = environ.get("wsgi.url_scheme", "http")
    if known["proxy_ssl_header"]:
        header, secure_value = known["proxy_ssl_header"]
        if (value := environ.get(header)) is not None:
            scheme = "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    # The raw Host header is safe here: a page is only kept after Django has validated
    # the host it was rendered for.
    return (
        f"{language}:{scheme}://{environ.get('HTTP_HOST', '')}"
        f"{environ.get('SCRIPT_NAME', '')}{path_info}?{environ.get('QUERY_STRING', '')}"
    )


def kept_answer(environ):
    """The kept page's (status, headers, body) for this request, or None: only for GET,
    only while the page is of the current generation and not expired. A page this worker
    does not have may have been kept by another (the "shared-pages" cache)."""
    if environ.get("REQUEST_METHOD") != "GET":
        return None
    page_key = key(environ)
    page = _kept.get(page_key)
    generation = recent_generation()
    now = time.time()
    if page is None or page.generation != generation or now >= page.expires_at:
        page = shared_page(page_key, generation)
        if page is None or page.generation != generation or now >= page.expires_at:
            return None
        caches["pages"].set(page_key, page)
    return page.answer(environ, now)


def shared_key(page_key):
    return "kept-page:" + hashlib.md5(page_key.encode(), usedforsecurity=False).hexdigest()


def shared_page(page_key, generation):
    """The page as another worker kept it, or None. Addresses found missing are not asked
    for again under the same generation: most are pages no one keeps (the form, admin)."""
    if _missing["generation"] != generation or len(_missing["keys"]) > MAX_MISSING:
        _missing.update(generation=generation, keys=set())
    if page_key in _missing["keys"]:
        return None
    page = caches["shared-pages"].get(shared_key(page_key))
    if page is None:
        _missing["keys"].add(page_key)
    return page


def share(page_key, page):
    _missing["keys"].discard(page_key)
    seconds = math.ceil(page.expires_at - time.time())
    if seconds > 0:
        caches["shared-pages"].set(shared_key(page_key), page, timeout=seconds)


class KeptPagesApplication:
    """WSGI middleware: answer a kept page before Django's request handling starts."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        answer = kept_answer(environ)
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [body]


class PageCacheMiddleware:
    """Keep the pages of `cache_public_page` views, and serve them again.

    The first middleware, so a kept page holds every header the others added. A page is
    kept only if it could go to anyone: no cookie set, not marked private, and varying
    on nothing but the language (which is part of the key, negotiated as
    LocaleMiddleware does).
    """

    SHAREABLE_VARY = {"accept-language"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        answer = kept_answer(request.META)
        if answer is not None:
            return as_response(answer)
        response = self.get_response(request)
        generation = getattr(response, "page_cache_generation", None)
        if generation is None or request.method != "GET" or not self.is_shareable(response):
            return response
        page = KeptPage(response, generation, response.page_cache_expires_at)
        page_key = key(request.META)
        caches["pages"].set(page_key, page)
        share(page_key, page)
        return as_response(page.answer(request.META, time.time()))

    def is_shareable(self, response):
        vary = {value.lower() for value in cc_delim_re.split(response.get("Vary", "")) if value}
        cache_control = response.get("Cache-Control", "")
        return (
            not response.streaming
            and not response.has_header("Content-Encoding")
            and not response.cookies
            and vary <= self.SHAREABLE_VARY
            and "private" not in cache_control
            and "no-store" not in cache_control
        )
