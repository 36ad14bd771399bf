from django.contrib import admin

from access_log.models import AccessEvent


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin):
    """Read-only, and for superusers only: not even Reception sees who looked at what."""

    list_display = ["at", "username", "action", "request_number"]
    list_filter = ["action"]
    date_hierarchy = "at"
    search_fields = ["=request_number", "=username"]
    list_per_page = 100

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
