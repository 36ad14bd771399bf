"""The page cache: a public page renders once per worker and content generation, and
only what could go to any visitor is kept."""

from unittest import mock

import pytest

from clinic import page_cache
from tests.clinic.page_cache_urls import missing_pages


@pytest.fixture(autouse=True)
def page_cache_views(settings):
    settings.ROOT_URLCONF = "tests.clinic.page_cache_urls"


def body(response):
    return response.content.decode()


def test_a_public_page_renders_once_and_is_served_again(client):
    first = client.get("/en/page/")
    assert body(client.get("/en/page/")) == body(first)


def test_a_content_change_makes_the_page_render_again(client):
    first = client.get("/en/page/")
    page_cache.invalidate()
    assert body(client.get("/en/page/")) != body(first)


def test_each_language_has_its_own_copy(client):
    english = body(client.get("/en/page/"))
    lithuanian = body(client.get("/lt/page/"))
    assert english.startswith("en ")
    assert lithuanian.startswith("lt ")
    assert body(client.get("/en/page/")) == english


def test_a_page_without_language_prefix_is_kept_per_negotiated_language(client):
    english = body(client.get("/unprefixed/", headers={"accept-language": "en"}))
    lithuanian = body(client.get("/unprefixed/", headers={"accept-language": "lt"}))
    assert english.startswith("en ")
    assert lithuanian.startswith("lt ")
    assert body(client.get("/unprefixed/", headers={"accept-language": "en"})) == english


def test_each_host_has_its_own_copy(client):
    first = body(client.get("/en/page/", headers={"host": "localhost"}))
    assert body(client.get("/en/page/", headers={"host": "127.0.0.1"})) != first


def test_each_query_string_has_its_own_copy(client):
    first = body(client.get("/en/page/?q=back"))
    assert body(client.get("/en/page/?q=neck")) != first
    assert body(client.get("/en/page/?q=back")) == first


def test_a_page_that_sets_a_cookie_is_never_kept(client):
    first = client.get("/cookie/")
    assert first.cookies
    assert body(client.get("/cookie/")) != body(first)


def test_a_page_that_reads_the_session_is_never_kept(client):
    first = body(client.get("/session/"))
    assert body(client.get("/session/")) != first


def test_a_page_marked_never_cache_is_never_kept(client):
    first = body(client.get("/never/"))
    assert body(client.get("/never/")) != first


def test_a_view_without_the_decorator_is_never_kept(client):
    first = body(client.get("/plain/"))
    assert body(client.get("/plain/")) != first


def test_an_error_page_is_never_kept(client):
    missing_pages.clear()
    assert client.get("/missing/").status_code == 404
    assert client.get("/missing/").status_code == 404
    assert len(missing_pages) == 2


def test_a_post_is_never_answered_from_the_cache(client):
    kept = body(client.get("/en/page/"))
    assert body(client.post("/en/page/")) != kept


def test_a_kept_page_is_served_with_every_header_of_the_first_answer(client):
    first = client.get("/en/page/")
    again = client.get("/en/page/")
    for header in ("Content-Security-Policy", "Content-Language", "ETag", "Cache-Control"):
        assert again[header] == first[header], header
    assert "public" in again["Cache-Control"]


def test_a_kept_page_tells_browsers_its_age(client):
    with mock.patch("clinic.page_cache.time.time", return_value=1_000_000.0):
        client.get("/en/page/")
    with mock.patch("clinic.page_cache.time.time", return_value=1_000_042.0):
        assert client.get("/en/page/")["Age"] == "42"


def test_a_kept_page_answers_304_to_a_browser_that_has_it(client):
    etag = client.get("/en/page/")["ETag"]
    assert client.get("/en/page/", headers={"if-none-match": etag}).status_code == 304
