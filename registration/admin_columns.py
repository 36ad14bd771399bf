"""The columns of the reception desk's list: short, so that the list fits a desk screen."""

from datetime import timedelta

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clinic.models import ClinicDetails
from registration.calls import staff_name
from registration.models import AppointmentRequest

SHORT_TIMES = {
    AppointmentRequest.PreferredTime.ANY: _("any time"),
    AppointmentRequest.PreferredTime.MORNING: _("morning"),
    AppointmentRequest.PreferredTime.AFTERNOON: _("afternoon"),
}


class RequestColumns:
    """Mixed into the request admin: one method per computed column."""

    @admin.display(description=_("received"), ordering="created_at")
    def received(self, obj):
        # Month-day and time: the year is in the date bar above the list.
        return timezone.localtime(obj.created_at).strftime("%m-%d\u00a0%H:%M")

    @admin.display(description=_("patient's name"), ordering="name")
    def patient_name(self, obj):
        # A long name is cut on the desk (the full one is in the tooltip and on the
        # request's page), so it never pushes the other columns off the screen.
        name = obj.name or gettext("(erased)")
        return format_html('<span class="desk-name" title="{}">{}</span>', name, name)

    @admin.display(description=_("phone"), ordering="phone")
    def phone_for_people(self, obj):
        # Kept on one line: a phone number broken over lines is easy to misdial.
        return obj.phone_for_people.replace(" ", "\u00a0")

    @admin.display(description=_("call"), ordering="preferred_time")
    def call_time(self, obj):
        """The language to call in, and when: "LT, morning"."""
        return f"{obj.language.upper()}, {SHORT_TIMES[obj.preferred_time]}"

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        """The status in words (its colour only repeats it), and the late mark."""
        badge = format_html(
            '<span class="desk-status desk-status-{}">{}</span>',
            obj.status,
            obj.get_status_display(),
        )
        if obj.is_waiting_too_long():
            # Only the late ones are marked, so they stand out.
            return format_html('{} <span class="desk-late">{}</span>', badge, gettext("⚠ late"))
        return badge

    @admin.display(description=_("reception notified"))
    def notification(self, obj):
        """Whether the e-mail to reception went out (not the patient's e-mail). Short:
        ✓ sent, … pending, ✗ failed (the full words in the tooltip)."""
        if obj.notification_sent_at:
            return format_html('<span title="{}">✓</span>', gettext("sent"))
        if obj.notification_error:
            full = gettext("FAILED (%(attempts)d attempts), will be retried") % {
                "attempts": obj.notification_attempts
            }
            return format_html('<span title="{}">✗ {}</span>', full, obj.notification_attempts)
        if obj.status == AppointmentRequest.Status.NEW:
            return format_html('<span title="{}">…</span>', gettext("pending"))
        return "–"

    @admin.display(description=_("calls"))
    def calls(self, obj):
        """How many attempts, how long since the last, and what to do next."""
        history = obj.call_history()
        claimant = obj.claimant()
        parts = []
        if claimant:
            parts.append(gettext("→ %(user)s calling") % {"user": staff_name(claimant)})
        if history.last:
            parts.append(
                gettext("%(count)d, last %(since)s ago")
                % {"count": len(history.attempts), "since": timesince(history.last.at, depth=1)}
                if timezone.now() - history.last.at >= timedelta(minutes=1)
                else gettext("%(count)d, last just now") % {"count": len(history.attempts)}
            )
        if history.suggests_writing():
            parts.append(gettext("✉ write instead"))
        elif history.needs_another_try_today():
            parts.append(gettext("↻ try again today"))
        return format_html_join(" ", '<span class="desk-line">{}</span>', ((p,) for p in parts))

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
                    staff_name(a.by) if a.by else "–",
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
            '<p>{}</p><textarea readonly rows="9" cols="60">{}</textarea>',
            gettext("Three calls went unanswered. Send this by e-mail or SMS yourself:"),
            text.strip(),
        )
