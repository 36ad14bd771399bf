import pytest
from django.urls import reverse
from django.utils import translation

from feedback.forms import comment_token
from feedback.models import PageFeedback
from tests.articles.factories import ArticleFactory
from tests.articles.pages import element, url_of

pytestmark = pytest.mark.django_db

SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}


def answer_url(article, language="lt"):
    with translation.override(language):
        return reverse("feedback:answer", kwargs={"article_id": article.pk})


def comment_url(language="lt"):
    with translation.override(language):
        return reverse("feedback:comment")


def test_the_article_page_asks_without_a_cookie_or_csrf_token(client, article):
    response = client.get(url_of(article, "en"))
    html = response.content.decode()
    form = element(html, "form", class_="page-feedback")
    assert form["attrs"]["action"] == answer_url(article, "en")
    assert "Was this page helpful?" in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies


def test_the_article_page_stays_cached_after_an_answer(client, article, django_assert_num_queries):
    client.get(url_of(article, "lt"))
    client.post(answer_url(article), {"helpful": "yes"}, **SAME_SITE)
    with django_assert_num_queries(0):
        assert client.get(url_of(article, "lt")).status_code == 200


def test_an_answer_is_stored_with_its_language_and_thanked_for_without_a_cookie(client, article):
    response = client.post(answer_url(article, "en"), {"helpful": "no"}, **SAME_SITE)
    assert response.status_code == 200
    assert "Thank you for your answer" in response.content.decode()
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    feedback = PageFeedback.objects.get()
    assert (feedback.article, feedback.language, feedback.helpful) == (article, "en", False)


def test_the_thank_you_page_asks_what_was_missing_and_keeps_the_comment(client, article):
    response = client.post(answer_url(article), {"helpful": "no"}, **SAME_SITE)
    token = response.context["form"]["token"].value()
    response = client.post(
        comment_url(), {"token": token, "comment": "Trūko apie sportą."}, **SAME_SITE
    )
    assert response.status_code == 200
    assert PageFeedback.objects.get().comment == "Trūko apie sportą."


def test_phone_numbers_and_e_mails_are_removed_before_storing(client, article):
    feedback = PageFeedback.objects.create(article=article, language="lt", helpful=False)
    text = "Paskambinkite 8 612 34567 arba +370 (5) 212 3456, rašykite jonas.j@pastas.lt."
    client.post(comment_url(), {"token": comment_token(feedback), "comment": text}, **SAME_SITE)
    feedback.refresh_from_db()
    assert feedback.comment == "Paskambinkite […] arba […], rašykite […]."


def test_a_too_long_comment_is_refused_in_the_visitors_language_and_kept_in_the_box(
    client, article
):
    feedback = PageFeedback.objects.create(article=article, language="lt", helpful=False)
    long_text = "žodis " * 200
    response = client.post(
        comment_url(), {"token": comment_token(feedback), "comment": long_text}, **SAME_SITE
    )
    html = response.content.decode()
    assert "Parašykite trumpiau" in html
    assert "žodis žodis" in html
    feedback.refresh_from_db()
    assert feedback.comment == ""


def test_a_comment_cannot_overwrite_another(client, article):
    feedback = PageFeedback.objects.create(
        article=article, language="lt", helpful=False, comment="Pirmas."
    )
    response = client.post(
        comment_url(), {"token": comment_token(feedback), "comment": "Antras."}, **SAME_SITE
    )
    assert response.status_code == 404
    feedback.refresh_from_db()
    assert feedback.comment == "Pirmas."


def test_an_answer_from_another_site_is_refused(client, article):
    response = client.post(
        answer_url(article), {"helpful": "yes"}, HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    assert not PageFeedback.objects.exists()


def test_an_answer_without_origin_or_referer_is_refused(client, article):
    assert client.post(answer_url(article), {"helpful": "yes"}).status_code == 403


def test_the_referer_of_a_page_of_this_site_is_enough(client, article):
    referer = f"http://testserver{url_of(article, 'lt')}"
    response = client.post(answer_url(article), {"helpful": "yes"}, HTTP_REFERER=referer)
    assert response.status_code == 200


def test_answers_beyond_the_rate_limit_are_refused(client, article, settings):
    settings.FEEDBACK_RATE_LIMIT = 2
    codes = [
        client.post(answer_url(article), {"helpful": "yes"}, **SAME_SITE).status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]
    assert PageFeedback.objects.count() == 2


def test_a_large_body_is_refused(client, article):
    response = client.post(
        answer_url(article), {"helpful": "yes", "padding": "x" * 5000}, **SAME_SITE
    )
    assert response.status_code == 413
    assert not PageFeedback.objects.exists()


def test_an_answer_about_a_draft_is_not_found(client, clinic):
    draft = ArticleFactory(draft=True)
    assert client.post(answer_url(draft), {"helpful": "yes"}, **SAME_SITE).status_code == 404


def test_a_refusal_is_logged_in_one_line_without_the_address(client, article, caplog):
    client.post(answer_url(article), {"helpful": "yes"}, HTTP_ORIGIN="https://evil.example")
    [record] = [r for r in caplog.records if r.name == "feedback.views"]
    assert "127.0.0.1" not in record.getMessage()


def test_a_get_is_not_allowed(client, article):
    assert client.get(answer_url(article)).status_code == 405
