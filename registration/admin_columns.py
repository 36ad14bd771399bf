"""The columns of the reception desk's list: short, so that the list fits a desk screen."""

from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registration.models import AppointmentRequest


class RequestColumns:
    """Mixed into the request admin: one method per computed column."""

    @admin.display(description=_("patient's name"), ordering="name")
    def patient_name(self, obj):
        return obj.name or gettext("(erased)")

    @admin.display(description=_("phone"), ordering="phone")
    def phone_for_people(self, obj):
        # Kept on one line: a phone number broken over lines is easy to misdial.
        return obj.phone_for_people.replace(" ", "\u00a0")

    @admin.display(description=_("call"), ordering="preferred_time")
    def call_time(self, obj):
        return obj.get_preferred_time_display()

    @admin.display(description=_("lang."), ordering="language")
    def language_code(self, obj):
        return obj.language.upper()

    @admin.display(description=_("waiting"))
    def waiting_too_long(self, obj):
        # Only the late ones are marked, so they stand out.
        return gettext("⚠ late") if obj.is_waiting_too_long() else ""

    @admin.display(description=_("e-mail to reception"))
    def notification(self, obj):
        if obj.notification_sent_at:
            return gettext("sent")
        if obj.notification_error:
            return gettext("FAILED (%(attempts)d attempts), will be retried") % {
                "attempts": obj.notification_attempts
            }
        if obj.status == AppointmentRequest.Status.NEW:
            return gettext("pending")
        return "–"
