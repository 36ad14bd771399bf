"""Text helpers shared by the article models: sanitising, headings, search folding, reading time."""

import html
import math
import re
import unicodedata

import nh3
from django.utils.html import strip_tags
from django.utils.text import slugify

# The elements the admin's editor offers; anything else an editor pastes is dropped.
ALLOWED_TAGS = {"h2", "h3", "p", "br", "ul", "ol", "li", "strong", "em", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# The rich-text editor's extensions, matching ALLOWED_TAGS: the editor offers exactly what
# survives sanitising. Answers in the FAQ need no headings.
EDITOR_EXTENSIONS = {
    "Paragraph": True,
    "HardBreak": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False},
    "History": True,
}
ANSWER_EDITOR_EXTENSIONS = {
    name: config for name, config in EDITOR_EXTENSIONS.items() if name != "Heading"
}

WORDS_PER_MINUTE = 200

_H2 = re.compile(r"<h2>(.*?)</h2>", re.S)
_H2_WITH_ID = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)


def sanitize_html(markup):
    """Keep only safe markup; no script, handler or javascript: URL survives.

    Markup without any text (the editor's empty "<p></p>") becomes "", so an empty
    field really is empty.
    """
    cleaned = nh3.clean(
        markup or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return cleaned if plain_text(cleaned) else ""


def add_heading_ids(markup):
    """Give every h2 of sanitised markup an id made from its text, for the table of
    contents. The sanitiser drops ids, so they are always ours and unique."""
    used = set()

    def with_id(match):
        base = transliterated_slug(plain_text(match.group(1))) or "section"
        anchor, number = base, 1
        while anchor in used:
            number += 1
            anchor = f"{base}-{number}"
        used.add(anchor)
        return f'<h2 id="{anchor}">{match.group(1)}</h2>'

    return _H2.sub(with_id, markup)


def headings(markup):
    """The (id, text) of each h2 that add_heading_ids marked, in order."""
    return [(anchor, plain_text(inner)) for anchor, inner in _H2_WITH_ID.findall(markup or "")]


def fold(text):
    """Lower-case text without diacritics, so "zasto" matches "žasto"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", stripped).strip().casefold()


def plain_text(markup):
    return re.sub(r"\s+", " ", html.unescape(strip_tags(markup or ""))).strip()


def reading_minutes(markup):
    words = len(plain_text(markup).split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0


def transliterated_slug(text):
    """An ASCII slug: Lithuanian letters lose their marks (ž → z, ė → e)."""
    return slugify(fold(text))
