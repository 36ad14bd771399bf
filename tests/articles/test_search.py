import pytest
from django.core.exceptions import ImproperlyConfigured

from articles import search_index
from articles.models import Article
from tests.articles.factories import ArticleFactory, FAQItemFactory
from tests.articles.pages import elements, url

pytestmark = pytest.mark.django_db


def found_titles(client, language, query):
    html = client.get(url("search:search", language), {"q": query}).content.decode()
    return [heading["text"] for heading in elements(html, "h3")]


@pytest.fixture
def articles(clinic):
    return {
        "arm": ArticleFactory(
            title_lt="Žasto skausmas",
            body_lt="<p>Skausmas plinta, kai jaučiamas šaltis.</p>",
            title_en="Upper arm pain",
            body_en="<p>The pain spreads in the cold.</p>",
        ),
        "ultrasound": ArticleFactory(
            title_lt="Ultragarsas",
            body_lt="<p>Echoskopas rodo raumenis.</p>",
            title_en="Ultrasound",
            body_en="<p>The scanner shows muscles.</p>",
        ),
    }


@pytest.mark.parametrize("query", ["zasto", "žasto", "ŽASTO", "saltis", "šaltį", "skausmas"])
def test_lithuanian_search_ignores_diacritics_and_case(client, articles, query):
    assert found_titles(client, "lt", query) == ["Žasto skausmas"]


def test_search_finds_words_by_their_beginning(client, articles):
    assert found_titles(client, "lt", "skausm") == ["Žasto skausmas"]
    assert found_titles(client, "lt", "ausmas") == []


def test_search_needs_every_word(client, articles):
    assert found_titles(client, "lt", "skausmas echoskopas") == []
    assert found_titles(client, "lt", "echoskopas raumenis") == ["Ultragarsas"]


def test_search_looks_only_at_the_current_languages_text(client, articles):
    assert found_titles(client, "en", "zasto") == []
    assert found_titles(client, "en", "scanner") == ["Ultrasound"]


def test_search_covers_the_faq(client, articles):
    FAQItemFactory(article=articles["ultrasound"], question_en="Is the gel cold?")
    assert found_titles(client, "en", "gel") == ["Ultrasound"]


def test_search_finds_an_edited_article_by_its_new_words_only(client, articles):
    article = articles["ultrasound"]
    article.body_en = "<p>The probe glides over the skin.</p>"
    article.save()
    assert found_titles(client, "en", "glides") == ["Ultrasound"]
    assert found_titles(client, "en", "scanner") == []


def test_search_forgets_a_deleted_article(client, articles):
    articles["ultrasound"].delete()
    ArticleFactory(title_en="Ultrasound again", body_en="<p>The scanner is back.</p>")
    assert found_titles(client, "en", "scanner") == ["Ultrasound again"]


@pytest.mark.parametrize("query", ['"cold"', "cold*", "(cold)", "cold:*", "cold & !", "-cold"])
def test_search_reads_quotes_and_operators_as_spaces(client, articles, query):
    assert found_titles(client, "en", query) == ["Upper arm pain"]


def test_search_for_symbols_alone_finds_nothing(client, articles):
    html = client.get(url("search:search", "en"), {"q": '"*(!'}).content.decode()
    assert "0 articles found" in html


def test_search_never_shows_drafts_or_scheduled_articles(client, clinic):
    ArticleFactory(title_en="Secret draft", draft=True)
    assert found_titles(client, "en", "secret") == []


def test_search_tells_how_many_articles_were_found(client, articles):
    html = client.get(url("search:search", "en"), {"q": "pain"}).content.decode()
    assert "1 article found for “pain”" in html
    html = client.get(url("search:search", "en"), {"q": "nothing-like-this"}).content.decode()
    assert "0 articles found" in html
    assert "See all articles" in html


def test_empty_search_shows_only_the_form(client, articles):
    html = client.get(url("search:search", "lt")).content.decode()
    assert elements(html, "input", type="search", name="q")
    assert not elements(html, "li", class_="card")


def test_search_keeps_the_query_in_the_form(client, articles):
    html = client.get(url("search:search", "en"), {"q": "<b>cold</b>"}).content.decode()
    (field,) = elements(html, "input", type="search")
    assert field["attrs"]["value"] == "<b>cold</b>"
    assert "<b>cold</b>" not in html


def test_search_names_the_databases_it_supports():
    with pytest.raises(ImproperlyConfigured, match="SQLite or PostgreSQL"):
        search_index.matching_ids("mysql", "en", ["pain"])


def test_search_queryset_works_on_any_database(articles):
    from django.utils import translation

    with translation.override("lt"):
        assert list(Article.objects.published().search("ZASTO saltis")) == [articles["arm"]]
