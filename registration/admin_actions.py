"""What reception does to the selected requests in the list."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from access_log.models import AccessEvent, record
from registration import export
from registration.calls import CallAttempt, staff_name
from registration.models import AppointmentRequest


def change_each(name, description, change, done_message):
    """An action that applies `change(request, user)` to each selected request, logs it
    in the access log and tells the user `done_message(count)`."""

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        for appointment_request in queryset:
            change(appointment_request, request.user)
        record(request.user, AccessEvent.Action.CHANGED, [r.pk for r in queryset])
        modeladmin.message_user(request, done_message(len(queryset)), messages.SUCCESS)

    action.__name__ = name
    return action


def mark_as(status, description):
    """An action that moves the selected requests to `status` (named mark_<status>)."""
    return change_each(
        f"mark_{status}",
        description,
        lambda appointment_request, user: appointment_request.set_status(status, by=user),
        lambda count: (
            ngettext(
                "%(count)d request marked “%(status)s”.",
                "%(count)d requests marked “%(status)s”.",
                count,
            )
            % {"count": count, "status": AppointmentRequest.Status(status).label}
        ),
    )


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
    # The confirmation page shows names and phone numbers: a view like any other.
    record(request.user, AccessEvent.Action.VIEWED, queryset.values_list("pk", flat=True))
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": gettext("Erase the patient's personal data?"),
        "opts": modeladmin.model._meta,
        "requests": queryset,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "appointments/admin/erase_confirmation.html", context)


def record_call(outcome, description):
    """An action that records one call attempt with `outcome` on each selected request."""
    return change_each(
        f"call_{outcome.replace('-', '_')}",
        description,
        lambda appointment_request, user: appointment_request.record_call(outcome, by=user),
        lambda count: (
            gettext("Call recorded: %(outcome)s.") % {"outcome": CallAttempt.Outcome(outcome).label}
        ),
    )


CALL_ACTIONS = [
    (CallAttempt.Outcome.NO_ANSWER, _("Called: no answer")),
    (CallAttempt.Outcome.LEFT_MESSAGE, _("Called: left a message")),
    (CallAttempt.Outcome.REACHED, _("Called: reached the patient")),
    (CallAttempt.Outcome.WRONG_NUMBER, _("Called: wrong number")),
]


@admin.action(description=_("I am calling (claim)"), permissions=["change"])
def claim(modeladmin, request, queryset):
    taken = [r for r in queryset if not r.claim(by=request.user)]
    if taken:
        modeladmin.message_user(
            request,
            gettext("Someone else is already calling: %(requests)s.")
            % {"requests": ", ".join(f"{r} ({staff_name(r.claimant())})" for r in taken)},
            messages.WARNING,
        )
    else:
        modeladmin.message_user(request, gettext("They are yours to call."), messages.SUCCESS)


@admin.action(description=_("Release my claim"), permissions=["change"])
def release_claim(modeladmin, request, queryset):
    for appointment_request in queryset:
        appointment_request.release(by=request.user)


ACTIONS = [
    claim,
    *(record_call(outcome, label) for outcome, label in CALL_ACTIONS),
    release_claim,
    *(mark_as(status, label) for status, label in ACTIONS_BY_STATUS),
    export_csv,
    erase_personal_data,
]
