import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone, translation

from articles import search_index
from articles.models import Article
from articles.search_text import Query
from tests.articles.factories import ArticleFactory, FAQItemFactory, TopicFactory
from tests.articles.pages import element, elements, inside, url

pytestmark = pytest.mark.django_db

RESULTS = '<ul class="card-list" aria-labelledby="results-heading"'


def search_page(client, language, query):
    return client.get(url("search:search", language), {"q": query}).content.decode()


def found_titles(client, language, query):
    html = search_page(client, language, query)
    if RESULTS not in html:
        return []
    return [heading["text"] for heading in elements(inside(html, RESULTS, "ul"), "h3")]


def article(days_old=1, **texts):
    """A published article with only the given texts (the rest empty)."""
    fields = {
        "title_lt": "Straipsnis",
        "summary_lt": "Santrauka.",
        "body_lt": "<p>Tekstas.</p>",
        "title_en": "Article",
        "summary_en": "Summary.",
        "body_en": "<p>Text.</p>",
        "publish_at": timezone.now() - datetime.timedelta(days=days_old),
    }
    return ArticleFactory(**(fields | texts))


@pytest.fixture
def articles(clinic):
    return {
        "arm": article(
            title_lt="Žasto skausmas",
            body_lt="<p>Skausmas plinta, kai jaučiamas šaltis.</p>",
            title_en="Upper arm pain",
            body_en="<p>The pain spreads in the cold.</p>",
        ),
        "ultrasound": article(
            title_lt="Ultragarsas",
            body_lt="<p>Echoskopas rodo raumenis.</p>",
            title_en="Ultrasound",
            body_en="<p>The scanner shows muscles.</p>",
        ),
    }


@pytest.mark.parametrize("query", ["zasto", "žasto", "ŽASTO", "saltis", "šaltį", "skausmas"])
def test_lithuanian_search_ignores_diacritics_and_case(client, articles, query):
    assert found_titles(client, "lt", query) == ["Žasto skausmas"]


@pytest.mark.parametrize("query", ["petys", "peties", "petyje", "petį", "pečiai"])
def test_lithuanian_search_finds_other_word_forms(client, clinic, query):
    article(title_lt="Peties skausmas", body_lt="<p>Skauda petyje.</p>")
    article(title_lt="Kelio skausmas")
    assert found_titles(client, "lt", query) == ["Peties skausmas"]


def test_lithuanian_search_finds_the_same_articles_for_any_form(client, clinic):
    article(title_lt="Skausmo gydymas")
    article(title_lt="Nugaros skausmas")
    article(title_lt="Kas skauda", body_lt="<p>Lėtinis skausmų malšinimas.</p>")
    found = {query: sorted(found_titles(client, "lt", query)) for query in ["skausmas", "skausmo"]}
    expected = ["Kas skauda", "Nugaros skausmas", "Skausmo gydymas"]
    assert found["skausmas"] == found["skausmo"] == expected


@pytest.mark.parametrize("query", ["taskas", "taškas", "taškai", "TAŠKŲ"])
def test_lithuanian_search_finds_a_word_typed_without_diacritics(client, clinic, query):
    article(title_lt="Trigerinis taškas")
    assert found_titles(client, "lt", query) == ["Trigerinis taškas"]


@pytest.mark.parametrize("query", ["injection", "injections", "Injected"])
def test_english_search_finds_other_word_forms(client, clinic, query):
    article(title_en="Trigger point injections")
    article(title_en="Nerve block", body_en="<p>After the injection, rest.</p>")
    assert sorted(found_titles(client, "en", query)) == ["Nerve block", "Trigger point injections"]


@pytest.mark.parametrize(("language", "query"), [("lt", "skausm"), ("en", "ultras"), ("en", "u")])
def test_search_finds_the_word_being_typed(client, articles, language, query):
    titles = {"lt": "Žasto skausmas", "en": "Ultrasound"}
    assert titles[language] in found_titles(client, language, query)


def test_search_does_not_find_the_middle_of_a_word(client, articles):
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
    edited = articles["ultrasound"]
    edited.body_en = "<p>The probe glides over the skin.</p>"
    edited.save()
    assert found_titles(client, "en", "glides") == ["Ultrasound"]
    assert found_titles(client, "en", "scanner") == []


def test_search_forgets_a_deleted_article(client, articles):
    articles["ultrasound"].delete()
    article(title_en="Ultrasound again", body_en="<p>The scanner is back.</p>")
    assert found_titles(client, "en", "scanner") == ["Ultrasound again"]


