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

# Per database: the ids matching a search, then how one word and the words together are
# written in the database's own query language.
QUERIES = {
    "sqlite": (
        "SELECT rowid FROM articles_article_search WHERE search_document_{language} MATCH %s",
        '"{}"*',
        " AND ",
    ),
    "postgresql": (
        "SELECT id FROM articles_article "
        "WHERE search_vector_{language} @@ to_tsquery('simple', %s)",
        "{}:*",
        " & ",
    ),
}


def matching_ids(vendor, language_code, words):
    """SQL for the ids of the articles whose text in the language has every word of
    `words` (folded, letters and digits only) as the start of one of its words."""
    if vendor not in QUERIES:
        raise ImproperlyConfigured(f"Article search needs SQLite or PostgreSQL, not {vendor}.")
    sql, word_prefix, conjunction = QUERIES[vendor]
    match = conjunction.join(word_prefix.format(word) for word in words)
    return RawSQL(sql.format(language=language_code), [match])
