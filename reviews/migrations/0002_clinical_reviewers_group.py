"""The Clinical reviewers group, what Editors may see of reviews and feedback, and the
starting point of the stale-translation marks.

The articles' old free "last reviewed" fields are dropped without becoming sign-offs
(articles/migrations/0009): nobody signed those dates off in this system, so every
existing article starts as "clinical review pending".
"""

from django.db import migrations

from clinic.staff_groups import give_permissions, take_permissions

CLINICAL_REVIEWERS = "Clinical reviewers"
REVIEWER_PERMISSIONS = {
    "articles": ["view_article", "view_topic", "view_faqitem"],
    "reviews": ["add_signoff", "view_signoff"],
    "feedback": ["view_pagefeedback"],
}
EDITOR_PERMISSIONS = {"reviews": ["view_signoff"], "feedback": ["view_pagefeedback"]}
ARTICLE_TEXTS = ("title", "summary", "body", "image_alt")
FAQ_TEXTS = ("question", "answer")
LANGUAGES = ("lt", "en")


def create_groups(apps, schema_editor):
    for label, codenames in REVIEWER_PERMISSIONS.items():
        give_permissions(apps, CLINICAL_REVIEWERS, label, codenames)
    for label, codenames in EDITOR_PERMISSIONS.items():
        give_permissions(apps, "Editors", label, codenames)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CLINICAL_REVIEWERS).delete()
    for label, codenames in EDITOR_PERMISSIONS.items():
        take_permissions(apps, "Editors", label, codenames)


def seed_text_changes(apps, schema_editor):
    """Existing translations count as current: each text's languages start equal."""
    Article = apps.get_model("articles", "Article")
    FAQItem = apps.get_model("articles", "FAQItem")
    TextChange = apps.get_model("reviews", "TextChange")
    changes = []
    for article in Article.objects.all():
        items = [("", article, ARTICLE_TEXTS)] + [
            (f"faq-{item.pk}-", item, FAQ_TEXTS) for item in FAQItem.objects.filter(article=article)
        ]
        for prefix, obj, fields in items:
            for field in fields:
                for code in LANGUAGES:
                    if getattr(obj, f"{field}_{code}", None):
                        changes.append(
                            TextChange(
                                article=article,
                                key=f"{prefix}{field}",
                                language=code,
                                changed_at=article.updated_at,
                            )
                        )
    TextChange.objects.bulk_create(changes)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("feedback", "0001_initial"),
        ("articles", "0009_remove_free_review_fields"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_groups, remove_groups),
        migrations.RunPython(seed_text_changes, migrations.RunPython.noop),
    ]
