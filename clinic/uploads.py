"""The size of an upload, as the admin states it beside every file field.

The limit itself is enforced on the whole request (clinic/bad_requests.py), before any
of it is read; nginx's client_max_body_size should be the same (docs/deploying.md).
"""

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


def stated_limit():
    megabytes = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
    return _("Files up to %(megabytes)d MB.") % {"megabytes": megabytes}


def with_size_limit(help_text):
    return format_lazy("{} {}", help_text, stated_limit())
