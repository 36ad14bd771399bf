"""Pages, static files, security headers and cookies, through nginx over HTTPS."""

import gzip

import pytest
from django.utils import translation

from articles.models import Article
from tests.deploy.visitors import STYLESHEET, log_in_to_the_admin, open_request_form, url

pytestmark = pytest.mark.deploy

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
)


@pytest.fixture
def article_path(site_db):

    with translation.override("lt"):
        return Article.objects.published().first().get_absolute_url()


@pytest.mark.parametrize(
    "path", ["/lt/", "/en/", "/robots.txt", "/sitemap.xml", "/healthz", "articles:list"]
)
def test_pages_answer_through_nginx_over_https(deployment, path):
    if ":" in path:
        path = url(path)
    response = deployment.browser().get(path)
    assert response.status == 200, (path, response.status)


def test_an_article_page_answers_through_nginx(deployment, article_path):
    response = deployment.browser().get(article_path)
    assert response.status == 200
    assert "<article" in response.text


def test_the_bare_address_leads_to_the_lithuanian_home_page(deployment):
    response = deployment.browser().get("/")
    assert response.status == 302
    assert response.header("Location") == "/lt/"


def test_plain_http_is_sent_to_the_same_address_over_https(deployment):
    path = url("articles:list") + "?page=2"
    response = deployment.plain_http_browser().get(path)
    assert response.status == 301
    assert response.header("Location") == f"https://localhost{path}"


def test_pages_carry_hsts_and_the_security_headers(deployment):
    response = deployment.browser().get("/lt/")
    assert "max-age=31536000" in response.header("Strict-Transport-Security")
    for name in SECURITY_HEADERS:
        assert response.header(name), f"{name} missing"


def test_reading_pages_set_no_cookie(deployment):
    assert deployment.browser().get("/lt/").all("Set-Cookie") == []


def test_pages_are_sent_compressed_to_browsers_that_take_it(deployment):
    browser = deployment.browser()
    plain = browser.get("/lt/")
    compressed = browser.get("/lt/", headers={"Accept-Encoding": "gzip"})
    assert compressed.header("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in compressed.header("Vary")
    assert gzip.decompress(compressed.body) == plain.body


def test_static_files_are_sent_compressed_with_a_year_long_cache(deployment):
    browser = deployment.browser()
    stylesheet = STYLESHEET.search(browser.get("/lt/").text).group(1)
    plain = browser.get(stylesheet)
    compressed = browser.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert plain.status == compressed.status == 200
    assert compressed.header("Content-Encoding") == "gzip"
    assert gzip.decompress(compressed.body) == plain.body
    assert len(compressed.body) < len(plain.body) / 2
    cache_control = compressed.header("Cache-Control")
    assert "max-age=31536000" in cache_control
    assert "immutable" in cache_control


def test_the_form_cookie_is_secure(deployment):
    response, _form = open_request_form(deployment.browser())
    [csrf_cookie] = [c for c in response.all("Set-Cookie") if c.startswith("csrftoken=")]
    assert "; Secure" in csrf_cookie
    assert "HttpOnly" in csrf_cookie


def test_the_staff_session_cookie_is_secure(deployment):
    response = log_in_to_the_admin(deployment.browser())
    assert response.status == 302, response.status
    [session_cookie] = [c for c in response.all("Set-Cookie") if c.startswith("sessionid=")]
    assert "; Secure" in session_cookie
    assert "HttpOnly" in session_cookie


def test_the_registration_page_answers_in_english_too(deployment):
    assert deployment.browser().get(url("registration:request", language="en")).status == 200
