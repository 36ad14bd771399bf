"""The privacy notice page and the contact block on the reading pages."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def privacy_url(language):
    with translation.override(language):
        return reverse("registration:privacy")


@pytest.mark.parametrize(
    ("language", "title"), [("lt", "Privatumo pranešimas"), ("en", "Privacy notice")]
)
def test_privacy_notice_is_shown_in_the_page_language_with_its_version(
    client, clinic, privacy_notice, language, title
):
    content = client.get(privacy_url(language)).content.decode()
    assert f"<h1>{title}</h1>" in content
    assert "2026-11-22" in content


def test_privacy_notice_lives_at_its_own_address_outside_the_form():
    assert privacy_url("en") == "/en/privacy/"


def test_privacy_notice_is_a_reading_page_without_cookies_and_cacheable(
    client, clinic, privacy_notice
):
    response = client.get(privacy_url("en"))
    assert not response.cookies
    assert "public" in response["Cache-Control"]
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_a_new_version_of_the_notice_shows_at_once_despite_the_cache(
    client, clinic, privacy_notice
):
    client.get(privacy_url("en"))
    privacy_notice.title_en = "Privacy notice, updated"
    privacy_notice.save()
    assert "Privacy notice, updated" in client.get(privacy_url("en")).content.decode()


def test_without_a_notice_in_force_the_page_is_not_found(client, clinic):
    assert client.get(privacy_url("en")).status_code == 404


def test_contact_block_offers_a_call_link_opening_hours_and_the_form(client, clinic):
    content = client.get("/en/").content.decode()
    block = content.split('<section class="contact-block"')[1].split("</section>")[0]
    assert 'href="tel:+37060226118"' in block
    assert "Call +370\u00a0602\u00a026118" in block
    assert "Mon–Fri 8:00–18:00" in block
    with translation.override("en"):
        assert f'href="{reverse("registration:request")}"' in block


def test_contact_block_under_an_article_tells_the_form_where_the_patient_came_from(client, clinic):
    article = ArticleFactory()
    with translation.override("lt"):
        article_url = article.get_absolute_url()
        form_link = f'href="{reverse("registration:request")}?article={article.pk}"'
    assert form_link in client.get(article_url).content.decode()


def test_contact_block_sets_no_cookie_on_reading_pages(client, clinic):
    response = client.get("/lt/")
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
