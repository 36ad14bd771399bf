"""Text helpers for the article models: headings, folding, reading time, slugs."""

import math
import re
import unicodedata

from django.utils.text import slugify

from clinic.rich_text import plain_text

WORDS_PER_MINUTE = 200

_H2 = re.compile(r"<h2>(.*?)</h2>", re.S)
_H2_WITH_ID = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)


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


def reading_minutes(*markups):
    """Minutes to read all these texts (the body, and each FAQ question and answer)."""
    words = sum(len(plain_text(markup).split()) for markup in markups)
    return max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0


def transliterated_slug(text):
    """An ASCII slug: Lithuanian letters lose their marks (ž → z, ė → e)."""
    return slugify(fold(text))
