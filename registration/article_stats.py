"""Which articles bring appointment requests: counts per article and month, for editors.
Only numbers: no name, no request, nothing about any patient."""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext

from articles.models import Article
from registration.models import AppointmentRequest


def may_see_counts(user):
    return user.has_perm("articles.view_article") or user.has_perm(
        "registration.view_appointmentrequest"
    )


def requests_by_article_view(model_admin, request):
    if not may_see_counts(request.user):
        raise PermissionDenied
    counts = AppointmentRequest.objects.count_by_article_and_month()
    articles = Article.objects.in_bulk({article_id for article_id, _month, _n in counts})
    rows = [
        (articles.get(article_id), month, number)
        for article_id, month, number in counts
        if article_id in articles
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": gettext("Requests sent from articles"),
        "opts": model_admin.model._meta,
        "rows": rows,
    }
    return TemplateResponse(request, "appointments/admin/requests_by_article.html", context)


def requests_by_article_url(model_admin):
    """The admin URL pattern of the page, for the request admin's get_urls()."""
    view = model_admin.admin_site.admin_view(partial(requests_by_article_view, model_admin))
    return path("by-article/", view, name="registration_appointmentrequest_by_article")
