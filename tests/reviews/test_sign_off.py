import datetime

import pytest
from django.utils import timezone

from reviews import revisions
from reviews.models import SignOff
from tests.articles.factories import ArticleFactory
from tests.articles.pages import element, json_ld, url_of
from tests.reviews.admin_forms import change_form_data, change_url
from tests.reviews.factories import ReviewerFactory, SignOffFactory

pytestmark = pytest.mark.django_db

SIGN_OFF = {"reviewer_role_lt": "skausmo gydytojas", "reviewer_role_en": "pain physician"}


def sign_off(client, settings, article, **data):
    return client.post(
        change_url(settings, article, "sign-off/"), {**SIGN_OFF, "interval_months": 12, **data}
    )


def test_a_named_clinical_reviewer_signs_off_the_current_revision(
    reviewer_client, reviewer, settings, article
):
    response = sign_off(reviewer_client, settings, article)
    assert response.status_code == 302
    signed = SignOff.objects.get()
    assert signed.reviewer == reviewer
    assert signed.reviewer_name == "Jonas Jonaitis"
    assert signed.revision == revisions.latest_revision(article)
    assert signed.next_review == timezone.localdate().replace(year=timezone.localdate().year + 1)


def test_an_editor_cannot_sign_off(editor_client, settings, article):
    assert sign_off(editor_client, settings, article).status_code == 403
    assert not SignOff.objects.exists()


def test_an_editor_sees_what_the_reviewer_will_review_without_a_form(
    editor_client, settings, article
):
    response = editor_client.get(change_url(settings, article, "sign-off/"))
    assert response.status_code == 200
    assert response.context["diffs"]
    assert "Only members of the Clinical reviewers group can sign off" in response.content.decode()
    assert "<form" not in response.content.decode().split('id="content-main"')[1]


def test_a_reviewer_without_a_name_is_asked_for_one_and_cannot_sign_off(client, settings, article):
    nameless = ReviewerFactory(first_name="", last_name="")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(nameless)
    response = sign_off(client, settings, article)
    assert "add your first and last name" in response.content.decode()
    assert not SignOff.objects.exists()


def test_the_sign_off_page_shows_what_changed_since_the_last_sign_off(
    reviewer_client, settings, article
):
    SignOffFactory(article=article)
    article.summary_lt = "Nauja santrauka apie žastą."
    article.save()
    response = reviewer_client.get(change_url(settings, article, "sign-off/"))
    assert [(d.field, d.language) for d in response.context["diffs"]] == [("summary", "lt")]


def test_the_sign_off_form_offers_the_role_the_reviewer_gave_last_time(
    reviewer_client, reviewer, settings, article
):
    SignOffFactory(article=ArticleFactory(), reviewer=reviewer)
    response = reviewer_client.get(change_url(settings, article, "sign-off/"))
    form = response.context["form"]
    assert {name: form[name].value() for name in SIGN_OFF} == SIGN_OFF


def test_page_without_sign_off_says_clinical_review_is_pending(client, article):
    html = client.get(url_of(article, "en")).content.decode()
    assert "Clinical review pending" in element(html, "div", class_="review-status")["text"]
    page = json_ld(html)["MedicalWebPage"]
    assert "lastReviewed" not in page and "reviewedBy" not in page


def test_page_shows_the_latest_sign_off_and_its_json_ld(client, article):
    SignOffFactory(article=article, signed_at=timezone.now() - datetime.timedelta(days=400))
    latest = SignOffFactory(article=article, reviewer=ReviewerFactory(first_name="Rūta"))
    html = client.get(url_of(article, "en")).content.decode()
    line = element(html, "div", class_="review-status")["text"]
    assert "Clinically reviewed:" in line
    assert "Rūta Jonaitis, pain physician" in line
    page = json_ld(html)["MedicalWebPage"]
    assert page["lastReviewed"] == timezone.localdate(latest.signed_at).isoformat()
    assert page["reviewedBy"] == {
        "@type": "Person",
        "name": "Rūta Jonaitis",
        "jobTitle": "pain physician",
    }


