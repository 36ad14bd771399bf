"""How the feedback endpoint keeps out abuse without a CSRF cookie (the article page
that holds the form is cached whole and sets no cookie): answers must come from a page
of this site (Origin, else Referer), be small, and come at most FEEDBACK_RATE_LIMIT
times per client and window."""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.crypto import salted_hmac

from clinic.client import client_address
from clinic.counters import count_up

MAX_BODY_BYTES = 4096


def is_same_site(request):
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER") or ""
    parts = urlsplit(source)
    return parts.scheme == request.scheme and parts.netloc == request.get_host()


def is_too_large(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:
        return True


def rate_limit_reached(request):
    """Count this answer; True if the client had already reached the limit."""
    limit, window = settings.FEEDBACK_RATE_LIMIT, settings.FEEDBACK_RATE_WINDOW_SECONDS
    if not limit:
        return False
    client = salted_hmac("feedback.rate-limit", client_address(request)).hexdigest()
    key = f"feedback-rate-{client}-{int(time.time() // window)}"
    return count_up(key, timeout=window) > limit
