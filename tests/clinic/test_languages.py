import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', html))


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav)


@pytest.mark.parametrize(
    ("language", "path"), [("lt", "/lt/straipsniai/"), ("en", "/en/articles/")]
)
def test_url_path_segments_are_in_the_language_of_the_page(language, path):
    with translation.override(language):
        assert reverse("articles:list") == path


def test_home_page_lists_both_languages_as_hreflang_alternates(client, clinic):
    html = client.get("/lt/").content.decode()
    assert alternates(html) == {"lt": "http://testserver/lt/", "en": "http://testserver/en/"}


def test_language_switcher_links_to_the_same_page_in_the_other_language(client, clinic):
    html = client.get("/lt/straipsniai/").content.decode()
    assert switcher_links(html) == [("/en/articles/", "en")]


def test_page_in_english_is_marked_as_english_and_named_in_english(client, clinic):
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert clinic.name_en in html


def test_page_in_lithuanian_is_marked_as_lithuanian_and_named_in_lithuanian(client, clinic):
    html = client.get("/lt/").content.decode()
    assert '<html lang="lt">' in html
    assert "Pereiti prie pagrindinio turinio" in html
    assert clinic.name_lt in html


@pytest.mark.parametrize(
    ("path", "text"),
    [("/lt/nera-tokio/", "Puslapis nerastas"), ("/en/no-such-page/", "Page not found")],
)
def test_missing_page_is_explained_in_the_visitors_language(client, clinic, path, text):
    response = client.get(path)
    assert response.status_code == 404
    assert text in response.content.decode()


def test_admin_is_not_language_prefixed(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200


def test_stylesheet_is_served_with_a_hashed_name_for_long_caching(client, clinic):
    html = client.get("/en/").content.decode()
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1)
    response = client.get(stylesheet)
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
