from django.contrib import admin

from feedback.models import PageFeedback


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    list_display = ("created_at", "article", "language", "helpful", "comment")
    list_filter = ("helpful", "language", "article")
    date_hierarchy = "created_at"
    search_fields = ("comment",)
    list_select_related = ("article",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
