from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from clinic.models import ClinicDetails, HelpNowItem
from clinic.rich_text import RichTextAdminMixin


@admin.register(ClinicDetails)
class ClinicDetailsAdmin(RichTextAdminMixin, TabbedTranslationAdmin):
    """The clinic's one row of contact details, Lithuanian and English side by side."""

    list_display = ("name", "phone", "email")
    fieldsets = [
        (_("Contact"), {"fields": ["name", "phone", "email", "address", "opening_hours"]}),
        (_("Text on the site"), {"fields": ["contact_sentence", "about"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ClinicDetails.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """There is only one row: go straight to it (or to adding it)."""
        details = ClinicDetails.objects.first()
        if details and self.has_view_or_change_permission(request, details):
            return redirect("admin:clinic_clinicdetails_change", details.pk)
        if details is None and self.has_add_permission(request):
            return redirect("admin:clinic_clinicdetails_add")
        return super().changelist_view(request, extra_context)


@admin.register(HelpNowItem)
class HelpNowItemAdmin(TabbedTranslationAdmin):
    """The "Get help now" block shown on procedure and aftercare articles, line by line."""

    list_display = ("text", "action", "order")
    list_filter = ("action",)
    list_editable = ("order",)
    fields = ["action", "text", "order"]
    # A sentence, not a one-word field: room to read it whole while editing.
    formfield_overrides = {models.CharField: {"widget": AdminTextareaWidget(attrs={"rows": 2})}}
