"""The blank appointment form page, rendered once and handed to each visitor with their
own CSRF token and form stamp.

The page is the same for everyone but for those two values, and rendering it (the form,
its widgets, the site's header and footer) is most of what it costs. So the first GET
of each language and `?article=` renders it; later GETs copy the bytes with the
visitor's own masked CSRF token and freshly signed form stamp in place of the first
visitor's. Both are long random strings, found nowhere else in the page. The copy is
dropped when content changes (the page cache's generation, clinic/page_cache.py), when
an article is scheduled to appear, and after PAGE_CACHE_SECONDS. Everything after the
view (the CSRF cookie, never_cache, the security headers) runs as for any page.
"""

import re
import time

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from clinic import page_cache
from clinic.visitor_input import object_id
from registration.spam import FormStamp

CSRF_VALUE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
# Enough for both languages with and without ?article= for every article linked to it;
# an address made up to fill memory only pushes out the oldest.
MAX_KEPT = 200

_kept = {}


def blank_form_response(request, render):
    """The blank form page for this request; `render()` makes a TemplateResponse of it."""
    key = (get_language(), object_id(request.GET.get("article")))
    generation = page_cache.recent_generation()
    kept = _kept.get(key)
    if kept is None or kept[0] != generation or time.time() >= kept[1]:
        response = render().render()
        stamp = response.context_data["form"]["form_stamp"].initial.encode()
        csrf_token = CSRF_VALUE.search(response.content).group(1)
        if response.content.count(stamp) != 1 or response.content.count(csrf_token) != 1:
            return response  # the two values are not where they should be: do not keep it
        if len(_kept) >= MAX_KEPT:
            _kept.pop(next(iter(_kept)), None)
        changes_at = page_cache.next_change(generation) or float("inf")
        expires_at = min(time.time() + settings.PAGE_CACHE_SECONDS, changes_at)
        _kept[key] = (generation, expires_at, response.content, csrf_token, stamp)
        return response
    _generation, _expires_at, content, first_csrf_token, first_stamp = kept
    content = content.replace(first_csrf_token, get_token(request).encode())
    content = content.replace(first_stamp, FormStamp.issue().signed().encode())
    return HttpResponse(content)
