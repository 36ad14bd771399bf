from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from clinic.languages import LANGUAGE_CODES
from feedback.models import PageFeedback


class LanguageFilter(admin.SimpleListFilter):
    """By language code (LT, EN), as the article admin names languages."""

    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return [(code, code.upper()) for code in LANGUAGE_CODES]

    def queryset(self, request, queryset):
        if self.value() in LANGUAGE_CODES:
            return queryset.filter(language=self.value())
        return queryset


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    list_display = ("created_at", "article", "language_code", "helpful", "comment")
    list_filter = ("helpful", LanguageFilter, "article")
    date_hierarchy = "created_at"
    search_fields = ("comment",)
    list_select_related = ("article",)

    @admin.display(description=_("language"), ordering="language")
    def language_code(self, obj):
        return obj.language.upper()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
