import xml.etree.ElementTree as ET

import pytest

from tests.articles.factories import ArticleFactory
from tests.articles.pages import url, url_of

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_entries(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    return {
        entry.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in entry.findall(f"{XHTML}link")
        }
        for entry in root.findall(f"{SITEMAP}url")
    }


def test_sitemap_lists_each_published_article_in_both_languages_with_alternates(client, clinic):
    article = ArticleFactory()
    ArticleFactory(draft=True)
    entries = sitemap_entries(client)
    lt, en = (f"http://testserver{url_of(article, code)}" for code in ("lt", "en"))
    expected = {"lt": lt, "en": en, "x-default": lt}
    assert entries[lt] == expected
    assert entries[en] == expected
    assert len([loc for loc in entries if "/straipsniai/" in loc and "/temos/" not in loc]) == 2


def test_sitemap_lists_an_untranslated_article_only_in_its_language(client, clinic):
    article = ArticleFactory(lithuanian_only=True)
    entries = sitemap_entries(client)
    lt = f"http://testserver{url_of(article, 'lt')}"
    assert entries[lt] == {"lt": lt, "x-default": lt}
    assert f"http://testserver{url_of(article, 'en')}" not in entries


def test_sitemap_x_default_addresses_answer(client, clinic):
    ArticleFactory()
    for alternates in sitemap_entries(client).values():
        path = alternates["x-default"].removeprefix("http://testserver")
        assert client.get(path).status_code == 200, path


def test_sitemap_lists_home_list_and_topic_pages(client, clinic):
    article = ArticleFactory()
    entries = sitemap_entries(client)
    for path in (url("home", "en"), url("articles:list", "lt"), url_of(article.topic, "en")):
        assert f"http://testserver{path}" in entries


def test_robots_txt_points_to_the_sitemap(client, clinic):
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots.splitlines()


@pytest.mark.parametrize("language", ["lt", "en"])
def test_feed_has_the_newest_articles_written_in_its_language(client, clinic, language):
    translated = ArticleFactory()
    ArticleFactory(lithuanian_only=True, title_lt="Tik lietuviškai")
    ArticleFactory(draft=True)
    channel = ET.fromstring(client.get(url("articles:feed", language)).content).find("channel")
    assert channel.findtext("language") == language
    items = channel.findall("item")
    titles = [item.findtext("title") for item in items]
    if language == "lt":
        assert sorted(titles) == sorted([translated.title_lt, "Tik lietuviškai"])
    else:
        assert titles == [translated.title_en]
    links = {item.findtext("title"): item.findtext("link") for item in items}
    assert links[getattr(translated, f"title_{language}")] == (
        f"http://testserver{url_of(translated, language)}"
    )


def test_feed_items_carry_summary_and_topic(client, clinic):
    article = ArticleFactory()
    item = ET.fromstring(client.get(url("articles:feed", "en")).content).find("channel/item")
    assert item.findtext("description") == article.summary_en
    assert item.findtext("category") == article.topic.name_en


def test_robots_txt_lets_crawlers_find_the_registration_form_but_not_the_thanks_page(client):
    rules = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /lt/registracija/aciu/" in rules
    assert "Disallow: /en/registration/thank-you/" in rules
    assert not any(
        rule in {"Disallow: /lt/registracija/", "Disallow: /en/registration/"} for rule in rules
    )


def test_robots_txt_keeps_crawlers_out_of_the_admin_only(client, clinic, settings):
    rules = client.get("/robots.txt").content.decode().splitlines()
    assert f"Disallow: /{settings.ADMIN_URL}" in rules
    assert "Disallow: /" not in rules


@pytest.mark.parametrize("language", ["lt", "en"])
def test_the_feed_is_announced_to_news_readers_but_not_offered_to_patients_as_rss(
    client, clinic, language
):
    html = client.get(url("articles:list", language)).content.decode()
    assert 'type="application/rss+xml"' in html
    body = html.split("<body>")[1]
    assert "RSS" not in body
    assert url("articles:feed", language) not in body
