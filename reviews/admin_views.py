"""The article admin's clinical-review pages: the comparison of two versions, the
sign-off page and the history with its comparison links. A mixin of
reviews.admin.ArticleReviewAdminMixin, which wires their URLs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from reversion.models import Revision

from articles.models import Article
from clinic.languages import localized
from reviews import diff, revisions
from reviews.forms import SignOffForm
from reviews.models import SignOff, add_months, may_sign_off


class ReviewViews:
    def compare_view(self, request, pk):
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        old, new = request.GET.get("old", ""), request.GET.get("new", "now")
        old_texts, old_label = self._state(article, old)
        new_texts, new_label = self._state(article, new)
        return self._article_page(
            request,
            "reviews/compare.html",
            article,
            title=_("Changes to “%(title)s”") % {"title": article},
            old_label=old_label,
            new_label=new_label,
            diffs=diff.compare(old_texts, new_texts),
        )

    def _article_page(self, request, template, article, **context):
        """An admin page about one article, with the admin's own context."""
        context |= {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
        }
        return TemplateResponse(request, template, context)

    def _state(self, article, revision_id):
        if revision_id == "now":
            return diff.current_texts(article), _("now")
        if not revision_id.isdigit():
            return {}, _("nothing (a new article)")
        revision = get_object_or_404(Revision, pk=revision_id)
        label = _("the version of %(date)s") % {
            "date": formats.date_format(
                timezone.localtime(revision.date_created), "SHORT_DATETIME_FORMAT"
            )
        }
        return diff.revision_texts(revision, article.pk), label

    def sign_off_view(self, request, pk):
        article = get_object_or_404(Article, pk=pk)
        reviewer = request.user.has_perm("reviews.add_signoff")
        # Editors may look at what a reviewer will review; only reviewers sign.
        if not self.has_view_or_change_permission(request, article) or (
            request.method == "POST" and not reviewer
        ):
            raise PermissionDenied
        previous = SignOff.objects.latest_for(article)
        old = diff.revision_texts(previous.revision, article.pk) if previous else {}
        form = SignOffForm(
            request.POST or None,
            initial=last_role_of(request.user),
            instance=SignOff(article=article, reviewer=request.user),
        )
        named = may_sign_off(request.user)
        if request.method == "POST" and named and form.is_valid():
            sign_off = form.save(commit=False)
            # The history marks this revision as the signed-off one; it needs no comment.
            sign_off.revision = revisions.save_revision(article, request.user, "")
            sign_off.reviewer_name = request.user.get_full_name()
            sign_off.next_review = add_months(
                timezone.localdate(), form.cleaned_data["interval_months"]
            )
            sign_off.save()
            self.message_user(
                request, _("Signed off. The page now shows your review."), messages.SUCCESS
            )
            return redirect("admin:articles_article_change", article.pk)
        return self._article_page(
            request,
            "reviews/sign_off.html",
            article,
            title=_("Sign off “%(title)s”") % {"title": article},
            form=form,
            reviewer=reviewer,
            named=named,
            previous=previous,
            diffs=diff.compare(old, diff.current_texts(article)),
        )

    def history_view(self, request, object_id, extra_context=None):
        article = get_object_or_404(Article, pk=object_id)
        signed = set(SignOff.objects.filter(article=article).values_list("revision_id", flat=True))
        latest_sign_off = SignOff.objects.latest_for(article)
        versions = list(revisions.versions_of(article))
        rows = [
            {
                "revision": version.revision,
                "signed": version.revision_id in signed,
                "restore_url": reverse(
                    "admin:articles_article_revision", args=[article.pk, version.pk]
                ),
                "previous_url": self.compare_url(
                    article, older.revision_id if older else "", version.revision_id
                ),
                "since_sign_off_url": latest_sign_off
                and self.compare_url(article, latest_sign_off.revision_id, version.revision_id),
            }
            for version, older in zip(versions, [*versions[1:], None], strict=True)
        ]
        extra = {"rows": rows, "latest_sign_off": latest_sign_off, **(extra_context or {})}
        return super().history_view(request, object_id, extra)


def last_role_of(user):
    previous = SignOff.objects.filter(reviewer=user).first()
    if previous is None:
        return {}
    return {name: getattr(previous, name) for name in localized("reviewer_role")}
