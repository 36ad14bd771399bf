"""Pages of the admin that Django itself leaves unstyled: "permission denied" (403).

A member of staff who opens a page outside their role gets a page in the admin's style,
in their language, that lists what they can open instead. Elsewhere on the site Django's
own 403 answer stays.
"""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views import defaults


def permission_denied(request, exception=None):
    if not request.path.startswith(f"/{settings.ADMIN_URL}"):
        return defaults.permission_denied(request, exception)
    context = {
        **admin.site.each_context(request),
        "title": _("You cannot open this page"),
        "app_list": admin.site.get_app_list(request) if request.user.is_active else [],
    }
    return render(request, "admin/permission_denied.html", context, status=403)
