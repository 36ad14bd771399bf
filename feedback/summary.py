"""What editors see of the page feedback next to an article's review dates."""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from articles.models import Article
from feedback.models import FLAG_DAYS, PageFeedback, often_unhelpful

MONTHS_SHOWN = 6


def monthly_counts(article, months=MONTHS_SHOWN):
    """[(month, language, yes, no)] for the last `months` months, newest first."""
    since = timezone.now() - datetime.timedelta(days=31 * months)
    rows = (
        PageFeedback.objects.filter(article=article, created_at__gte=since)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "language")
        .annotate(yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False)))
        .order_by("-month", "language")
    )
    return [(row["month"], row["language"], row["yes"], row["no"]) for row in rows]


def review_panel_lines(article):
    counts = monthly_counts(article)
    comments_url = (
        reverse("admin:feedback_pagefeedback_changelist") + f"?article__id__exact={article.pk}"
    )
    if not counts:
        return [
            _("Reader feedback: no answers in the last %(months)d months.")
            % {"months": MONTHS_SHOWN}
        ]
    table = format_html(
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
        _("Month"),
        _("Language"),
        _("Helpful"),
        _("Not helpful"),
        format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (formats.date_format(month, "YEAR_MONTH_FORMAT"), code.upper(), yes, no)
                for month, code, yes, no in counts
            ),
        ),
    )
    lines = [
        format_html(
            '{} <a href="{}">{}</a>', _("Reader feedback:"), comments_url, _("answers and comments")
        ),
        table,
    ]
    if often_unhelpful(Article.objects.filter(pk=article.pk)).exists():
        lines.append(
            format_html(
                "<strong>⚠ {}</strong>",
                _(
                    "At least half of the readers in the last %(days)d days found this page "
                    "unhelpful: review it soon."
                )
                % {"days": FLAG_DAYS},
            )
        )
    return lines
