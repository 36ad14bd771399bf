"""Editors keep the "Get help now" block up to date, as they do the articles showing it."""

from django.db import migrations

from clinic.staff_groups import give_permissions, take_permissions

CODENAMES = [f"{action}_helpnowitem" for action in ("add", "change", "delete", "view")]


def let_editors_edit_help_now(apps, schema_editor):
    give_permissions(apps, "Editors", "clinic", CODENAMES)


def take_it_back(apps, schema_editor):
    take_permissions(apps, "Editors", "clinic", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0002_get_help_now_block"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(let_editors_edit_help_now, take_it_back)]
