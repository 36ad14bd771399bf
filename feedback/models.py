import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article

COMMENT_MAX_LENGTH = 1000
# A page is flagged for review when, over the last FLAG_DAYS, at least FLAG_MIN_ANSWERS
# readers answered and at least half of them said "No".
FLAG_DAYS = 90
FLAG_MIN_ANSWERS = 5


class PageFeedbackQuerySet(models.QuerySet):
    def recent(self, days=FLAG_DAYS):
        return self.filter(created_at__gte=timezone.now() - datetime.timedelta(days=days))


class PageFeedback(models.Model):
    """One reader's answer to "Was this page helpful?", with what was missing if they
    said. No name, address or anything else about the reader is kept."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), related_name="feedback", on_delete=models.CASCADE
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("what was missing"), max_length=COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("answered"), default=timezone.now, db_index=True)

    objects = PageFeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")

    def __str__(self):
        return f"{self.article} ({self.language})"


def often_unhelpful(articles):
    """Of these articles, those readers recently found unhelpful (see FLAG_DAYS)."""
    since = timezone.now() - datetime.timedelta(days=FLAG_DAYS)
    recent = Q(feedback__created_at__gte=since)
    counted = articles.annotate(
        answers=Count("feedback", filter=recent),
        unhelpful=Count("feedback", filter=recent & Q(feedback__helpful=False)),
    ).filter(answers__gte=FLAG_MIN_ANSWERS)
    flagged = [
        pk
        for pk, answers, no in counted.values_list("pk", "answers", "unhelpful")
        if 2 * no >= answers
    ]
    return articles.filter(pk__in=flagged)
