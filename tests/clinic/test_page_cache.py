"""The page cache: a public page renders once per worker and content generation, and
only what could go to any visitor is kept."""

import gzip
import time
from unittest import mock

import brotli
import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import RequestFactory

from clinic import page_cache
from clinic.page_cache import KeptPagesApplication
from tests.clinic.page_cache_urls import missing_pages

# A render asks the database when the next scheduled article appears, unless a content
# change asked already.
pytestmark = pytest.mark.django_db


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


def test_a_kept_page_goes_to_a_browser_that_accepts_brotli_as_brotli(client):
    plain = client.get("/en/page/").content
    response = client.get("/en/page/", headers={"accept-encoding": "gzip, deflate, br"})
    assert response["Content-Encoding"] == "br"
    assert brotli.decompress(response.content) == plain
    assert response["Content-Length"] == str(len(response.content))


def test_a_kept_page_goes_to_a_browser_that_accepts_only_gzip_as_gzip(client):
    plain = client.get("/en/page/").content
    response = client.get("/en/page/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain


def test_a_kept_page_goes_plain_to_a_client_that_accepts_no_compression(client):
    client.get("/en/page/")
    for accept_encoding in ("", "identity", "br;q=0, gzip;q=0"):
        response = client.get("/en/page/", headers={"accept-encoding": accept_encoding})
        assert "Content-Encoding" not in response, accept_encoding
        assert body(response).startswith("en render")


def test_a_kept_page_tells_caches_it_varies_on_the_encoding(client):
    assert "Accept-Encoding" in client.get("/en/page/")["Vary"]
    assert "Accept-Encoding" in client.get("/en/page/", headers={"accept-encoding": "br"})["Vary"]


def test_each_encoding_of_a_kept_page_has_its_own_etag(client):
    etags = {
        coding: client.get("/en/page/", headers={"accept-encoding": coding})["ETag"]
        for coding in ("identity", "gzip", "br")
    }
    assert len(set(etags.values())) == 3


def test_a_browser_is_told_not_modified_only_for_the_encoding_it_has(client):
    brotli_etag = client.get("/en/page/", headers={"accept-encoding": "br"})["ETag"]
    same = client.get("/en/page/", headers={"accept-encoding": "br", "if-none-match": brotli_etag})
    other = client.get(
        "/en/page/", headers={"accept-encoding": "gzip", "if-none-match": brotli_etag}
    )
    assert same.status_code == 304
    assert same.content == b""
    assert other.status_code == 200
    assert other["Content-Encoding"] == "gzip"


def test_a_change_saved_by_another_worker_is_seen_once_the_check_interval_has_passed(
    client, settings
):
    """Another worker or server bumps the shared generation; this worker asks the shared
    cache at most every PAGE_CACHE_CHECK_MS, so it serves the old copy until then."""
    settings.PAGE_CACHE_CHECK_MS = 60_000
    first = body(client.get("/en/page/"))
    cache.set(page_cache.GENERATION_KEY, time.time_ns(), timeout=None)  # another process
    assert body(client.get("/en/page/")) == first
    settings.PAGE_CACHE_CHECK_MS = 0
    assert body(client.get("/en/page/")) != first


def test_a_content_change_in_this_worker_is_seen_at_once_whatever_the_interval(client, settings):
    settings.PAGE_CACHE_CHECK_MS = 60_000
    first = body(client.get("/en/page/"))
    page_cache.invalidate()
    assert body(client.get("/en/page/")) != first


# --- Kept pages answered before Django (the WSGI application of clinic_site/wsgi.py) ---


def django_must_not_answer(environ, start_response):
    raise AssertionError("Django was asked")


def wsgi_get(application, path, **headers):
    environ = RequestFactory().get(path, headers=headers).environ
    answered = {}

    def start_response(status, response_headers):
        answered.update(status=status, headers=dict(response_headers))

    answered["body"] = b"".join(application(environ, start_response))
    return answered


def test_a_kept_page_is_answered_without_django(client):
    kept = client.get("/en/page/")
    answered = wsgi_get(KeptPagesApplication(django_must_not_answer), "/en/page/")
    assert answered["status"] == "200 OK"
    assert answered["body"] == kept.content


def test_a_kept_page_answered_without_django_has_every_header_django_sent(client):
    kept = client.get("/en/page/", headers={"accept-encoding": "br"})
    answered = wsgi_get(
        KeptPagesApplication(django_must_not_answer), "/en/page/", accept_encoding="br"
    )
    assert answered["headers"] == dict(kept.items())
    assert "Content-Security-Policy" in answered["headers"]
    assert "X-Content-Type-Options" in answered["headers"]


def test_a_page_not_kept_is_left_to_django():
    def django(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"rendered by Django"]

    assert wsgi_get(KeptPagesApplication(django), "/en/page/")["body"] == b"rendered by Django"


def test_a_page_kept_by_another_worker_is_served_without_rendering_again(client):
    first = body(client.get("/en/page/"))
    page_cache._kept.clear()  # a new worker: nothing in its own memory yet
    assert body(client.get("/en/page/")) == first


def test_a_page_another_worker_kept_before_a_content_change_is_not_served(client):
    first = body(client.get("/en/page/"))
    page_cache._kept.clear()
    page_cache.invalidate()
    assert body(client.get("/en/page/")) != first


def test_a_page_rendered_before_a_change_is_committed_is_dropped_at_the_commit(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        page_cache.invalidate()
        # Another worker renders now, from the data as it was before the commit.
        before_commit = body(client.get("/en/page/"))
    assert body(client.get("/en/page/")) != before_commit
