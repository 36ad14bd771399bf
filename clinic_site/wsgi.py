"""WSGI entry point, used by gunicorn (see gunicorn.conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings")

django_application = get_wsgi_application()

# Kept reading pages are answered before Django's request handling (clinic/page_cache.py).
from clinic.page_cache import KeptPagesApplication  # noqa: E402

application = KeptPagesApplication(django_application)
