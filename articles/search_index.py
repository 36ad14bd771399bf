"""The index behind article search, on SQLite and on PostgreSQL.

What is indexed. Each article keeps, per language, its search terms (articles/search_text.py)
in three columns, one per weight class: `search_title_<lang>`; `search_summary_<lang>`,
the summary and the FAQ questions; `search_body_<lang>`, the body and the FAQ answers.

The index, made by ensure_index() (migration 0010 and after every `migrate`):
- SQLite: the FTS5 table articles_article_search over those six columns. It reads the
  text from articles_article ("external content") and triggers on that table keep it
  current.
- PostgreSQL: per language the generated column search_vector_<lang>, the three columns
  as one tsvector weighted A (title), B (summary), C (body), and search_title_vector_<lang>,
  the title's alone, each with a GIN index.

A search (ranked_ids) takes from the index at most CANDIDATES published articles that
have every word in the title, and CANDIDATES that have every word anywhere: on SQLite
the most recently added first (FTS5 reads by rowid either way), on PostgreSQL in the
order the index yields them (asking for the newest would make PostgreSQL fetch and sort
every match, and it cannot tell how many articles a word being typed, "p", matches).
It lists the title matches first, ranked by how well the title matches, then the
others, ranked in the index by FTS5's bm25 with column weights or PostgreSQL's ts_rank
over the weighted vector; ties newest first. So a search reads a bounded number of rows
however many articles match, and an article with the words in its title is never left
out by a flood of body matches. (bm25 saturates: a title match alone would not always
outrank a long body that has the word in every part, hence the title group.)
"""

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from clinic.languages import LANGUAGE_CODES

TABLE = "articles_article"
FTS_TABLE = "articles_article_search"
WEIGHT_CLASSES = ("title", "summary", "body")
# How many articles of each kind (title matches, any matches) a search ranks at most.
CANDIDATES = 50
# Relative weight of a match in the title, the summary and FAQ questions, the body.
WEIGHTS = {"title": 10.0, "summary": 3.0, "body": 1.0}


def columns(code):
    return [f"search_{weight_class}_{code}" for weight_class in WEIGHT_CLASSES]


ALL_COLUMNS = [column for code in LANGUAGE_CODES for column in columns(code)]
TRIGGERS = [f"{FTS_TABLE}_insert", f"{FTS_TABLE}_delete", f"{FTS_TABLE}_update"]


def _values(prefix):
    return ", ".join(f"{prefix}.{column}" for column in ALL_COLUMNS)


def _delete_row(prefix):
    return (
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {', '.join(ALL_COLUMNS)}) "
        f"VALUES ('delete', {prefix}.id, {_values(prefix)});"
    )


def _insert_row(prefix):
    return (
        f"INSERT INTO {FTS_TABLE}(rowid, {', '.join(ALL_COLUMNS)}) "
        f"VALUES ({prefix}.id, {_values(prefix)});"
    )


