"""Index the articles' search text (the first index; 0010 replaces it).

On SQLite, Django alters a table by copying it into a new one and dropping the old, which
drops the old table's triggers. Since 0010 nobody has to create them again by hand: after
every `migrate`, articles/apps.py makes the index again if a part of it is missing.
"""

from django.db import migrations

LANGUAGES = ["lt", "en"]
COLUMNS = [f"search_document_{code}" for code in LANGUAGES]

SQLITE_CREATE = [
    # An "external content" table: it keeps only the index and reads the text from
    # articles_article by rowid, so the text is not stored twice.
    f"""CREATE VIRTUAL TABLE articles_article_search USING fts5(
        {", ".join(COLUMNS)}, content='articles_article', content_rowid='id',
        tokenize='unicode61', detail='column')""",
    f"""CREATE TRIGGER articles_article_search_insert AFTER INSERT ON articles_article BEGIN
        INSERT INTO articles_article_search(rowid, {", ".join(COLUMNS)})
        VALUES (new.id, {", ".join(f"new.{column}" for column in COLUMNS)});
    END""",
    f"""CREATE TRIGGER articles_article_search_delete AFTER DELETE ON articles_article BEGIN
        INSERT INTO articles_article_search(articles_article_search, rowid, {", ".join(COLUMNS)})
        VALUES ('delete', old.id, {", ".join(f"old.{column}" for column in COLUMNS)});
    END""",
    f"""CREATE TRIGGER articles_article_search_update
    AFTER UPDATE OF {", ".join(COLUMNS)} ON articles_article BEGIN
        INSERT INTO articles_article_search(articles_article_search, rowid, {", ".join(COLUMNS)})
        VALUES ('delete', old.id, {", ".join(f"old.{column}" for column in COLUMNS)});
        INSERT INTO articles_article_search(rowid, {", ".join(COLUMNS)})
        VALUES (new.id, {", ".join(f"new.{column}" for column in COLUMNS)});
    END""",
    # Index the articles already there.
    "INSERT INTO articles_article_search(articles_article_search) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER articles_article_search_insert",
    "DROP TRIGGER articles_article_search_delete",
    "DROP TRIGGER articles_article_search_update",
    "DROP TABLE articles_article_search",
]

POSTGRESQL_CREATE = []
for code in LANGUAGES:
    POSTGRESQL_CREATE += [
        # A stored column, not an index on the expression: when a search matches most
        # articles PostgreSQL reads the table, and would otherwise parse every text again.
        f"ALTER TABLE articles_article ADD COLUMN search_vector_{code} tsvector "
        f"GENERATED ALWAYS AS (to_tsvector('simple', search_document_{code})) STORED",
        f"CREATE INDEX articles_article_search_{code} ON articles_article "
        f"USING gin (search_vector_{code})",
    ]
POSTGRESQL_DROP = [
    f"ALTER TABLE articles_article DROP COLUMN search_vector_{code}" for code in LANGUAGES
]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor[schema_editor.connection.vendor]:
            schema_editor.execute(statement)

    return operation


create_search_index = run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE})
drop_search_index = run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_featured_published_index"),
    ]

    operations = [migrations.RunPython(create_search_index, drop_search_index)]
