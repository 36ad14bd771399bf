"""The columns of the reception desk's list: short, so that the list fits a desk screen."""

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clinic.models import ClinicDetails
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

    @admin.display(description=_("calls"))
    def calls(self, obj):
        """How many attempts, how long since the last, and what to do next."""
        history = obj.call_history()
        if not history.last:
            return ""
        parts = [
            gettext("%(count)d, last %(since)s ago")
            % {"count": len(history.attempts), "since": timesince(history.last.at, depth=1)}
        ]
        if history.suggests_writing():
            parts.append(gettext("✉ write instead"))
        elif history.needs_another_try_today():
            parts.append(gettext("↻ try again today"))
        return format_html_join(" ", '<span class="nowrap">{}</span>', ((p,) for p in parts))

    @admin.display(description=_("calling"))
    def calling(self, obj):
        claimant = obj.claimant()
        return claimant.get_username() if claimant else ""

    @admin.display(description=_("calls"))
    def call_log(self, obj):
        history = obj.call_history()
        if not history.attempts:
            return gettext("No calls yet.")
        rows = format_html_join(
            "",
            "<li>{} · {} · {}</li>",
            (
                (
                    timezone.localtime(a.at).strftime("%Y-%m-%d %H:%M"),
                    a.by.get_username() if a.by else "–",
                    a.get_outcome_display(),
                )
                for a in history.attempts
            ),
        )
        return format_html("<ul>{}</ul>", rows)

    @admin.display(description=_("next step"))
    def next_step(self, obj):
        """After three unanswered calls: a message to send from the clinic's own e-mail
        or phone, in the patient's language. The site sends nothing itself."""
        if not obj.name or not obj.call_history().suggests_writing():
            return ""
        with translation.override(obj.language):
            text = render_to_string(
                "appointments/admin/written_message.txt",
                {"request": obj, "clinic": ClinicDetails.objects.current()},
            )
        return format_html(
            '<p>{}</p><textarea readonly rows="6" cols="60">{}</textarea>',
            gettext("Three calls went unanswered. Send this by e-mail or SMS yourself:"),
            text.strip(),
        )
