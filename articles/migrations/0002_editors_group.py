"""The Editors group: content editors manage articles, topics and FAQ items, nothing else."""

from django.db import migrations

from clinic.staff_groups import give_permissions

EDITORS = "Editors"
MODELS = ("article", "topic", "faqitem")
ACTIONS = ("add", "change", "delete", "view")


def create_editors_group(apps, schema_editor):
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    give_permissions(apps, EDITORS, "articles", codenames)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
