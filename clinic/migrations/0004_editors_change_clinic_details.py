"""Editors may view and change the clinic's details (opening hours, the home page text).

The privacy notice is another model (registration) and stays with superusers.
"""

from django.db import migrations

from clinic.staff_groups import give_permissions, take_permissions

EDITORS = "Editors"
CODENAMES = ["view_clinicdetails", "change_clinicdetails"]


def let_editors_change_clinic_details(apps, schema_editor):
    give_permissions(apps, EDITORS, "clinic", CODENAMES)


def take_clinic_details_from_editors(apps, schema_editor):
    take_permissions(apps, EDITORS, "clinic", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0003_editors_edit_get_help_now"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(let_editors_change_clinic_details, take_clinic_details_from_editors)
    ]