def test_lithuanian_page_shows_the_lithuanian_role(client, article):
    SignOffFactory(article=article)
    html = client.get(url_of(article, "lt")).content.decode()
    assert (
        "Jonas Jonaitis, skausmo gydytojas" in element(html, "div", class_="review-status")["text"]
    )


def test_a_sign_off_refreshes_the_cached_page(client, article):
    assert "Clinical review pending" in client.get(url_of(article, "en")).content.decode()
    SignOffFactory(article=article)
    assert "Clinically reviewed:" in client.get(url_of(article, "en")).content.decode()


def test_an_edit_after_sign_off_keeps_the_page_and_lists_the_article_as_changed(
    editor_client, client, settings, article
):
    SignOffFactory(article=article)
    editor_client.post(change_url(settings, article), change_form_data(article, title_en="Edited"))
    assert client.get(url_of(article, "en")).status_code == 200
    changed = editor_client.get(f"/{settings.ADMIN_URL}articles/article/?review=changed")
    assert [a.pk for a in changed.context["cl"].result_list] == [article.pk]
    form = editor_client.get(change_url(settings, article)).content.decode()
    assert "What changed since the sign-off" in form


def test_review_queue_counts_articles_never_signed_off(editor_client, settings, article):
    SignOffFactory(article=ArticleFactory())
    html = editor_client.get(f"/{settings.ADMIN_URL}articles/article/").content.decode()
    assert "Never signed off (1)" in html


def test_the_review_filter_names_the_reminder_period_of_the_settings(
    editor_client, settings, article
):
    settings.REVIEW_REMINDER_DAYS = 14
    response = editor_client.get(f"/{settings.ADMIN_URL}articles/article/")
    assert "Review due within 14 days (0)" in response.content.decode()


def test_with_the_setting_an_unsigned_article_cannot_be_published(editor_client, settings, article):
    settings.REQUIRE_SIGN_OFF_TO_PUBLISH = True
    article.status = "draft"
    article.save()
    response = editor_client.post(
        change_url(settings, article), change_form_data(article, status="published")
    )
    assert response.status_code == 200
    assert "must sign this article off before it is published" in response.content.decode()
    article.refresh_from_db()
    assert article.status == "draft"


def test_with_the_setting_the_publish_action_skips_unsigned_articles(editor_client, settings):
    settings.REQUIRE_SIGN_OFF_TO_PUBLISH = True
    unsigned = ArticleFactory(draft=True)
    signed = SignOffFactory(article=ArticleFactory(draft=True)).article
    editor_client.post(
        f"/{settings.ADMIN_URL}articles/article/",
        {"action": "publish", "_selected_action": [unsigned.pk, signed.pk]},
    )
    unsigned.refresh_from_db()
    signed.refresh_from_db()
    assert (unsigned.status, signed.status) == ("draft", "published")


def test_without_the_setting_an_unsigned_article_is_published(editor_client, settings, article):
    settings.REQUIRE_SIGN_OFF_TO_PUBLISH = False
    article.status = "draft"
    article.save()
    editor_client.post(change_url(settings, article), change_form_data(article, status="published"))
    article.refresh_from_db()
    assert article.status == "published"


def test_a_reviewer_reads_the_history_and_diffs_but_cannot_edit(reviewer_client, settings, article):
    SignOffFactory(article=article)
    assert reviewer_client.get(change_url(settings, article, "history/")).status_code == 200
    assert reviewer_client.get(change_url(settings, article, "compare/?old=")).status_code == 200
    response = reviewer_client.post(
        change_url(settings, article), change_form_data(article, title_en="Changed")
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title_en != "Changed"


def test_a_visitor_cannot_see_a_diff(client, settings, article):
    response = client.get(change_url(settings, article, "compare/?old="))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
