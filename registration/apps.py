from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    """Appointment requests from patients, and the reception desk that handles them."""

    name = "registration"
    verbose_name = _("Appointment requests")