SQLITE_CREATE = [
    # "External content": the table keeps only the index and reads the text from
    # articles_article by rowid. The prefix indexes answer a short word being typed
    # ("p", "pe") without merging every term that starts with it. Full detail (the
    # default; positions kept): with less, bm25() reads and splits each row's text.
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({", ".join(ALL_COLUMNS)},
        content='{TABLE}', content_rowid='id', tokenize='unicode61',
        prefix='1 2 3')""",
    f"CREATE TRIGGER {TRIGGERS[0]} AFTER INSERT ON {TABLE} BEGIN {_insert_row('new')} END",
    f"CREATE TRIGGER {TRIGGERS[1]} AFTER DELETE ON {TABLE} BEGIN {_delete_row('old')} END",
    f"CREATE TRIGGER {TRIGGERS[2]} AFTER UPDATE OF {', '.join(ALL_COLUMNS)} ON {TABLE} "
    f"BEGIN {_delete_row('old')} {_insert_row('new')} END",
    # Index the articles already there.
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS] + [
    f"DROP TABLE IF EXISTS {FTS_TABLE}"
]


def _weighted_vector(code):
    title, summary, body = columns(code)
    return " || ".join(
        f"setweight(to_tsvector('simple', coalesce({column}, '')), '{weight}')"
        for column, weight in [(title, "A"), (summary, "B"), (body, "C")]
    )


POSTGRESQL_VECTORS = {
    # Stored, not computed in an index expression: ranking reads them, and parsing every
    # text again would cost more than the search.
    f"search_vector_{code}": _weighted_vector(code)
    for code in LANGUAGE_CODES
} | {
    f"search_title_vector_{code}": f"to_tsvector('simple', coalesce(search_title_{code}, ''))"
    for code in LANGUAGE_CODES
}
POSTGRESQL_CREATE = [
    statement
    for name, expression in POSTGRESQL_VECTORS.items()
    for statement in [
        f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS {name} tsvector "
        f"GENERATED ALWAYS AS ({expression}) STORED",
        f"CREATE INDEX IF NOT EXISTS {TABLE}_{name} ON {TABLE} USING gin ({name})",
    ]
]
POSTGRESQL_DROP = [
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS {name}" for name in POSTGRESQL_VECTORS
]


def _check_vendor(vendor):
    if vendor not in ("sqlite", "postgresql"):
        raise ImproperlyConfigured(f"Article search needs SQLite or PostgreSQL, not {vendor}.")


def is_indexable(connection):
    """Whether articles_article has the columns the index reads (migration 0010)."""
    if connection.vendor not in ("sqlite", "postgresql"):
        return False
    with connection.cursor() as cursor:
        if TABLE not in connection.introspection.table_names(cursor):
            return False
        described = connection.introspection.get_table_description(cursor, TABLE)
    return set(ALL_COLUMNS) <= {column.name for column in described}


def index_is_complete(connection):
    """Whether every part of the index exists (SQLite drops the triggers when Django
    rebuilds articles_article to alter it)."""
    _check_vendor(connection.vendor)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            names = [FTS_TABLE, *TRIGGERS]
            placeholders = ", ".join(["%s"] * len(names))
            cursor.execute(f"SELECT name FROM sqlite_master WHERE name IN ({placeholders})", names)
            return len(cursor.fetchall()) == len(names)
        cursor.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s AND column_name = ANY(%s)",
            [TABLE, list(POSTGRESQL_VECTORS)],
        )
        return len(cursor.fetchall()) == len(POSTGRESQL_VECTORS)


def create_index(schema_editor):
    """Create the index and fill it from the articles (what there is of an old one is
    dropped first)."""
    _check_vendor(schema_editor.connection.vendor)
    if schema_editor.connection.vendor == "sqlite":
        statements = SQLITE_DROP + SQLITE_CREATE
    else:
        statements = POSTGRESQL_CREATE
    for statement in statements:
        schema_editor.execute(statement)


def drop_index(schema_editor):
    _check_vendor(schema_editor.connection.vendor)
    drop = SQLITE_DROP if schema_editor.connection.vendor == "sqlite" else POSTGRESQL_DROP
    for statement in drop:
        schema_editor.execute(statement)


def ensure_index(connection):
    """Create the index again if a part of it is missing; True if it had to."""
    if index_is_complete(connection):
        return False
    with connection.schema_editor() as schema_editor:
        create_index(schema_editor)
    return True


# Title matches first, then the rest; each group by rank, then newest first. bm25() is
# computed only for the rows each group reads: ranking a row by its rowid afterwards
# would run the full-text query again for each.
SQLITE_SEARCH = """
WITH title(id, score) AS (
    SELECT {fts}.rowid, bm25({fts}, {weights}) FROM {fts} JOIN {table} a ON a.id = {fts}.rowid
    WHERE {fts} MATCH %s AND a.status = %s AND a.publish_at <= %s
    ORDER BY {fts}.rowid DESC LIMIT %s
), anywhere(id, score) AS (
    SELECT {fts}.rowid, bm25({fts}, {weights}) FROM {fts} JOIN {table} a ON a.id = {fts}.rowid
    WHERE {fts} MATCH %s AND a.status = %s AND a.publish_at <= %s
    ORDER BY {fts}.rowid DESC LIMIT %s
), ranked(id, grp, score) AS (
    SELECT id, 0, score FROM title
    UNION ALL
    SELECT id, 1, score FROM anywhere WHERE id NOT IN (SELECT id FROM title)
)
SELECT a.id FROM ranked JOIN {table} a ON a.id = ranked.id
ORDER BY ranked.grp, ranked.score, a.publish_at DESC, a.id DESC
"""

POSTGRESQL_SEARCH = """
WITH title AS (
    SELECT id FROM {table}
    WHERE search_title_vector_{code} @@ to_tsquery('simple', %s)
      AND status = %s AND publish_at <= %s
    LIMIT %s
), anywhere AS (
    SELECT id FROM {table}
    WHERE search_vector_{code} @@ to_tsquery('simple', %s)
      AND status = %s AND publish_at <= %s
    LIMIT %s
)
SELECT a.id FROM {table} a
WHERE a.id IN (SELECT id FROM title UNION SELECT id FROM anywhere)
ORDER BY a.id IN (SELECT id FROM title) DESC,
         CASE WHEN a.id IN (SELECT id FROM title)
              THEN ts_rank(a.search_title_vector_{code}, to_tsquery('simple', %s))
              ELSE ts_rank('{{0, {body}, {summary}, {title}}}', a.search_vector_{code},
                           to_tsquery('simple', %s))
         END DESC,
         a.publish_at DESC, a.id DESC
"""


def search_sql(connection, query, status):
    """The SQL and parameters of ranked_ids."""
    _check_vendor(connection.vendor)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    code = query.language_code
    if connection.vendor == "sqlite":
        words = [f'"{term}"' for term in query.whole] + [f'"{query.last}"*']
        expression = " AND ".join(words)
        title, _summary, _body = columns(code)
        anywhere = f"{{{' '.join(columns(code))}}} : ({expression})"
        weights = ", ".join(
            str(WEIGHTS[column.split("_")[1]]) if column.endswith(f"_{code}") else "0"
            for column in ALL_COLUMNS
        )
        sql = SQLITE_SEARCH.format(fts=FTS_TABLE, table=TABLE, weights=weights)
        title_match = f"{{{title}}} : ({expression})"
        return sql, [
            *(title_match, status, now, CANDIDATES),
            *(anywhere, status, now, CANDIDATES),
        ]
    words = [f"'{term}'" for term in query.whole] + [f"'{query.last}':*"]
    tsquery = " & ".join(words)
    # ts_rank's weights are given as {D, C, B, A}; D is unused.
    scale = WEIGHTS["title"]
    sql = POSTGRESQL_SEARCH.format(
        table=TABLE,
        code=code,
        **{name: weight / scale for name, weight in WEIGHTS.items()},
    )
    return sql, [
        *(tsquery, status, now, CANDIDATES),
        *(tsquery, status, now, CANDIDATES),
        tsquery,
        tsquery,
    ]


def ranked_ids(connection, query, status):
    """The ids of the articles with `status` published by now that have every term of
    `query` (a search_text.Query) in its language, best first; at most 2 × CANDIDATES."""
    sql, params = search_sql(connection, query, status)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
