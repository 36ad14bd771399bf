"""Review reminders: each article's latest sign-off gets one e-mail when its review falls
due within REVIEW_REMINDER_DAYS and one when it is overdue, never two for a stage."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from articles.models import Article
from reviews.models import CLINICAL_REVIEWERS, ReminderSent, SignOff, may_sign_off
from reviews.queue import reminder_horizon

logger = logging.getLogger(__name__)


def sign_offs_needing_review(today):
    """The latest sign-off of each article whose review is due by the reminder horizon."""
    latest = SignOff.objects.filter(article=OuterRef("pk")).order_by("-signed_at", "-pk")
    latest_ids = Article.objects.annotate(sign_off_id=Subquery(latest.values("pk")[:1])).values(
        "sign_off_id"
    )
    return SignOff.objects.filter(
        pk__in=latest_ids, next_review__lte=reminder_horizon(today)
    ).select_related("article", "reviewer")


def recipients(sign_off):
    """The reviewer who signed off, or else every clinical reviewer with an address."""
    reviewer = sign_off.reviewer
    if reviewer.email and may_sign_off(reviewer):
        return [reviewer.email]
    group = get_user_model().objects.filter(groups__name=CLINICAL_REVIEWERS, is_active=True)
    return sorted(set(group.exclude(email="").values_list("email", flat=True)))


def send_reminders(today=None):
    """Send what is due today; return how many e-mails went out."""
    today = today or timezone.localdate()
    sent = 0
    for sign_off in sign_offs_needing_review(today):
        stage = (
            ReminderSent.Stage.OVERDUE
            if sign_off.is_overdue(today)
            else ReminderSent.Stage.DUE_SOON
        )
        to = recipients(sign_off)
        if not to:
            logger.warning(
                "No clinical reviewer has an e-mail address for article %s", sign_off.article_id
            )
            continue
        # The record and the e-mail stand or fall together: a failed send is tried again
        # on the next run, a sent one never twice.
        with transaction.atomic():
            _reminder, created = ReminderSent.objects.get_or_create(sign_off=sign_off, stage=stage)
            if created:
                send_mail(*message(sign_off, stage), settings.DEFAULT_FROM_EMAIL, to)
                sent += 1
    return sent


def message(sign_off, stage):
    """(subject, body) in the clinic's language."""
    with translation.override(settings.LANGUAGE_CODE):
        article = sign_off.article
        values = {
            "title": article.title,
            "date": formats.date_format(sign_off.next_review, "DATE_FORMAT"),
            "name": sign_off.reviewer_name,
            "signed": formats.date_format(timezone.localtime(sign_off.signed_at), "DATE_FORMAT"),
            "link": settings.SITE_URL + reverse("admin:articles_article_change", args=[article.pk]),
        }
        if stage == ReminderSent.Stage.OVERDUE:
            subject = _("Clinical review overdue: %(title)s") % values
            first = _("The clinical review of “%(title)s” was due on %(date)s.") % values
        else:
            subject = _("Clinical review due soon: %(title)s") % values
            first = _("The clinical review of “%(title)s” is due on %(date)s.") % values
        body = "\n\n".join(
            [
                first,
                _("%(name)s last signed it off on %(signed)s.") % values,
                _("Check the article, then sign it off again: %(link)s") % values,
            ]
        )
        return subject, body + "\n"