@pytest.mark.parametrize("query", ['"cold"', "cold*", "(cold)", "cold:*", "cold & !", "-cold"])
def test_search_reads_quotes_and_operators_as_spaces(client, articles, query):
    assert found_titles(client, "en", query) == ["Upper arm pain"]


def test_search_never_shows_drafts_or_scheduled_articles(client, clinic):
    ArticleFactory(title_en="Secret draft", draft=True)
    article(title_en="Secret plan", days_old=-1)
    assert found_titles(client, "en", "secret") == []


def test_ultrasound_article_comes_first_for_ultrasound(client, clinic):
    article(title_lt="Nugaros skausmas", body_lt="<p>Gydytojas gali atlikti ultragarsą.</p>")
    article(title_lt="Ultragarsas", days_old=30)
    article(title_lt="Kaklas", summary_lt="Tiriama ultragarsu.", days_old=10)
    expected = ["Ultragarsas", "Kaklas", "Nugaros skausmas"]
    assert found_titles(client, "lt", "ultragarsas") == expected


def test_a_match_in_the_title_beats_the_faq_questions_and_they_beat_the_body(client, clinic):
    body = article(title_en="Recovery", body_en="<p>Side effects are rare.</p>")
    faq = article(title_en="Questions", days_old=5)
    FAQItemFactory(article=faq, question_en="Are there side effects?")
    article(title_en="Risks and side effects", days_old=9)
    assert found_titles(client, "en", "side effects") == [
        "Risks and side effects",
        "Questions",
        body.title_en,
    ]


def test_equal_matches_come_newest_first(client, clinic):
    for days_old in [3, 1, 2]:
        article(title_en=f"Neck pain {days_old}", days_old=days_old)
    assert found_titles(client, "en", "neck") == ["Neck pain 1", "Neck pain 2", "Neck pain 3"]


def test_a_title_match_is_ranked_however_many_articles_match_elsewhere(client, clinic, monkeypatch):
    monkeypatch.setattr(search_index, "CANDIDATES", 3)
    article(title_en="Knee pain", days_old=100)
    for number in range(5):
        article(title_en=f"Exercise {number}", body_en="<p>A knee may ache.</p>")
    html = search_page(client, "en", "knee")
    titles = [heading["text"] for heading in elements(inside(html, RESULTS, "ul"), "h3")]
    assert titles[0] == "Knee pain"
    assert len(titles) == 4
    assert "At least 4 articles found for “knee”" in html


def test_results_show_an_extract_with_the_words_found_marked(client, clinic):
    article(
        title_en="Shoulder",
        body_en="<p>Rest first. Then <strong>injections</strong> may help the shoulder heal.</p>",
    )
    html = search_page(client, "en", "injection")
    extract = element(html, "p", class_="extract")
    assert extract["text"] == "Rest first. Then injections may help the shoulder heal."
    assert "<mark>injections</mark>" in html


def test_the_extract_shows_text_that_looks_like_markup_as_text(client, clinic):
    body = "<p>Never type &lt;script&gt;alert(1)&lt;/script&gt; here.</p>"
    article(title_en="Safety", body_en=body)
    html = search_page(client, "en", "script")
    assert "<mark>script</mark>" in html
    assert "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;" in html
    assert "<script>alert" not in html


def test_a_long_body_is_cut_to_a_short_extract_around_the_match(client, clinic):
    words = " ".join(f"word{number}" for number in range(200))
    article(title_en="Long", body_en=f"<p>{words} sciatica {words}</p>")
    extract = element(search_page(client, "en", "sciatica"), "p", class_="extract")
    assert extract["text"].startswith("… word194")
    assert extract["text"].endswith("word17 …")


def test_search_tells_how_many_articles_were_found(client, articles):
    assert "1 article found for “pain”" in search_page(client, "en", "pain")


def test_nothing_found_says_so_and_offers_topics_articles_and_the_phone(client, articles):
    featured = article(title_en="Start here", featured=True)
    html = search_page(client, "en", "nothing-like-this")
    assert "Nothing found for “nothing-like-this”" in html
    assert {link["text"] for link in elements(html, "a")} >= {
        featured.topic.name_en,
        articles["arm"].topic.name_en,
        "Start here",
    }
    assert elements(html, "a", href="tel:+37060226118")


