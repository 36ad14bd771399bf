from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    """Appointment requests from patients, and the reception desk that handles them.

    Its templates live under `appointments/`, not `registration/`: Django's auth views
    (the admin's password reset among them) own the `registration/` template names.
    """

    name = "registration"
    verbose_name = _("Appointment requests")

    def ready(self):
        from clinic import page_cache
        from registration.models import PrivacyNotice

        # Only the privacy notice appears on cached reading pages; requests never do.
        page_cache.invalidate_on_change(PrivacyNotice)
