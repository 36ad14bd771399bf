"""Reading time counts the questions and answers too: work it out again for every article
already stored (new and edited ones get it when they are saved)."""

from django.db import migrations

from articles.text import reading_minutes

LANGUAGES = ["lt", "en"]


def count_the_faq(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.prefetch_related("faq_items").only("pk", "body_lt", "body_en"):
        items = list(article.faq_items.all())
        minutes = {
            f"reading_minutes_{code}": reading_minutes(
                getattr(article, f"body_{code}") or "",
                *(getattr(i, f"{f}_{code}") or "" for i in items for f in ("question", "answer")),
            )
            for code in LANGUAGES
        }
        Article.objects.filter(pk=article.pk).update(**minutes)


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_topic_shows_get_help_now")]

    operations = [migrations.RunPython(count_the_faq, migrations.RunPython.noop)]
