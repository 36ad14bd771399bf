"""Search terms: the words of articles and queries reduced to stems, per language.

A word is stemmed with the language's Snowball stemmer (PyStemmer), then folded (lower
case, no diacritics), so "petys", "peties" and "petyje" are all "pet", "injections" is
"inject" and "taškas" is "task". The stemmer reads the endings, which carry diacritics
in Lithuanian ("šaltį"), so a word typed without them ("salti") can stem differently:
the text therefore also keeps the stem of the folded word where it differs. Either way
of typing a word finds it.

Article text is turned into terms when the article is saved (Article._derive_text), a
query's words when it is searched, the same way; the databases only compare terms.
"""

import functools
import html
import re
import threading

import Stemmer
from django.utils.safestring import mark_safe

from articles.text import fold

STEMMERS = {"lt": "lithuanian", "en": "english"}
_WORD = re.compile(r"[^\W_]+")
# An extract shows about this many words before the first match and in all.
EXTRACT_BEFORE, EXTRACT_WORDS = 6, 25


_per_thread = threading.local()


def _stem(language_code):
    """The language's stemming function; a stemmer object serves one thread only. A
    language without a Snowball stemmer here is not stemmed."""
    if language_code not in STEMMERS:
        return lambda word: word
    stemmers = _per_thread.__dict__.setdefault("stemmers", {})
    if language_code not in stemmers:
        stemmers[language_code] = Stemmer.Stemmer(STEMMERS[language_code])
    return stemmers[language_code].stemWord


@functools.lru_cache(maxsize=50_000)
def word_terms(word, language_code):
    """The terms of one word: its folded stem and, if different, the stem of the
    folded word ("šaltį" → ("salt", "sal"))."""
    stem = _stem(language_code)
    lower = word.casefold()
    terms = (fold(stem(lower)), stem(fold(lower)))
    return terms[:1] if terms[0] == terms[1] else terms


def document_terms(text, language_code):
    """The terms of a text as one space-separated string, for the search index."""
    return " ".join(
        term for word in _WORD.findall(text or "") for term in word_terms(word, language_code)
    )


class Query:
    """The terms a query looks for: one per word. The last word may still be being
    typed, so it also matches terms that start with it ("inj" finds "injection")."""

    def __init__(self, text, language_code):
        self.language_code = language_code
        # One term per word: the stem of the word as typed, folded.
        terms = [word_terms(word, language_code)[0] for word in _WORD.findall(text or "")]
        self.last = terms[-1] if terms else ""
        self.whole = [term for term in dict.fromkeys(terms[:-1]) if term != self.last]

    def __bool__(self):
        return bool(self.last)

    def matches(self, word):
        """Whether a word of an article's text is one the query looks for."""
        terms = word_terms(word, self.language_code)
        return any(term in self.whole or term.startswith(self.last) for term in terms)

    def extract(self, text):
        """A short extract of plain text around the first word the query looks for, with
        those words marked; None if no word matches. Built from the text, escaped,
        then marked: nothing of the text can become markup."""
        words = list(_WORD.finditer(text or ""))
        first = next((n for n, word in enumerate(words) if self.matches(word.group())), None)
        if first is None:
            return None
        start_word = max(0, first - EXTRACT_BEFORE)
        shown = words[start_word : start_word + EXTRACT_WORDS]
        start = words[start_word].start() if start_word else 0
        end = shown[-1].end() if start_word + EXTRACT_WORDS < len(words) else len(text)
        parts, position = [], start
        for word in shown:
            if self.matches(word.group()):
                parts.append(html.escape(text[position : word.start()]))
                parts.append(f"<mark>{html.escape(word.group())}</mark>")
                position = word.end()
        parts.append(html.escape(text[position:end]))
        markup = "".join(parts).strip()
        return mark_safe(("… " if start_word else "") + markup + (" …" if end < len(text) else ""))


def search_fields(language_code, *, title, summary, body, faq):
    """An article's search terms in one language by weight class, by field name: the
    title; the summary and FAQ questions; the body and FAQ answers. `body` and the FAQ
    answers are plain text; `faq` is a list of (question, answer)."""
    texts = {
        "title": [title],
        "summary": [summary, *(question for question, _answer in faq)],
        "body": [body, *(answer for _question, answer in faq)],
    }
    return {
        f"search_{weight_class}_{language_code}": document_terms(
            " ".join(part for part in parts if part), language_code
        )
        for weight_class, parts in texts.items()
    }
