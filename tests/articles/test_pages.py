from datetime import timedelta

import pytest

from clinic.models import HelpNowItem
from tests.articles.factories import ArticleFactory, FAQItemFactory, TopicFactory
from tests.articles.pages import (
    element,
    elements,
    inside,
    json_ld,
    reading_pages,
    switcher_links,
    url,
    url_of,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["lt", "en"]


@pytest.fixture
def article(clinic):
    article = ArticleFactory(with_image=True)
    FAQItemFactory(article=article)
    return article


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_reading_page_answers_in_its_language(client, article, language):
    for page in reading_pages(article, language, query="zasto"):
        response = client.get(page)
        assert response.status_code == 200, page
        if response["Content-Type"].startswith("text/html"):
            assert f'<html lang="{language}">' in response.content.decode()


def test_article_addresses_use_the_slug_of_their_language(article):
    assert url_of(article, "lt") == f"/lt/straipsniai/{article.slug_lt}/"
    assert url_of(article, "en") == f"/en/articles/{article.slug_en}/"


def test_article_page_shows_title_summary_dates_and_reading_time(client, article):
    html = client.get(url_of(article, "en")).content.decode()
    assert element(html, "h1")["text"] == article.title_en
    assert article.summary_en in html
    assert "1 min read" in html


@pytest.mark.parametrize(
    ("language", "pending"),
    [("lt", "Klinikinė peržiūra dar neatlikta."), ("en", "Clinical review pending.")],
)
def test_article_without_a_recorded_review_says_clinical_review_is_pending(
    client, clinic, language, pending
):
    article = ArticleFactory()  # no clinical sign-off
    html = client.get(url_of(article, language)).content.decode()
    review = element(html, "div", class_="review-status")["text"]
    assert pending in review
    assert "2026" not in review


def test_hero_image_is_responsive_with_alt_text_and_loads_first(client, article):
    html = client.get(url_of(article, "lt")).content.decode()
    hero = element(html, "img", alt="Schema: raumens mazgas.")["attrs"]
    assert hero["width"] == "1200"
    assert hero["height"] == "675"
    assert hero["srcset"].count(".webp") == 3
    assert "sizes" in hero
    assert hero.get("loading") != "lazy"


def test_list_cards_below_the_first_load_their_images_lazily(client, clinic):
    ArticleFactory.create_batch(3, with_image=True)
    html = client.get(url("articles:list", "en")).content.decode()
    cards = [image["attrs"] for image in elements(html, "img") if "srcset" in image["attrs"]]
    assert [card.get("loading") for card in cards] == [None, "lazy", "lazy"]
    assert all(card["width"] and card["height"] for card in cards)


def test_long_article_opens_with_a_table_of_contents_linking_its_sections(client, article):
    html = client.get(url_of(article, "en")).content.decode()
    toc = [link["attrs"]["href"] for link in elements(inside(html, '<nav class="toc"', "nav"), "a")]
    assert toc == ["#what-is-it", "#why-does-it-hurt", "#what-can-i-do", "#faq-heading"]
    ids = {heading["attrs"].get("id") for heading in elements(html, "h2")}
    assert {anchor.lstrip("#") for anchor in toc} <= ids


def test_short_article_has_no_table_of_contents(client, clinic):
    article = ArticleFactory(body_en="<h2>Only</h2><p>One section.</p>")
    html = client.get(url_of(article, "en")).content.decode()
    assert not elements(html, "nav", class_="toc")


def test_faq_is_shown_as_native_disclosure_widgets(client, article):
    html = client.get(url_of(article, "en")).content.decode()
    (question,) = elements(html, "summary")
    assert question["text"].startswith("Does the injection hurt?")
    assert "Most people feel only a short prick." in element(html, "details")["text"]


def test_article_ends_with_the_contact_block_that_names_the_article(client, article):
    html = client.get(url_of(article, "lt")).content.decode()
    block = element(
        html, "section", class_="contact-block", **{"aria-labelledby": "article-contact-heading"}
    )
    assert block
    links = [link["attrs"]["href"] for link in elements(html, "a")]
    assert f"{url('registration:request', 'lt')}?article={article.pk}" in links
    assert "tel:+37060226118" in links


def test_related_articles_are_linked_when_published(client, article):
    visible = ArticleFactory(title_en="Visible neighbour")
    hidden = ArticleFactory(title_en="Hidden draft", draft=True)
    article.related.add(visible, hidden)
    html = client.get(url_of(article, "en")).content.decode()
    related = element(html, "section", class_="related")["text"]
    assert "Visible neighbour" in related
    assert "Hidden draft" not in related


def test_language_switcher_leads_to_the_same_article_in_the_other_language(client, article):
    html = client.get(url_of(article, "lt")).content.decode()
    assert switcher_links(html) == {"en": url_of(article, "en")}
    html = client.get(url_of(article, "en")).content.decode()
    assert switcher_links(html) == {"lt": url_of(article, "lt")}


def test_language_switcher_on_a_topic_page_uses_the_topics_slug_in_each_language(client, clinic):
    topic = TopicFactory(name_lt="Ultragarsas", name_en="Ultrasound")
    html = client.get(url_of(topic, "lt")).content.decode()
    assert switcher_links(html) == {"en": "/en/articles/topics/ultrasound/"}


def test_untranslated_article_is_shown_in_lithuanian_with_a_note(client, clinic):
    article = ArticleFactory(lithuanian_only=True, title_lt="Tik lietuviškai")
    response = client.get(url_of(article, "en"))
    html = response.content.decode()
    assert response.status_code == 200
    assert url_of(article, "en") == f"/en/articles/{article.slug_lt}/"
    assert (
        "has not been translated into this language yet"
        in element(html, "p", class_="notice translation-notice")["text"]
    )
    assert element(html, "h1")["text"] == "Tik lietuviškai"
    assert element(html, "div", class_="article-body")["attrs"]["lang"] == "lt"
    assert element(html, "link", rel="canonical")["attrs"]["href"].endswith(url_of(article, "lt"))
    assert switcher_links(html) == {"lt": url_of(article, "lt")}


def test_untranslated_article_is_marked_in_the_english_list(client, clinic):
    ArticleFactory(lithuanian_only=True, title_lt="Tik lietuviškai")
    html = client.get(url("articles:list", "en")).content.decode()
    card = element(html, "li", class_="card")
    assert card["attrs"]["lang"] == "lt"
    assert "Not translated yet" in card["text"]


def test_old_slug_redirects_permanently_to_the_current_address(client, article):
    old = url_of(article, "en")
    article.slug_en = "a-better-address"
    article.save()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == "/en/articles/a-better-address/"


def test_other_languages_slug_redirects_to_this_languages_address(client, article):
    response = client.get(f"/en/articles/{article.slug_lt}/")
    assert response.status_code == 301
    assert response["Location"] == url_of(article, "en")


def test_a_redirect_reads_the_article_but_not_its_faq_or_related_articles(
    client, article, django_assert_num_queries
):
    old = url_of(article, "en")
    article.slug_en = "a-better-address"
    article.save()
    with django_assert_num_queries(1):  # the article, by slug
        client.get(f"/en/articles/{article.slug_lt}/")
    with django_assert_num_queries(2):  # no article by slug; the old slug with its article
        client.get(old)


def test_unknown_article_is_not_found(client, clinic):
    assert client.get("/en/articles/no-such-article/").status_code == 404


def test_list_shows_published_articles_newest_first_with_their_details(client, clinic):
    older = ArticleFactory(title_en="Older")
    newer = ArticleFactory(title_en="Newer", publish_at=older.publish_at + timedelta(minutes=5))
    ArticleFactory(title_en="Draft", draft=True)
    html = client.get(url("articles:list", "en")).content.decode()
    titles = [
        heading["text"]
        for heading in elements(html, "h2")
        if heading["text"] in {"Older", "Newer", "Draft"}
    ]
    assert titles == ["Newer", "Older"]
    card = elements(html, "li", class_="card")[0]["text"]
    assert "min read" in card
    assert newer.summary_en in card


def test_list_is_paginated(client, clinic):
    ArticleFactory.create_batch(13)
    first = client.get(url("articles:list", "en")).content.decode()
    second = client.get(url("articles:list", "en") + "?page=2").content.decode()
    assert len(elements(first, "li", class_="card")) == 12
    assert len(elements(second, "li", class_="card")) == 1
    assert "Page 2 of 2" in second


def test_a_page_number_out_of_range_is_not_found(client, clinic):
    assert client.get(url("articles:list", "en") + "?page=9").status_code == 404


def test_topic_page_lists_only_that_topics_articles(client, clinic):
    mine = ArticleFactory(title_en="In the topic")
    ArticleFactory(title_en="Elsewhere")
    html = client.get(url_of(mine.topic, "en")).content.decode()
    assert element(html, "h1")["text"] == mine.topic.name_en
    cards = [card["text"] for card in elements(html, "li", class_="card")]
    assert len(cards) == 1
    assert "In the topic" in cards[0]
    current = [link for link in elements(html, "a") if link["attrs"].get("aria-current") == "page"]
    assert current[0]["text"] == mine.topic.name_en


def test_home_page_shows_the_clinic_featured_articles_topics_and_contact(client, clinic):
    first = ArticleFactory(featured=True, order=2, title_lt="Antras")
    ArticleFactory(featured=True, order=1, title_lt="Pirmas")
    ArticleFactory(featured=False, title_lt="Nerodomas")
    html = client.get(url("home", "lt")).content.decode()
    assert "Gydome raumenų skausmą." in html
    featured = [heading["text"] for heading in elements(html, "h3")]
    assert featured == ["Pirmas", "Antras"]
    topics = element(html, "ul", class_="topic-list")["text"]
    assert first.topic.name_lt in topics
    assert elements(
        html, "section", class_="contact-block", **{"aria-labelledby": "home-contact-heading"}
    )


def test_page_script_is_never_run_whatever_an_editor_wrote(client, clinic):
    article = ArticleFactory(
        title_en='</script><script>alert("title")</script>',
        body_en='<p>x<script>alert(1)</script><img src=x onerror="alert(2)">'
        '<a href="javascript:alert(3)">y</a></p>',
    )
    FAQItemFactory(article=article, answer_en="<p onmouseover=alert(4)>z</p>")
    html = client.get(url_of(article, "en")).content.decode()
    scripts = elements(html, "script")
    assert [script["attrs"] for script in scripts] == [{"type": "application/ld+json"}]
    assert "onerror" not in html
    assert "onmouseover" not in html
    assert "javascript:" not in html


def test_canonical_description_and_open_graph_describe_the_article(client, article):
    html = client.get(url_of(article, "en")).content.decode()
    canonical = f"http://testserver{url_of(article, 'en')}"
    assert element(html, "link", rel="canonical")["attrs"]["href"] == canonical
    assert element(html, "meta", name="description")["attrs"]["content"] == article.summary_en
    og = {
        meta["attrs"]["property"]: meta["attrs"]["content"]
        for meta in elements(html, "meta")
        if "property" in meta["attrs"]
    }
    assert og["og:title"] == article.title_en
    assert og["og:url"] == canonical
    assert og["og:type"] == "article"
    assert og["og:locale"] == "en_GB"
    assert og["og:image"].startswith("http://testserver/media/") and og["og:image"].endswith(
        ".webp"
    )


def test_structured_data_describes_the_page_its_faq_and_the_clinic(client, article):
    html = client.get(url_of(article, "en")).content.decode()
    data = json_ld(html)
    page = data["MedicalWebPage"]
    assert page["url"] == f"http://testserver{url_of(article, 'en')}"
    assert page["name"] == article.title_en
    assert page["inLanguage"] == "en"
    questions = data["FAQPage"]["mainEntity"]
    assert questions[0]["name"] == article.faq_items.get().question_en
    assert questions[0]["acceptedAnswer"]["text"] == "<p>Most people feel only a short prick.</p>"
    assert data["MedicalClinic"]["telephone"] == "+37060226118"
    assert page["publisher"] == {"@id": data["MedicalClinic"]["@id"]}


def test_structured_data_of_an_unreviewed_article_claims_no_review(client, clinic):
    html = client.get(url_of(ArticleFactory(), "lt")).content.decode()
    page = json_ld(html)["MedicalWebPage"]
    assert "lastReviewed" not in page
    assert "reviewedBy" not in page


def test_structured_data_of_an_untranslated_article_names_its_real_language(client, clinic):
    article = ArticleFactory(lithuanian_only=True)
    html = client.get(url_of(article, "en")).content.decode()
    assert json_ld(html)["MedicalWebPage"]["inLanguage"] == "lt"


def test_article_without_faq_has_no_faq_structured_data(client, clinic):
    html = client.get(url_of(ArticleFactory(), "lt")).content.decode()
    assert "FAQPage" not in json_ld(html)


@pytest.fixture
def help_now(db):
    lines = [
        (HelpNowItem.Action.CALL_112, "Kvėpuoti sunku.", "You are short of breath."),
        (HelpNowItem.Action.CONTACT_CLINIC, "Karščiuojate.", "You have a fever."),
        (HelpNowItem.Action.GOOD_TO_KNOW, "Tirpimas praeina.", "Numbness fades."),
    ]
    for order, (action, lt, en) in enumerate(lines):
        HelpNowItem.objects.create(action=action, order=order, text_lt=lt, text_en=en)


@pytest.mark.parametrize(
    ("language", "heading", "line", "otherwise"),
    [
        ("lt", "Kada skubiai kreiptis pagalbos", "Kvėpuoti sunku.", "skubiosios medicinos"),
        ("en", "Get help now", "You are short of breath.", "emergency department"),
    ],
)
def test_procedure_article_shows_the_get_help_now_block_in_its_language(
    client, clinic, help_now, language, heading, line, otherwise
):
    article = ArticleFactory(topic=TopicFactory(shows_help_now=True))
    html = client.get(url_of(article, language)).content.decode()
    block = element(html, "section", class_="help-now")["text"]
    assert heading in block
    assert line in block
    assert otherwise in block
    section = html.split('<section class="help-now"')[1].split("</section>")[0]
    assert 'href="tel:112"' in section
    assert 'href="tel:+37060226118"' in section


def test_get_help_now_lists_the_most_urgent_signs_first(client, clinic, help_now):
    article = ArticleFactory(topic=TopicFactory(shows_help_now=True))
    block = element(
        client.get(url_of(article, "en")).content.decode(), "section", class_="help-now"
    )
    text = block["text"]
    assert text.index("short of breath") < text.index("fever") < text.index("Numbness")


@pytest.mark.parametrize(
    ("language", "entry"), [("lt", "Kada skubiai kreiptis pagalbos"), ("en", "Get help now")]
)
def test_table_of_contents_leads_to_get_help_now(client, clinic, help_now, language, entry):
    article = ArticleFactory(topic=TopicFactory(shows_help_now=True))
    toc = inside(client.get(url_of(article, language)).content.decode(), '<nav class="toc"', "nav")
    assert f'<a href="#help-now-heading">{entry}</a>' in toc


def test_article_of_another_topic_has_no_get_help_now_block(client, clinic, help_now):
    html = client.get(url_of(ArticleFactory(), "en")).content.decode()
    assert "help-now" not in html


def test_editing_the_get_help_now_block_shows_at_once_on_cached_pages(client, clinic, help_now):
    article = ArticleFactory(topic=TopicFactory(shows_help_now=True))
    client.get(url_of(article, "en"))
    item = HelpNowItem.objects.get(text_en="You have a fever.")
    item.text_en = "You have a high fever."
    item.save()
    assert "You have a high fever." in client.get(url_of(article, "en")).content.decode()


@pytest.mark.parametrize(
    ("language", "disclaimer"),
    [
        ("lt", "Ji nepakeičia konsultacijos"),
        ("en", "It does not replace a consultation"),
    ],
)
def test_every_article_says_the_page_informs_and_the_doctor_decides(
    client, clinic, language, disclaimer
):
    html = client.get(url_of(ArticleFactory(), language)).content.decode()
    assert disclaimer in element(html, "p", class_="disclaimer")["text"]
