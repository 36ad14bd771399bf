"""Editors may view and change the clinic's details (opening hours, the home page text).

The privacy notice is another model (registration) and stays with superusers.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CODENAMES = ["view_clinicdetails", "change_clinicdetails"]


def let_editors_change_clinic_details(apps, schema_editor):
    # On a fresh database permissions are made only after every migration: make this
    # app's now. The group is made here too if the articles migration has not run yet.
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


def take_clinic_details_from_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=EDITORS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="clinic", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(let_editors_change_clinic_details, take_clinic_details_from_editors)
    ]
