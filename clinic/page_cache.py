"""Whole-page caching for the reading pages.

Reading pages are the same for every anonymous visitor, so a rendered page is kept and
served again. A view opts in with `cache_public_page`; `PageCacheMiddleware` keeps what
such a view answered and serves it again. Each worker process keeps its copies in
memory (the "pages" cache) together with the generation number they were rendered
under; the current number is held in the shared default cache. Saving or deleting any
content bumps the generation, so every worker on every server stops serving the old
copies at once. Copies also expire after PAGE_CACHE_SECONDS, which is how an article
scheduled for later appears by itself.

The middleware sits near the top of the stack, so a copy is kept complete with the
headers the middleware below it added (security policy, language, ETag), and serving
it again skips them, the URL resolver and the view. A request for any other page costs
one lookup in the worker's memory; only a kept copy asks the shared cache for the
generation.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_response_headers,
)
from django.utils.translation import get_language_from_request

GENERATION_KEY = "page-cache-generation"


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def invalidate(**signal_kwargs):
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


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


def cache_public_page(view_func):
    """Let PageCacheMiddleware keep this view's pages, and browsers and proxies too."""

    @wraps(view_func)
    def wrapped(request, *args, **kwargs):
        # Read before rendering: content changed during the render makes the copy
        # stale at once, rather than kept as fresh.
        generation = current_generation()
        response = view_func(request, *args, **kwargs)
        if response.status_code == 200:
            patch_response_headers(response, settings.PAGE_CACHE_SECONDS)
            patch_cache_control(response, public=True)
            response.page_cache_generation = generation
        return response

    return wrapped


class PageCacheMiddleware:
    """Serve the pages of `cache_public_page` views from this worker's memory.

    Only GET requests are served from the cache. A page is kept only if it could go to
    anyone: no cookie set, not marked private, and varying on nothing but the language
    (which is part of the key, negotiated as LocaleMiddleware does).
    """

    SHAREABLE_VARY = {"accept-language"}

    def __init__(self, get_response):
        self.get_response = get_response
        self.pages = caches["pages"]

    def __call__(self, request):
        if request.method != "GET":
            return self.get_response(request)
        key = self.key(request)
        kept = self.pages.get(key)
        if kept is not None:
            generation, kept_at, response = kept
            if generation == current_generation():
                # Browsers and proxies count the copy's age against its max-age.
                response["Age"] = int(time.time() - kept_at)
                return get_conditional_response(
                    request, etag=response.get("ETag"), response=response
                )
        response = self.get_response(request)
        generation = getattr(response, "page_cache_generation", None)
        if generation is not None and self.is_shareable(response):
            del response.page_cache_generation
            kept = (generation, time.time(), response)
            self.pages.set(key, kept, settings.PAGE_CACHE_SECONDS)
        return response

    def key(self, request):
        # The raw Host header is safe here: a page is only kept after Django has
        # validated the host it was rendered for.
        language = get_language_from_request(request, check_path=True)
        url = f"{request.scheme}://{request.META.get('HTTP_HOST', '')}{request.get_full_path()}"
        return f"{language}:{hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()}"

    def is_shareable(self, response):
        vary = {value.lower() for value in cc_delim_re.split(response.get("Vary", "")) if value}
        cache_control = response.get("Cache-Control", "")
        return (
            not response.streaming
            and not response.cookies
            and vary <= self.SHAREABLE_VARY
            and "private" not in cache_control
            and "no-store" not in cache_control
        )
