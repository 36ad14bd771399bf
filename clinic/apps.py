from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClinicConfig(AppConfig):
    """The shared pieces of the site: the clinic's details, home page and page cache."""

    name = "clinic"
    verbose_name = _("Clinic")

    def ready(self):
        from clinic import page_cache
        from clinic.models import ClinicDetails, HelpNowItem

        page_cache.invalidate_on_change(ClinicDetails, HelpNowItem)
