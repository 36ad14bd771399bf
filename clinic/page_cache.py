"""Whole-page caching for the reading pages.

Reading pages are the same for every anonymous visitor, so a rendered page is kept and
served again. Each worker process keeps its copies in memory (the "pages" cache) under
a key that includes a generation number held in the shared default cache. Saving or
deleting any content bumps the generation, so every worker on every server stops serving
the old copies at once. Copies also expire after PAGE_CACHE_SECONDS, which is how an
article scheduled for later appears by itself.
"""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_page

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
    """Serve a reading page from the page cache, and let browsers and proxies keep it."""

    @wraps(view_func)
    def wrapped(request, *args, **kwargs):
        cached_view = cache_page(
            settings.PAGE_CACHE_SECONDS, cache="pages", key_prefix=str(current_generation())
        )(view_func)
        response = cached_view(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True)
        return response

    return wrapped
