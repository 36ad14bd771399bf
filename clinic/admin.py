from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from clinic.models import ClinicDetails


@admin.register(ClinicDetails)
class ClinicDetailsAdmin(TabbedTranslationAdmin):
    list_display = ("name", "phone", "email")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ClinicDetails.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
