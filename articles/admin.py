from django.contrib import admin, messages
from django.db.models import Count
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from articles.admin_workspace import TranslationWorkspaceMixin
from articles.models import Article, FAQItem, Topic
from clinic.languages import LANGUAGE_CODES, localized
from clinic.rich_text import RichTextAdminMixin, formatted_for_reading
from clinic.uploads import with_size_limit


class TranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        choices = [("complete", _("Complete"))]
        for code in LANGUAGE_CODES:
            choices.append((code, _("Missing: %(language)s") % {"language": code.upper()}))
        return choices

    def queryset(self, request, queryset):
        if self.value() == "complete":
            for code in LANGUAGE_CODES:
                queryset = queryset.translated_into(code)
            return queryset
        if self.value() in LANGUAGE_CODES:
            return queryset.missing_translation(self.value())
        return queryset


def without_lines(nested, prefix):
    """The delete page's nested list of strings, without those starting with `prefix`."""
    kept = []
    for item in nested:
        if isinstance(item, list):
            kept.append(without_lines(item, prefix))
        elif not str(item).startswith(prefix):
            kept.append(item)
    return [item for item in kept if item != []]


class FAQItemInline(TranslationStackedInline):
    model = FAQItem
    extra = 0
    fields = ("question", "answer", "order")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if self.has_change_permission(request, obj):
            return formset

        class ReadOnlyFormSet(formset):
            """Answers shown formatted to those who may only look (clinical reviewers)."""

            def get_queryset(self):
                items = super().get_queryset()
                for item in items:
                    formatted_for_reading(item)
                return items

        return ReadOnlyFormSet


@admin.register(Article)
class ArticleAdmin(TranslationWorkspaceMixin, RichTextAdminMixin, TabbedTranslationAdmin):
    list_display = ("title", "publishing_status", "translation_status", "topic")
    list_filter = ("status", "topic", TranslationFilter, "featured")
    list_select_related = ("topic",)
    search_fields = localized("title", "summary", "slug")
    date_hierarchy = "publish_at"
    autocomplete_fields = ("related",)
    prepopulated_fields = {"slug": ("title",)}
    inlines = [FAQItemInline]
    actions = ["publish", "make_draft"]
    fieldsets = [
        (None, {"fields": ("title", "slug", "summary", "body")}),
        (_("Image"), {"fields": ("image", "image_alt")}),
        (
            _("Publishing"),
            {"fields": ("status", "publish_at", "topic", "featured", "order", "related")},
        ),
    ]

    def get_deleted_objects(self, objs, request):
        """Without the links between related articles, which Django would list under a
        made-up English name ("From_article-to_article relationship"): they go with the
        article, and the delete page need not mention them."""
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        links = Article.related.through._meta
        label = f"{capfirst(links.verbose_name)}:"
        model_count.pop(links.verbose_name_plural, None)
        return without_lines(to_delete, label), model_count, perms_needed, protected

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "image":
            field.help_text = with_size_limit(field.help_text)
        return field

    def view_on_site(self, obj):
        # A draft or scheduled article is not on the site yet: show its preview.
        return obj.get_absolute_url() if obj.is_published() else obj.get_preview_url()

    @admin.display(description=_("status"), ordering="publish_at")
    def publishing_status(self, obj):
        date = formats.date_format(timezone.localtime(obj.publish_at), "SHORT_DATETIME_FORMAT")
        if obj.status == Article.Status.DRAFT:
            return _("Draft")
        if obj.is_published():
            return _("Published %(date)s") % {"date": date}
        return format_html("<strong>{}</strong>", _("Scheduled for %(date)s") % {"date": date})

    @admin.display(description=_("translation"))
    def translation_status(self, obj):
        missing = obj.missing_translations()
        if not missing:
            return format_html('<span title="{}">✓</span>', _("Complete"))
        return format_html(
            "<strong>⚠ {}</strong>",
            _("Missing: %(languages)s") % {"languages": ", ".join(c.upper() for c in missing)},
        )

    @admin.action(description=_("Publish the selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Article.Status.PUBLISHED)

    @admin.action(description=_("Turn the selected articles into drafts"), permissions=["change"])
    def make_draft(self, request, queryset):
        self._set_status(request, queryset, Article.Status.DRAFT)

    def _set_status(self, request, queryset, status):
        # Saved one by one, so that each save clears the page cache and keeps the
        # derived fields right.
        articles = list(queryset)
        if status == Article.Status.PUBLISHED:
            without_topic = [a for a in articles if not a.can_be_published()]
            if without_topic:
                self.message_user(
                    request,
                    _("Not published, as they have no topic yet: %(titles)s")
                    % {"titles": "; ".join(str(a) for a in without_topic)},
                    messages.WARNING,
                )
            articles = [a for a in articles if a.can_be_published()]
        for article in articles:
            article.status = status
            article.save()
        count = len(articles)
        self.message_user(
            request,
            ngettext("%(count)d article changed.", "%(count)d articles changed.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Topic)
class TopicAdmin(TabbedTranslationAdmin):
    list_display = ("name", "order", "shows_help_now", "article_count")
    list_editable = ("order",)
    search_fields = localized("name")
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, obj):
        return obj.article_count
