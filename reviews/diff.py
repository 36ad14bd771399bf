"""A readable comparison of two states of an article: per text and language, the words
added and removed. A state is a revision (what reversion kept) or the article as it is
now; both become {(key, language): plain text} first."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles.models import Article, FAQItem
from clinic.languages import LANGUAGE_CODES
from clinic.rich_text import plain_text
from reviews.freshness import ARTICLE_TEXTS, FAQ_TEXTS

LABELS = {
    "title": _("Title"),
    "summary": _("Summary"),
    "body": _("Body"),
    "image_alt": _("Image description"),
    "question": _("FAQ question"),
    "answer": _("FAQ answer"),
}
RICH_TEXTS = {"body", "answer"}
# The end of a paragraph, heading or list item parts words, as it does on the page.
BLOCK_END = re.compile(r"(</(?:p|h[1-6]|li|blockquote)>|<br\s*/?>)")


@dataclass
class TextDiff:
    key: str
    field: str
    language: str
    added: int
    removed: int
    html: str

    @property
    def label(self):
        return LABELS[self.field]


def _texts(fields_by_key, field_names):
    """{(key, language): plain text} from {key prefix: field dict}."""
    texts = {}
    for prefix, values in fields_by_key.items():
        for field in field_names:
            for code in LANGUAGE_CODES:
                value = values.get(f"{field}_{code}") or ""
                if field in RICH_TEXTS:
                    value = plain_text(BLOCK_END.sub(r"\1 ", value))
                texts[(f"{prefix}{field}", code)] = value
    return texts


def revision_texts(revision, article_id):
    """The texts of the article and its FAQ as the revision kept them."""
    article_fields, faq_fields = {}, {}
    for version in revision.version_set.select_related("content_type"):
        model = version.content_type.model_class()
        if model is Article and version.object_id == str(article_id):
            article_fields[""] = version.field_dict
        elif model is FAQItem:
            fields = version.field_dict
            if fields.get("article_id") == article_id:
                faq_fields[f"faq-{version.object_id}-"] = fields
    return _texts(article_fields, ARTICLE_TEXTS) | _texts(faq_fields, FAQ_TEXTS)


def current_texts(article):
    """The texts of the article and its FAQ as they are now."""
    article_fields = {"": _values(article, ARTICLE_TEXTS)}
    faq_fields = {f"faq-{item.pk}-": _values(item, FAQ_TEXTS) for item in article.faq_items.all()}
    return _texts(article_fields, ARTICLE_TEXTS) | _texts(faq_fields, FAQ_TEXTS)


def _values(obj, fields):
    return {f"{f}_{c}": getattr(obj, f"{f}_{c}") for f in fields for c in LANGUAGE_CODES}


def compare(old, new):
    """The texts that differ between two states, in a stable order, as TextDiff."""
    diffs = []
    for key, code in sorted(old.keys() | new.keys(), key=_order):
        before, after = old.get((key, code), ""), new.get((key, code), "")
        if before != after:
            field = key.rpartition("-")[2]
            diffs.append(TextDiff(key, field, code, *word_diff(before, after)))
    return diffs


def _order(key_and_code):
    key, code = key_and_code
    field = key.rpartition("-")[2]
    position = (ARTICLE_TEXTS + FAQ_TEXTS).index(field)
    return (key.startswith("faq-"), key.rpartition("-")[0], position, LANGUAGE_CODES.index(code))


def word_diff(before, after):
    """(words added, words removed, HTML with <ins> and <del>)."""
    old, new = re.findall(r"\S+", before), re.findall(r"\S+", after)
    added = removed = 0
    parts = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(("span", " ".join(old[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            removed += i2 - i1
            parts.append(("del", " ".join(old[i1:i2])))
        if tag in ("insert", "replace"):
            added += j2 - j1
            parts.append(("ins", " ".join(new[j1:j2])))
    html = format_html_join(" ", "<{0}>{1}</{0}>", parts)
    return added, removed, format_html("{}", html)
