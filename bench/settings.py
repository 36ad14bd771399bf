"""Settings for benchmark runs only: the site's own settings plus the floor view's URL.

`make bench` starts gunicorn with DJANGO_SETTINGS_MODULE=bench.settings, so production
never mounts the floor.
"""

from clinic_site.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
