"""Text helpers shared by the article models: sanitising, search folding, reading time."""

import math
import re
import unicodedata

import nh3
from django.utils.html import strip_tags
from django.utils.text import slugify

# The elements the admin's editor offers; anything else an editor pastes is dropped.
ALLOWED_TAGS = {"h2", "h3", "p", "br", "ul", "ol", "li", "strong", "em", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "h2": {"id"}, "h3": {"id"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

WORDS_PER_MINUTE = 200


def sanitize_html(html):
    """Keep only safe markup; no script, handler or javascript: URL survives."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def fold(text):
    """Lower-case text without diacritics, so "zasto" matches "žasto"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", stripped).strip().casefold()


def plain_text(html):
    return re.sub(r"\s+", " ", strip_tags(html or "")).strip()


def reading_minutes(html):
    words = len(plain_text(html).split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0


def transliterated_slug(text):
    """An ASCII slug: Lithuanian letters lose their marks (ž → z, ė → e)."""
    return slugify(fold(text))
