"""The reception desk: appointment requests in the admin, and the privacy notice.

Who sees what is decided by permissions alone: the Reception group may view and change
requests (see migrations/0002_reception_group.py); anyone without those permissions,
Editors included, does not see requests at all.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from access_log.models import AccessEvent, record
from clinic.phone import to_e164
from clinic.rich_text import RichTextAdminMixin
from registration.admin_actions import ACTIONS
from registration.admin_columns import RequestColumns
from registration.admin_filters import CallAgainFilter, NotificationFilter, WaitingTooLongFilter
from registration.article_stats import requests_by_article_url
from registration.models import AppointmentRequest, PrivacyNotice
from registration.patient_data import patient_data_url


@admin.register(AppointmentRequest)
class AppointmentRequestAdmin(RequestColumns, admin.ModelAdmin):
    # Few, short columns: the list has to fit beside the filters on a desk screen.
    list_display = [
        "received",
        "patient_name",
        "phone_for_people",
        "call_time",
        "status_badge",
        "calls",
        "notification",
    ]
    list_display_links = ["received", "patient_name"]
    list_filter = [
        "status",
        WaitingTooLongFilter,
        CallAgainFilter,
        NotificationFilter,
        "language",
        "preferred_time",
    ]
    # How many requests each filter choice holds, e.g. "New (3)", without a click.
    show_facets = admin.ShowFacets.ALWAYS
    date_hierarchy = "created_at"
    # Names are searched in get_search_results, through their own index.
    search_fields = ["phone", "email"]
    search_help_text = _("Name, phone (as typed, e.g. 8 602 26118) or e-mail.")
    list_per_page = 50
    change_list_template = "appointments/admin/change_list.html"

    class Media:
        # The desk's layout: fits 1280 px with the sidebar open (static/registration/).
        css = {"all": ["registration/desk.css"]}

    actions = ACTIONS
    # What the patient sent, and what the site recorded, is kept as it came in.
    patient_fields = [
        "name",
        "phone_for_people",
        "email",
        "preferred_time",
        "topic",
        "source_article",
        "message",
        "language",
        "created_at",
        "consent_given_at",
        "privacy_notice_version",
    ]
    record_fields = [
        "handled_by",
        "handled_at",
        "claimed_by",
        "claimed_at",
        "erased_at",
        "notification_sent_at",
        "notification_attempts",
        "notification_error",
    ]
    readonly_fields = [*patient_fields, *record_fields, "call_log", "next_step"]
    fieldsets = [
        (_("From the patient"), {"fields": patient_fields}),
        (_("Reception"), {"fields": ["status", "staff_notes", "call_log", "next_step"]}),
        (_("Record"), {"fields": record_fields, "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        # The calls and who is calling, for the whole page in two queries.
        return (
            super()
            .get_queryset(request)
            .select_related("claimed_by")
            .prefetch_related("call_attempts")
        )

    # Requests come only from patients, through the form.
    def has_add_permission(self, request):
        return False

    def get_search_results(self, request, queryset, search_term):
        """Names through the name-word index (case and diacritics ignored: "zydrune" finds
        "Žydrūnė"); a phone number however it is typed (8 602 26118 finds +37060226118)
        or an e-mail only when the term has a digit or an @, so a name never reads every
        row."""
        term = search_term.strip()
        if not term:
            return queryset, False
        found = queryset.with_name_like(term)
        if "@" in term or any(char.isdigit() for char in term):
            by_contact, _duplicates = super().get_search_results(request, queryset, term)
            found |= by_contact
            phone = to_e164(term)
            if phone:
                found |= queryset.filter(phone=phone)
        return found, False

    def changelist_view(self, request, extra_context=None):
        waiting = AppointmentRequest.objects.waiting_counts()
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

    def get_urls(self):
        return [patient_data_url(self), requests_by_article_url(self), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            record(request.user, AccessEvent.Action.VIEWED, [response.context_data["original"].pk])
        return response

    def save_model(self, request, obj, form, change):
        if form.changed_data:
            obj.record_handling(by=request.user)
        super().save_model(request, obj, form, change)
        record(request.user, AccessEvent.Action.CHANGED, [obj.pk])

    # Superusers may delete requests outright: logged as an erasure.
    def delete_model(self, request, obj):
        record(request.user, AccessEvent.Action.ERASED, [obj.pk])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        record(request.user, AccessEvent.Action.ERASED, queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(RichTextAdminMixin, TabbedTranslationAdmin):
    list_display = ["title", "version", "effective_date"]

    def get_readonly_fields(self, request, obj=None):
        # Consents point at a version: once saved, a version's name stays.
        return ["version"] if obj else []
