"""The Reception group: it may view and change appointment requests, and nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Reception"
PERMISSIONS = ["view_appointmentrequest", "change_appointmentrequest"]


def create_reception_group(apps, schema_editor):
    # On a fresh database the permissions are made only after all migrations have run;
    # make this app's now, so the group can be given them.
    app_config = apps.get_app_config("registration")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="registration", codename__in=PERMISSIONS
        )
    )


def remove_reception_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("registration", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_reception_group, remove_reception_group)]
