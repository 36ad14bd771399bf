"""A draft may be saved without a topic; a newly chosen image must be 1,200 px wide.

Making `topic` nullable rebuilds articles_article on SQLite, which drops the search
triggers (see 0005_search_index): they are created again after the rebuild, both ways.
"""

from importlib import import_module

import django.db.models.deletion
from django.db import migrations, models

import articles.images

search_index = import_module("articles.migrations.0005_search_index")
# The three CREATE TRIGGER statements (the virtual table survives a rebuild).
SQLITE_TRIGGERS = [
    statement for statement in search_index.SQLITE_CREATE if "CREATE TRIGGER" in statement
]


def recreate_search_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_reading_time_counts_faq"),
    ]

    operations = [
        # Undoing the AlterField below rebuilds the table again: the triggers come back.
        migrations.RunPython(migrations.RunPython.noop, recreate_search_triggers),
        migrations.AlterField(
            model_name="article",
            name="image",
            field=models.ImageField(
                blank=True,
                height_field="image_height",
                help_text="Shown at the top of the article and in lists. At least 1200 px wide.",
                upload_to="articles/",
                validators=[articles.images.validate_upload_width],
                verbose_name="image",
                width_field="image_width",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="topic",
            field=models.ForeignKey(
                blank=True,
                help_text="Needed for publishing; a first draft may do without one.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles",
                to="articles.topic",
                verbose_name="topic",
            ),
        ),
        migrations.RunPython(recreate_search_triggers, migrations.RunPython.noop),
    ]
