"""Search by stem, ranked: the search text becomes stemmed terms in three columns per
language (title; summary and FAQ questions; body and FAQ answers) and the index is made
again over them (articles/search_index.py).

The index is also made again, if a part of it is missing, after every `migrate`
(articles/apps.py): on SQLite a later migration that alters articles_article drops its
triggers, and nobody has to remember to create them again.
"""

import importlib

from django.db import migrations, models

from articles import search_index, search_text
from clinic.rich_text import plain_text

LANGUAGES = ["lt", "en"]
OLD_INDEX = importlib.import_module("articles.migrations.0005_search_index")


def drop_old_index(apps, schema_editor):
    # The old index's names, each only if it exists: a migration since may have dropped
    # the triggers.
    search_index.drop_index(schema_editor)


def create_old_index(apps, schema_editor):
    OLD_INDEX.create_search_index(apps, schema_editor)


def derive_search_terms(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.prefetch_related("faq_items").iterator(chunk_size=500):
        fields = {}
        for code in LANGUAGES:
            fields |= search_text.search_fields(
                code,
                title=getattr(article, f"title_{code}"),
                summary=getattr(article, f"summary_{code}"),
                body=plain_text(getattr(article, f"body_{code}")),
                faq=[
                    (
                        getattr(item, f"question_{code}"),
                        plain_text(getattr(item, f"answer_{code}")),
                    )
                    for item in article.faq_items.all()
                ],
            )
        Article.objects.filter(pk=article.pk).update(**fields)


def create_index(apps, schema_editor):
    search_index.create_index(schema_editor)


def drop_index(apps, schema_editor):
    search_index.drop_index(schema_editor)


def text_field(**options):
    return models.TextField(default="", editable=False, **options)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_remove_free_review_fields"),
    ]

    operations = [
        migrations.RunPython(drop_old_index, create_old_index),
        *(
            migrations.RemoveField("article", name)
            for name in ["search_document", *(f"search_document_{code}" for code in LANGUAGES)]
        ),
        *(
            migrations.AddField("article", f"search_{weight_class}{suffix}", field)
            for weight_class in ["title", "summary", "body"]
            for suffix, field in [
                ("", text_field()),
                *((f"_{code}", text_field(null=True)) for code in LANGUAGES),
            ]
        ),
        migrations.RunPython(derive_search_terms, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
