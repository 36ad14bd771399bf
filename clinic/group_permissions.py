"""Giving a staff group permissions from a data migration, on a fresh database too."""

from django.contrib.auth.management import create_permissions


def permissions(apps, app_label, codenames):
    """The app's permissions of these codenames. On a fresh database Django makes
    permissions only after every migration has run: this makes the app's first."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def group(apps, name):
    """The staff group of this name, made if no migration has made it yet."""
    return apps.get_model("auth", "Group").objects.get_or_create(name=name)[0]
