"""Editors keep the "Get help now" block up to date, as they do the articles showing it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CODENAMES = [f"{action}_helpnowitem" for action in ("add", "change", "delete", "view")]


def let_editors_edit_help_now(apps, schema_editor):
    app_config = apps.get_app_config("clinic")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="clinic", codename__in=CODENAMES)
    )


def take_it_back(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name=EDITORS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="clinic", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0002_get_help_now_block"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(let_editors_edit_help_now, take_it_back)]
