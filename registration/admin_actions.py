"""What reception does to the selected requests in the list."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from access_log.models import AccessEvent, record
from registration import export
from registration.models import AppointmentRequest


def mark_as(status, description):
    """An action that moves the selected requests to `status` (named mark_<status>)."""

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        for appointment_request in queryset:
            appointment_request.set_status(status, by=request.user)
        record(request.user, AccessEvent.Action.CHANGED, [r.pk for r in queryset])
        count = len(queryset)
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d request marked “%(status)s”.",
                "%(count)d requests marked “%(status)s”.",
                count,
            )
            % {"count": count, "status": AppointmentRequest.Status(status).label},
            messages.SUCCESS,
        )

    action.__name__ = f"mark_{status}"
    return action


ACTIONS_BY_STATUS = [
    (AppointmentRequest.Status.CONTACTED, _("Mark as contacted")),
    (AppointmentRequest.Status.BOOKED, _("Mark as appointment booked")),
    (AppointmentRequest.Status.CLOSED, _("Mark as closed")),
    (AppointmentRequest.Status.SPAM, _("Mark as spam")),
]


@admin.action(description=_("Export selected to CSV"), permissions=["change"])
def export_csv(modeladmin, request, queryset):
    record(request.user, AccessEvent.Action.EXPORTED, queryset.values_list("pk", flat=True))
    return export.csv_response(queryset)


@admin.action(description=_("Erase the patient's personal data"), permissions=["change"])
def erase_personal_data(modeladmin, request, queryset):
    """On a patient's request (GDPR Art. 17): blank their details, after a confirmation."""
    if request.POST.get("confirmed") == "yes":
        record(request.user, AccessEvent.Action.ERASED, queryset.values_list("pk", flat=True))
        erased = queryset.erase_personal_data()
        modeladmin.message_user(
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
        **modeladmin.admin_site.each_context(request),
        "title": gettext("Erase the patient's personal data?"),
        "opts": modeladmin.model._meta,
        "requests": queryset,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "appointments/admin/erase_confirmation.html", context)


ACTIONS = [
    *(mark_as(status, label) for status, label in ACTIONS_BY_STATUS),
    export_csv,
    erase_personal_data,
]
