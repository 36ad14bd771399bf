"""The Reception group: it may view and change appointment requests, and nothing else."""

from django.db import migrations

from clinic.staff_groups import give_permissions

GROUP_NAME = "Reception"
PERMISSIONS = ["view_appointmentrequest", "change_appointmentrequest"]


def create_reception_group(apps, schema_editor):
    give_permissions(apps, GROUP_NAME, "registration", PERMISSIONS)


def remove_reception_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("registration", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_reception_group, remove_reception_group)]
