"""Clinical governance of the articles: who signed off which revision, when the next
review is due, which reminders went out, and when each language of each text last
changed (for the stale-translation marks). See docs/articles.md.
"""

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from reversion.models import Revision

from articles.models import Article

CLINICAL_REVIEWERS = "Clinical reviewers"
SIGN_OFF_PERMISSION = "reviews.add_signoff"


def add_months(day, months):
    """The same day `months` later, or the month's last day if it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def may_sign_off(user):
    """A clinical sign-off names a person: an active user with the permission and a name."""
    return bool(
        user.is_active and user.has_perm(SIGN_OFF_PERMISSION) and user.get_full_name().strip()
    )


class SignOffQuerySet(models.QuerySet):
    def latest_for(self, article):
        return self.filter(article=article).order_by("-signed_at", "-pk").first()


class SignOff(models.Model):
    """A clinical reviewer's approval of one exact revision of an article."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), related_name="sign_offs", on_delete=models.CASCADE
    )
    revision = models.ForeignKey(
        Revision, verbose_name=_("approved revision"), related_name="+", on_delete=models.PROTECT
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        related_name="sign_offs",
        on_delete=models.PROTECT,
    )
    # The name as it was when signing: the page shows who approved, even if the
    # account is renamed later.
    reviewer_name = models.CharField(_("reviewer's name"), max_length=150)
    reviewer_role = models.CharField(
        _("reviewer's role"),
        max_length=120,
        help_text=_("Shown on the page after the name, e.g. pain physician."),
    )
    signed_at = models.DateTimeField(_("signed off"), default=timezone.now)
    next_review = models.DateField(_("next review due"))

    objects = SignOffQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_at", "-pk"]
        verbose_name = _("clinical sign-off")
        verbose_name_plural = _("clinical sign-offs")

    def __str__(self):
        return f"{self.article} – {self.reviewer_name}"

    def clean(self):
        if not may_sign_off(self.reviewer):
            raise ValidationError(
                _(
                    "Only a member of the Clinical reviewers group with a first and last "
                    "name on their account can sign off an article."
                )
            )

    def is_overdue(self, today=None):
        return self.next_review <= (today or timezone.localdate())


class ReminderSent(models.Model):
    """A review reminder that went out, so each stage of a sign-off's cycle is sent once."""

    class Stage(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    sign_off = models.ForeignKey(SignOff, related_name="reminders", on_delete=models.CASCADE)
    stage = models.CharField(max_length=10, choices=Stage.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sign_off", "stage"], name="one_reminder_per_stage")
        ]
        verbose_name = _("review reminder sent")
        verbose_name_plural = _("review reminders sent")

    def __str__(self):
        return f"{self.sign_off}: {self.stage}"


class TextChange(models.Model):
    """When one language of one text of an article (its own fields, or a FAQ item's)
    last changed. A translation older than its source's last change is stale."""

    article = models.ForeignKey(Article, related_name="text_changes", on_delete=models.CASCADE)
    # "title", "summary", "body", "image_alt", or "faq-<id>-question" / "faq-<id>-answer".
    key = models.CharField(max_length=40)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    changed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "key", "language"], name="one_change_time_per_text"
            )
        ]
        verbose_name = _("text change time")
        verbose_name_plural = _("text change times")

    def __str__(self):
        return f"{self.key} ({self.language})"
