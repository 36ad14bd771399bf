"""Where requests come from: the article a patient was reading is stored with the
request, and editors see how many requests each article brought per month."""

import re
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from registration.models import AppointmentRequest
from tests.articles.factories import ArticleFactory
from tests.registration.factories import AppointmentRequestFactory, FormDataFactory

# The clinic's details and its privacy notice, as on the live site.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clinic", "privacy_notice")]

BY_ARTICLE = "/admin/registration/appointmentrequest/by-article/"


def form_url():
    with translation.override("lt"):
        return reverse("registration:request")


def test_a_request_sent_from_an_article_remembers_the_article(client):
    article = ArticleFactory()
    page = client.get(form_url(), {"article": article.pk}).content.decode()
    carried = re.search(r'name="article" value="(\d+)"', page).group(1)
    client.post(form_url(), FormDataFactory(article=carried))
    assert AppointmentRequest.objects.get().source_article == article


@pytest.mark.parametrize("odd", ["", "abc", "999999", "-1"])
def test_an_odd_article_value_is_ignored_and_the_request_kept(client, odd):
    response = client.post(form_url(), FormDataFactory(article=odd))
    assert response.status_code == 303
    assert AppointmentRequest.objects.get().source_article is None


def test_a_draft_article_is_not_recorded_as_the_source(client):
    draft = ArticleFactory(draft=True)
    client.post(form_url(), FormDataFactory(article=str(draft.pk)))
    assert AppointmentRequest.objects.get().source_article is None


def test_editors_see_requests_per_article_and_month_without_personal_data(client, editor):
    article = ArticleFactory(title_en="Trigger points explained")
    november = timezone.make_aware(datetime(2026, 11, 5, 10))
    AppointmentRequestFactory.create_batch(2, source_article=article, created_at=november)
    AppointmentRequestFactory(
        source_article=article, created_at=november, status=AppointmentRequest.Status.SPAM
    )
    AppointmentRequestFactory(name="Be straipsnio")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(editor)
    content = client.get(BY_ARTICLE).content.decode()
    row = re.search(r"<tr><td>2026-11</td>.*?</tr>", content).group(0)
    assert "Trigger points explained" in row and "<td>2</td>" in row
    assert "Ona" not in content and "602" not in content


def test_reception_sees_the_source_article_on_the_request(login, receptionist):
    article = ArticleFactory(title_en="Trigger points explained")
    request = AppointmentRequestFactory(source_article=article)
    url = reverse("admin:registration_appointmentrequest_change", args=[request.pk])
    assert "Trigger points explained" in login(receptionist).get(url).content.decode()


def test_staff_without_article_or_request_permissions_see_no_counts(client, db):
    from tests.registration.factories import StaffUserFactory

    client.force_login(StaffUserFactory())
    assert client.get(BY_ARTICLE).status_code == 403
