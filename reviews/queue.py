"""Where each article stands in the review cycle, as annotations on an article queryset,
and the queues reviewers work from."""

import datetime

from django.conf import settings
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from reviews.models import SignOff


def with_review_state(articles):
    """Adds signed_revision_id, review_due (the latest sign-off's) and latest_revision_id."""
    latest = SignOff.objects.filter(article=OuterRef("pk")).order_by("-signed_at", "-pk")
    versions = (
        Version.objects.get_for_model(Article)
        .filter(object_id=Cast(OuterRef("pk"), CharField()))
        .order_by("-revision_id")
    )
    return articles.annotate(
        signed_revision_id=Subquery(latest.values("revision_id")[:1]),
        review_due=Subquery(latest.values("next_review")[:1]),
        latest_revision_id=Subquery(versions.values("revision_id")[:1]),
    )


def never_signed_off(articles):
    return articles.filter(signed_revision_id__isnull=True)


def changed_since_review(articles):
    return articles.filter(latest_revision_id__gt=F("signed_revision_id"))


def reminder_horizon(today=None):
    today = today or timezone.localdate()
    return today + datetime.timedelta(days=settings.REVIEW_REMINDER_DAYS)


def due_soon(articles, today=None):
    today = today or timezone.localdate()
    return articles.filter(review_due__gt=today, review_due__lte=reminder_horizon(today))


def overdue(articles, today=None):
    return articles.filter(review_due__lte=today or timezone.localdate())
