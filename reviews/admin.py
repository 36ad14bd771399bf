"""Clinical governance in the article admin: revisions and their diffs, the sign-off,
the review queue and the stale-translation marks.

The article admin itself lives in articles/admin.py; this module re-registers it with
ArticleReviewAdminMixin on top, so the two can change independently.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin

from articles.admin import ArticleAdmin, without_lines
from articles.models import Article
from clinic.languages import localized
from feedback.models import often_unhelpful
from feedback.summary import review_panel_lines
from reviews import diff, freshness, queue, revisions
from reviews.admin_views import ReviewViews
from reviews.forms import ReviewRulesForm
from reviews.models import ReminderSent, SignOff, TextChange

revisions.register_articles()


def _due_soon_label():
    days = settings.REVIEW_REMINDER_DAYS
    return ngettext("Review due within %(days)d day", "Review due within %(days)d days", days) % {
        "days": days
    }


class ReviewQueueFilter(admin.SimpleListFilter):
    title = _("clinical review")
    parameter_name = "review"
    QUEUES = {
        "never": (_("Never signed off"), queue.never_signed_off),
        "changed": (_("Changed since review"), queue.changed_since_review),
        "due": (lazy(_due_soon_label, str)(), queue.due_soon),
        "overdue": (_("Review overdue"), queue.overdue),
        "unhelpful": (_("Readers found it unhelpful"), often_unhelpful),
        "stale": (_("Stale translations"), freshness.with_stale_translations),
    }

    def lookups(self, request, model_admin):
        articles = model_admin.get_queryset(request)
        return [
            (value, f"{label} ({select(articles).count()})")
            for value, (label, select) in self.QUEUES.items()
        ]

    def queryset(self, request, queryset):
        if self.value() in self.QUEUES:
            return self.QUEUES[self.value()][1](queryset)
        return queryset


class ArticleReviewAdminMixin(ReviewViews, VersionAdmin):
    object_history_template = "reviews/article_history.html"
    history_latest_first = True

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/compare/", view(self.compare_view), name="articles_article_compare"),
            path("<int:pk>/sign-off/", view(self.sign_off_view), name="articles_article_sign_off"),
            *super().get_urls(),
        ]

    def get_deleted_objects(self, objs, request):
        """Without the review bookkeeping (change times of texts, reminders sent): it goes
        with the article, and the delete page need not list it."""
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for model in (TextChange, ReminderSent):
            model_count.pop(model._meta.verbose_name_plural, None)
            to_delete = without_lines(to_delete, f"{capfirst(model._meta.verbose_name)}:")
        return to_delete, model_count, perms_needed, protected

    def get_queryset(self, request):
        articles = super().get_queryset(request).prefetch_related("text_changes", "faq_items")
        return queue.with_review_state(articles)

    def get_list_display(self, request):
        return [*super().get_list_display(request), "review_state", "stale_translations"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ReviewQueueFilter]

    def get_fieldsets(self, request, obj=None):
        fields = ["review_panel"]
        may_edit = self.has_change_permission(request, obj)
        if obj is not None and may_edit and freshness.stale_texts(obj):
            fields.append("translations_checked")
        return [*super().get_fieldsets(request, obj), (_("Clinical review"), {"fields": fields})]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "review_panel"]

    def get_form(self, request, obj=None, **kwargs):
        base = kwargs.get("form", self.form)
        kwargs["form"] = type(base.__name__, (ReviewRulesForm, base), {})
        return super().get_form(request, obj, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        obj = context.get("original")
        if obj is not None:
            mark_stale_fields(obj, context["adminform"].form, context["inline_admin_formsets"])
        return super().render_change_form(request, context, add, change, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.cleaned_data.get("translations_checked"):
            freshness.mark_checked(form.instance, freshness.stale_texts(form.instance))

    # --- List columns and the review panel --------------------------------------------

    @admin.display(description=_("clinical review"), ordering="review_due")
    def review_state(self, obj):
        if obj.signed_revision_id is None:
            return format_html("<strong>{}</strong>", _("Never signed off"))
        due = formats.date_format(obj.review_due, "SHORT_DATE_FORMAT")
        parts = []
        if obj.latest_revision_id and obj.latest_revision_id > obj.signed_revision_id:
            parts.append(format_html("<strong>{}</strong>", _("Changed since review")))
        if obj.review_due <= timezone.localdate():
            parts.append(
                format_html("<strong>⚠ {}</strong>", _("Overdue since %(date)s") % {"date": due})
            )
        elif obj.review_due <= queue.reminder_horizon():
            parts.append(format_html("<strong>{}</strong>", _("Due %(date)s") % {"date": due}))
        else:
            parts.append(_("Next review %(date)s") % {"date": due})
        return format_html_join(mark_safe("<br>"), "{}", ((part,) for part in parts))

    @admin.display(description=_("stale translations"))
    def stale_translations(self, obj):
        stale = freshness.stale_texts(obj)
        if not stale:
            return "–"
        labels = sorted({f"{text.language.upper()}: {diff.LABELS[text.field]}" for text in stale})
        return format_html("<strong>⚠ {}</strong>", ", ".join(labels))

    @admin.display(description=_("review"))
    def review_panel(self, obj):
        if obj is None or obj.pk is None:
            return _("The article can be signed off once it is saved.")
        sign_off = SignOff.objects.latest_for(obj)
        lines = []
        if sign_off is None:
            lines.append(_("Never signed off: the page says that clinical review is pending."))
        else:
            lines.append(
                _("Signed off %(date)s by %(name)s, %(role)s. Next review due %(due)s.")
                % {
                    "date": formats.date_format(
                        timezone.localtime(sign_off.signed_at), "SHORT_DATE_FORMAT"
                    ),
                    "name": sign_off.reviewer_name,
                    "role": sign_off.reviewer_role,
                    "due": formats.date_format(sign_off.next_review, "SHORT_DATE_FORMAT"),
                }
            )
            latest = revisions.latest_revision(obj)
            if latest and latest.pk > sign_off.revision_id:
                lines.append(
                    format_html(
                        '<strong>{}</strong> <a href="{}">{}</a>',
                        _("Changed since review."),
                        self.compare_url(obj, sign_off.revision_id, latest.pk),
                        _("What changed since the sign-off"),
                    )
                )
        links = [
            (
                reverse("admin:articles_article_history", args=[obj.pk]),
                _("History and earlier versions"),
            ),
            (reverse("admin:articles_article_sign_off", args=[obj.pk]), _("Sign off this version")),
        ]
        lines.append(format_html_join(" · ", '<a href="{}">{}</a>', links))
        for stale in freshness.stale_texts(obj):
            lines.append(stale_line(self, obj, stale))
        extra = review_panel_lines(obj)
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in [*lines, *extra]))

    def compare_url(self, obj, old, new="now"):
        url = reverse("admin:articles_article_compare", args=[obj.pk])
        return f"{url}?old={old}&new={new}"

    # --- Publishing rule ---------------------------------------------------------------

    @admin.action(description=_("Publish the selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        if settings.REQUIRE_SIGN_OFF_TO_PUBLISH:
            unsigned = queue.never_signed_off(queryset)
            count = unsigned.count()
            if count:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d article was not published: it has not been signed off.",
                        "%(count)d articles were not published: they have not been signed off.",
                        count,
                    )
                    % {"count": count},
                    messages.WARNING,
                )
                queryset = queryset.exclude(pk__in=unsigned.values("pk"))
        super().publish(request, queryset)


def stale_line(model_admin, article, stale):
    changed = article.text_changes.filter(key=stale.key, language=stale.language).first()
    before = revisions.revision_before(article, changed.changed_at) if changed else None
    link = model_admin.compare_url(article, before.pk if before else "", "now")
    return format_html(
        '⚠ {} <a href="{}">{}</a>',
        _("%(field)s (%(language)s) is older than the %(source)s text.")
        % {
            "field": diff.LABELS[stale.field],
            "language": stale.language.upper(),
            "source": stale.source_language.upper(),
        },
        link,
        _("What changed"),
    )


STALE_HELP = _("⚠ Stale: the %(source)s text changed after this translation was saved.")


def mark_stale_fields(article, form, inline_admin_formsets):
    stale = freshness.stale_texts(article)
    for text in stale:
        message = STALE_HELP % {"source": text.source_language.upper()}
        if text.faq_item_id is None:
            fields = [form.fields.get(text.form_field)]
        else:
            fields = [
                inline_form.fields.get(text.form_field)
                for formset in inline_admin_formsets
                for inline_form in formset.formset.forms
                if inline_form.instance.pk == text.faq_item_id
            ]
        for field in filter(None, fields):
            field.help_text = format_html("<strong>{}</strong> {}", message, field.help_text)


@admin.register(SignOff)
class SignOffAdmin(admin.ModelAdmin):
    list_display = ("article", "reviewer_name", "reviewer_role", "signed_at", "next_review")
    list_filter = ("reviewer",)
    search_fields = (*localized("article__title"), "reviewer_name")
    date_hierarchy = "signed_at"

    def has_add_permission(self, request):
        return False  # signed off from the article, with the revision it approved

    def has_change_permission(self, request, obj=None):
        return False


class GovernedArticleAdmin(ArticleReviewAdminMixin, ArticleAdmin):
    pass


admin.site.unregister(Article)
admin.site.register(Article, GovernedArticleAdmin)
