from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffAuthConfig(AppConfig):
    name = "staff_auth"
    verbose_name = _("Two-factor sign-in")
