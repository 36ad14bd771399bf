import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, OldSlug
from tests.articles.factories import ArticleFactory, FAQItemFactory, TopicFactory, png_upload

pytestmark = pytest.mark.django_db


def test_slugs_are_filled_from_the_title_in_each_language():
    article = ArticleFactory(title_lt="Kas yra trigerinis taškas?", title_en="What is it?")
    assert article.slug_lt == "kas-yra-trigerinis-taskas"
    assert article.slug_en == "what-is-it"


def test_a_title_used_twice_still_gets_a_unique_slug():
    first = ArticleFactory(title_lt="Žastas", title_en="Upper arm")
    second = ArticleFactory(title_lt="Žastas", title_en="Upper arm")
    assert first.slug_lt == "zastas"
    assert second.slug_lt == "zastas-2"
    assert second.slug_en == "upper-arm-2"


def test_an_untranslated_language_has_no_slug():
    article = ArticleFactory(lithuanian_only=True)
    assert article.slug_en is None
    assert article.missing_translations() == ["en"]


def test_a_changed_slug_is_remembered_for_redirects():
    article = ArticleFactory(slug_lt="senas-adresas")
    article.slug_lt = "naujas-adresas"
    article.save()
    assert list(article.old_slugs.values_list("language", "slug")) == [("lt", "senas-adresas")]


def test_taking_back_an_old_slug_forgets_it():
    article = ArticleFactory(slug_lt="pirmas")
    article.slug_lt = "antras"
    article.save()
    article.slug_lt = "pirmas"
    article.save()
    assert list(OldSlug.objects.values_list("slug", flat=True)) == ["antras"]


def test_body_is_sanitised_and_its_sections_get_ids_on_save():
    article = ArticleFactory(body_lt='<h2 id="x" onclick="y">Įvadas</h2><script>alert(1)</script>')
    assert article.body_lt == '<h2 id="ivadas">Įvadas</h2>'


def test_faq_answers_are_sanitised_on_save():
    item = FAQItemFactory(answer_lt='<p>Taip<img src=x onerror="alert(1)"></p>')
    assert item.answer_lt == "<p>Taip</p>"


def test_reading_time_is_computed_per_language():
    article = ArticleFactory(body_lt="<p>" + "žodis " * 450 + "</p>", body_en="<p>short</p>")
    assert (article.reading_minutes_lt, article.reading_minutes_en) == (3, 1)


def test_reading_time_counts_the_questions_and_answers_too():
    article = ArticleFactory(body_en="<p>A short introduction.</p>")
    FAQItemFactory(article=article, answer_en="<p>" + "word " * 500 + "</p>")
    article.refresh_from_db()
    assert article.reading_minutes_en == 3
    # Saving the article again keeps counting them.
    article.save()
    assert article.reading_minutes_en == 3


def test_search_text_covers_the_faq_as_soon_as_it_changes():
    article = ArticleFactory()
    item = FAQItemFactory(article=article, question_lt="Ar galima sportuoti?")
    assert article in Article.objects.search("sportuoti")
    item.delete()
    assert article not in Article.objects.search("sportuoti")


def test_a_future_publish_date_keeps_the_article_unpublished_until_then():
    article = ArticleFactory(publish_at=timezone.now() + datetime.timedelta(days=1))
    assert article not in Article.objects.published()
    assert not article.is_published()


def test_a_draft_is_never_published():
    assert not Article.objects.published().filter(pk=ArticleFactory(draft=True).pk).exists()


def test_an_image_needs_a_description_in_every_language_the_article_is_written_in():
    article = ArticleFactory.build(topic=TopicFactory(), image=png_upload(), image_alt_lt="")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert set(error.value.message_dict) == {"image_alt_lt", "image_alt_en"}


def test_saving_an_image_makes_its_renditions_once():
    article = ArticleFactory(with_image=True)
    names = [size["name"] for size in article.image_renditions["sizes"]]
    article.title_lt = "Kitas pavadinimas"
    article.save()
    assert [size["name"] for size in article.image_renditions["sizes"]] == names
    assert article.picture["srcset"].count("w,") == 2
    assert (article.picture["width"], article.picture["height"]) == (1200, 675)


def test_removing_the_image_removes_its_renditions():
    article = ArticleFactory(with_image=True)
    storage = article.image.storage
    names = [size["name"] for size in article.image_renditions["sizes"]]
    article.image = None
    article.save()
    assert article.picture is None
    assert not any(storage.exists(name) for name in names)
