"""ASGI entry point, for an ASGI server should the site ever need one."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings")

application = get_asgi_application()
