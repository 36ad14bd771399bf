"""The index behind article search, one for each database the site runs on.

A search finds the articles whose text in the current language has, for every word of
the query, a word that starts with it: "skausm" finds "skausmas" and "skausmo", "saltis"
finds "šaltis". Both sides are folded first (text.fold): lower case, no diacritics.

The text searched is Article.search_document_<language>. Migration 0005 indexes it:
- SQLite: the FTS5 table articles_article_search, which reads its text from
  articles_article and is kept current by triggers on that table;
- PostgreSQL: the generated column search_vector_<language>, to_tsvector('simple', ...)
  of the text, with a GIN index.
So a search reads the index, not every article, however many there are.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db.models.expressions import RawSQL


def matching_ids(vendor, language_code, words):
    """SQL for the ids of the articles whose text in the language has every word of
    `words` (folded, letters and digits only) as the start of one of its words."""
    if vendor == "sqlite":
        match = " AND ".join(f'"{word}"*' for word in words)
        return RawSQL(
            f"SELECT rowid FROM articles_article_search "
            f"WHERE search_document_{language_code} MATCH %s",
            [match],
        )
    if vendor == "postgresql":
        match = " & ".join(f"{word}:*" for word in words)
        return RawSQL(
            f"SELECT id FROM articles_article "
            f"WHERE search_vector_{language_code} @@ to_tsquery('simple', %s)",
            [match],
        )
    raise ImproperlyConfigured(f"Article search needs SQLite or PostgreSQL, not {vendor}.")
