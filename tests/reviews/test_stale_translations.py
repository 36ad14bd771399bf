import datetime

import pytest
from django.db.models import F

from reviews.freshness import stale_texts
from reviews.models import TextChange
from tests.articles.factories import ArticleFactory
from tests.reviews.admin_forms import change_form_data, change_url

pytestmark = pytest.mark.django_db


def stale(article):
    return {(text.field, text.language) for text in stale_texts(article)}


def a_moment_later(article):
    """Two saves in one test may fall within the clock's resolution: move the recorded
    times back (keeping their order) so that the next save is surely later."""
    TextChange.objects.filter(article=article).update(
        changed_at=F("changed_at") - datetime.timedelta(seconds=5)
    )


def test_a_new_article_has_no_stale_translation(article):
    assert stale(article) == set()


def changed_later(obj, article, field, language="lt"):
    """Change one text of the article or its FAQ item a moment after the others."""
    a_moment_later(article)
    rich = field in ("body", "answer")
    setattr(obj, f"{field}_{language}", "<p>Naujas tekstas.</p>" if rich else "Naujas")
    obj.save()


@pytest.mark.parametrize("field", ["title", "summary", "body", "image_alt"])
def test_changing_the_lithuanian_text_makes_that_english_field_stale(field):
    article = ArticleFactory(with_image=True)
    changed_later(article, article, field)
    assert stale(article) == {(field, "en")}


def test_changing_the_english_text_makes_the_lithuanian_stale(article):
    a_moment_later(article)
    article.summary_en = "A new summary."
    article.save()
    assert stale(article) == {("summary", "lt")}


@pytest.mark.parametrize("field", ["question", "answer"])
def test_faq_questions_and_answers_count(article, field):
    changed_later(article.faq_items.get(), article, field)
    assert stale(article) == {(field, "en")}


def test_saving_the_translation_clears_the_mark(article):
    a_moment_later(article)
    article.body_lt = "<p>Naujas tekstas.</p>"
    article.save()
    a_moment_later(article)
    article.body_en = "<p>New text.</p>"
    article.save()
    assert stale(article) == set()


def test_the_article_list_shows_stale_translations(editor_client, settings, article):
    a_moment_later(article)
    article.body_lt = "<p>Naujas tekstas.</p>"
    article.save()
    html = editor_client.get(f"/{settings.ADMIN_URL}articles/article/").content.decode()
    assert "EN: Body" in html


def test_the_review_filter_finds_articles_with_stale_translations(editor_client, settings, article):
    ArticleFactory()
    changed_later(article, article, "summary")
    response = editor_client.get(f"/{settings.ADMIN_URL}articles/article/?review=stale")
    assert [a.pk for a in response.context["cl"].result_list] == [article.pk]
    assert "Stale translations (1)" in response.content.decode()


def test_the_change_form_marks_the_stale_fields_and_links_to_the_diff(
    editor_client, settings, article
):
    a_moment_later(article)
    article.body_lt = "<p>Naujas tekstas.</p>"
    article.save()
    response = editor_client.get(change_url(settings, article))
    form = response.context["adminform"].form
    assert "Stale" in str(form.fields["body_en"].help_text)
    assert "Stale" not in str(form.fields["body_lt"].help_text)
    assert "Stale" not in str(form.fields["title_en"].help_text)
    assert "Body (EN) is older than the LT text." in response.content.decode()


def test_the_change_form_marks_a_stale_faq_answer(editor_client, settings, article):
    a_moment_later(article)
    item = article.faq_items.get()
    item.answer_en = "<p>A new answer.</p>"
    item.save()
    response = editor_client.get(change_url(settings, article))
    inline_form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert "Stale" in str(inline_form.fields["answer_lt"].help_text)


def test_confirming_the_checked_translation_clears_the_mark(editor_client, settings, article):
    a_moment_later(article)
    article.body_lt = "<p>Naujas tekstas.</p>"
    article.save()
    article.refresh_from_db()
    data = change_form_data(article, translations_checked="on")
    response = editor_client.post(change_url(settings, article), data)
    assert response.status_code == 302
    assert stale(article) == set()


def test_saving_without_confirming_keeps_the_mark(editor_client, settings, article):
    a_moment_later(article)
    article.body_lt = "<p>Naujas tekstas.</p>"
    article.save()
    article.refresh_from_db()
    editor_client.post(change_url(settings, article), change_form_data(article))
    assert stale(article) == {("body", "en")}