def test_nothing_found_call_button_keeps_the_number_on_one_line(client, articles):
    html = search_page(client, "en", "nothing-like-this")
    call = element(inside(html, '<p class="search-call"', "p"), "a", href="tel:+37060226118")
    assert call["text"] == "Call +370\u00a0602\u00a026118"


def test_nothing_found_suggests_the_newest_articles_when_none_is_featured(client, articles):
    html = search_page(client, "lt", "nieko")
    assert "Pagal užklausą „nieko“ nieko nerasta" in html
    suggested = inside(html, '<ul class="card-list" aria-labelledby="search-suggested"', "ul")
    assert [heading["text"] for heading in elements(suggested, "h4")] == [
        "Ultragarsas",
        "Žasto skausmas",
    ]


@pytest.mark.parametrize("query", ['"*(!', "  ", "x" * 5000, "🙂", "zq " * 150, "ąčęėįšųūž" * 30])
def test_absurd_queries_find_nothing_and_answer_normally(client, articles, query):
    response = client.get(url("search:search", "en"), {"q": query})
    assert response.status_code == 200
    assert found_titles(client, "en", query) == []


def test_a_query_of_many_words_still_finds_the_article(client, articles):
    assert found_titles(client, "en", "the pain spreads in the cold upper arm " * 4) == [
        "Upper arm pain"
    ]


def test_empty_search_shows_only_the_form(client, articles):
    html = client.get(url("search:search", "lt")).content.decode()
    assert elements(html, "input", type="search", name="q")
    assert not elements(html, "li", class_="card")


def test_search_keeps_the_query_in_the_form(client, articles):
    html = search_page(client, "en", "<b>cold</b>")
    (field,) = elements(html, "input", type="search")
    assert field["attrs"]["value"] == "<b>cold</b>"
    assert "<b>cold</b>" not in html


def test_a_page_beyond_the_last_shows_the_last(client, articles):
    response = client.get(url("search:search", "en"), {"q": "pain", "page": "99"})
    assert response.status_code == 200
    assert "Upper arm pain" in response.content.decode()


def test_search_names_the_databases_it_supports():
    class MySQL:
        vendor = "mysql"

    with pytest.raises(ImproperlyConfigured, match="SQLite or PostgreSQL"):
        search_index.search_sql(MySQL(), Query("pain", "en"), "published")


def test_search_ids_work_on_the_current_database(articles):
    with translation.override("lt"):
        assert Article.objects.search_ids("ZASTO saltis") == [articles["arm"].pk]


@pytest.mark.django_db(transaction=True)
def test_search_index_is_made_again_after_a_migration_rebuilds_the_articles_table(client):
    from django.core.management import call_command

    from tests.clinic.factories import ClinicDetailsFactory

    call_command("migrate", verbosity=0)  # a migration test may have left the schema older
    ClinicDetailsFactory()
    before = article(title_en="Before the rebuild", topic=TopicFactory())
    field = Article._meta.get_field("image_alt")
    wider = field.clone()
    wider.set_attributes_from_name("image_alt")
    wider.max_length = 300
    with connection.schema_editor() as editor:
        editor.alter_field(Article, field, wider)  # SQLite copies the table
    try:
        during = article(title_en="During the rebuild", topic=before.topic)
        call_command("migrate", verbosity=0)
        after = article(title_en="After the rebuild", topic=before.topic)
        assert sorted(found_titles(client, "en", "rebuild")) == sorted(
            [before.title_en, during.title_en, after.title_en]
        )
    finally:
        with connection.schema_editor() as editor:
            editor.alter_field(Article, wider, field)
        call_command("migrate", verbosity=0)


@pytest.mark.parametrize("size", [2, 6])
def test_a_search_page_runs_a_fixed_number_of_queries(
    client, clinic, django_assert_max_num_queries, size
):
    for number in range(size):
        article(title_en=f"Neck {number}")
    # Clinic details, the ranking, the page's articles; when nothing is found, the
    # ranking, topics, featured and newest articles.
    with django_assert_max_num_queries(3):
        assert "Neck 0" in search_page(client, "en", "neck")
    with django_assert_max_num_queries(5):
        assert "Nothing found" in search_page(client, "en", "elbow")


def test_lithuanian_search_button_says_what_it_does(client, articles):
    html = search_page(client, "lt", "")
    assert element(html, "button", type="submit")["text"] == "Ieškoti"
