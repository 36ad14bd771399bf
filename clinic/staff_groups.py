"""Staff groups' permissions, given from data migrations (Editors, Reception, …).

Django makes an app's permissions only after all migrations have run; a fresh database
would give a group none. So the app's permissions are made first, here.
"""

from django.contrib.auth.management import create_permissions


def _permissions(apps, app_label, codenames):
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def give_permissions(apps, group_name, app_label, codenames):
    """Give the group (made if it does not exist yet) these permissions of the app."""
    group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=group_name)
    group.permissions.add(*_permissions(apps, app_label, codenames))


def take_permissions(apps, group_name, app_label, codenames):
    for group in apps.get_model("auth", "Group").objects.filter(name=group_name):
        group.permissions.remove(*_permissions(apps, app_label, codenames))
