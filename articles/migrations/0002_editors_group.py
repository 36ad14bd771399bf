"""The Editors group: content editors manage articles, topics and FAQ items, nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
MODELS = ("article", "topic", "faqitem")
ACTIONS = ("add", "change", "delete", "view")


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure those of
    # this app exist already, so that a fresh database gets a complete group.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=EDITORS)
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
    )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
