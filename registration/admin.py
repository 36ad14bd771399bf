"""The reception desk: appointment requests in the admin, and the privacy notice.

Who sees what is decided by permissions alone: the Reception group may view and change
requests (see migrations/0002_reception_group.py); anyone without those permissions,
Editors included, does not see requests at all.
"""

import csv

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count, Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from clinic.phone import to_e164
from clinic.rich_text import RichTextAdminMixin
from registration.models import AppointmentRequest, PrivacyNotice, one_working_day_before

# A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """The value as text a spreadsheet shows as it is, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


class WaitingTooLongFilter(admin.SimpleListFilter):
    title = _("waiting")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("too-long", _("More than one working day"))]

    def queryset(self, request, queryset):
        if self.value() == "too-long":
            return queryset.waiting_too_long()
        return queryset


class NotificationFilter(admin.SimpleListFilter):
    title = _("e-mail to reception")
    parameter_name = "notification"

    def lookups(self, request, model_admin):
        return [("failed", _("Failed, will be retried")), ("sent", _("Sent"))]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.filter(notification_sent_at__isnull=True).exclude(notification_error="")
        if self.value() == "sent":
            return queryset.filter(notification_sent_at__isnull=False)
        return queryset


@admin.register(AppointmentRequest)
class AppointmentRequestAdmin(admin.ModelAdmin):
    # Few, short columns: the list has to fit beside the filters on a desk screen.
    list_display = [
        "created_at",
        "patient_name",
        "phone_for_people",
        "call_time",
        "language_code",
        "status",
        "waiting_too_long",
        "notification",
    ]
    list_display_links = ["created_at", "patient_name"]
    list_filter = [
        "status",
        WaitingTooLongFilter,
        NotificationFilter,
        "language",
        "preferred_time",
    ]
    # How many requests each filter choice holds, e.g. "New (3)", without a click.
    show_facets = admin.ShowFacets.ALWAYS
    date_hierarchy = "created_at"
    search_fields = ["name", "phone", "email"]
    search_help_text = _("Name, phone (as typed, e.g. 8 602 26118) or e-mail.")
    list_per_page = 50
    actions = [
        "mark_contacted",
        "mark_booked",
        "mark_closed",
        "mark_spam",
        "export_csv",
        "erase_personal_data",
    ]
    # What the patient sent, and what the site recorded, is kept as it came in.
    patient_fields = [
        "name",
        "phone_for_people",
        "email",
        "preferred_time",
        "topic",
        "message",
        "language",
        "created_at",
        "consent_given_at",
        "privacy_notice_version",
    ]
    record_fields = [
        "handled_by",
        "handled_at",
        "erased_at",
        "notification_sent_at",
        "notification_attempts",
        "notification_error",
    ]
    readonly_fields = patient_fields + record_fields
    fieldsets = [
        (_("From the patient"), {"fields": patient_fields}),
        (_("Reception"), {"fields": ["status", "staff_notes"]}),
        (_("Record"), {"fields": record_fields, "classes": ["collapse"]}),
    ]

    # Requests come only from patients, through the form.
    def has_add_permission(self, request):
        return False

    def get_search_results(self, request, queryset, search_term):
        """Find a phone number however it is typed: 8 602 26118 finds +37060226118."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        phone = to_e164(search_term)
        if phone:
            results |= queryset.filter(phone=phone)
        return results, may_have_duplicates

    def changelist_view(self, request, extra_context=None):
        cutoff = one_working_day_before(timezone.now())
        waiting = AppointmentRequest.objects.waiting().aggregate(
            new=Count("pk"), too_long=Count("pk", filter=Q(created_at__lt=cutoff))
        )
        title = ngettext(
            "Appointment requests: %(new)d new",
            "Appointment requests: %(new)d new",
            waiting["new"],
        ) % {"new": waiting["new"]}
        if waiting["too_long"]:
            title += " " + ngettext(
                "(%(count)d waiting more than one working day)",
                "(%(count)d waiting more than one working day)",
                waiting["too_long"],
            ) % {"count": waiting["too_long"]}
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

    def save_model(self, request, obj, form, change):
        if form.changed_data:
            obj.record_handling(by=request.user)
        super().save_model(request, obj, form, change)

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

    @admin.display(description=_("e-mail"))
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

    def _set_status(self, request, queryset, status):
        for appointment_request in queryset:
            appointment_request.set_status(status, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d request marked “%(status)s”.",
                "%(count)d requests marked “%(status)s”.",
                len(queryset),
            )
            % {"count": len(queryset), "status": AppointmentRequest.Status(status).label},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as contacted"), permissions=["change"])
    def mark_contacted(self, request, queryset):
        self._set_status(request, queryset, AppointmentRequest.Status.CONTACTED)

    @admin.action(description=_("Mark as appointment booked"), permissions=["change"])
    def mark_booked(self, request, queryset):
        self._set_status(request, queryset, AppointmentRequest.Status.BOOKED)

    @admin.action(description=_("Mark as closed"), permissions=["change"])
    def mark_closed(self, request, queryset):
        self._set_status(request, queryset, AppointmentRequest.Status.CLOSED)

    @admin.action(description=_("Mark as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._set_status(request, queryset, AppointmentRequest.Status.SPAM)

    @admin.action(description=_("Export selected to CSV"), permissions=["change"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"appointment-requests-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        # The byte-order mark makes Excel read the file as UTF-8 (Lithuanian letters).
        response.write("\ufeff")
        columns = [
            ("pk", gettext("number")),
            ("created_at", gettext("received")),
            ("status", gettext("status")),
            ("name", gettext("patient's name")),
            ("phone", gettext("phone")),
            ("email", gettext("e-mail")),
            ("preferred_time", gettext("preferred time to be called")),
            ("language", gettext("language")),
            ("topic", gettext("what it is about")),
            ("message", gettext("message")),
            ("staff_notes", gettext("staff notes")),
            ("handled_by", gettext("handled by")),
            ("handled_at", gettext("handled at")),
        ]
        writer = csv.writer(response)
        writer.writerow([spreadsheet_safe(title) for _field, title in columns])
        for appointment_request in queryset.select_related("handled_by").order_by("created_at"):
            writer.writerow(
                [
                    spreadsheet_safe(self._csv_value(appointment_request, field))
                    for field, _title in columns
                ]
            )
        return response

    def _csv_value(self, appointment_request, field):
        value = getattr(appointment_request, field)
        if field in {"status", "preferred_time", "language"}:
            return getattr(appointment_request, f"get_{field}_display")()
        if hasattr(value, "strftime"):
            return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
        return value

    @admin.action(description=_("Erase the patient's personal data"), permissions=["change"])
    def erase_personal_data(self, request, queryset):
        """On a patient's request (GDPR Art. 17): blank their details, after a confirmation."""
        if request.POST.get("confirmed") == "yes":
            erased = queryset.erase_personal_data()
            self.message_user(
                request,
                ngettext(
                    "The personal data of %(count)d request was erased.",
                    "The personal data of %(count)d requests was erased.",
                    erased,
                )
                % {"count": erased},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Erase the patient's personal data?"),
            "opts": self.model._meta,
            "requests": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "appointments/admin/erase_confirmation.html", context)


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(RichTextAdminMixin, TabbedTranslationAdmin):
    list_display = ["title", "version", "effective_date"]

    def get_readonly_fields(self, request, obj=None):
        # Consents point at a version: once saved, a version's name stays.
        return ["version"] if obj else []
