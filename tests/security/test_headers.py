"""Security headers and cookies, as the site sends them in production mode.

The tests run with DEBUG off. Requests carry `X-Forwarded-Proto: https`, as they do when
they come through the TLS-terminating proxy the site sits behind.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.registration.factories import StaffUserFactory
from tests.staff_auth.sign_in import log_in_with_second_factor

pytestmark = pytest.mark.django_db

BEHIND_TLS_PROXY = {"x-forwarded-proto": "https"}
ONE_YEAR = 365 * 24 * 60 * 60


def page_paths():
    paths = ["/lt/", "/en/", "/admin/login/", "/lt/no-such-page/"]
    for language in ("lt", "en"):
        with translation.override(language):
            paths += [reverse("articles:list"), reverse("registration:request")]
    return paths


def parse_csp(header):
    directives = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        directives[name] = sources
    return directives


@pytest.fixture(params=page_paths())
def response(request, client, clinic):
    return client.get(request.param, headers=BEHIND_TLS_PROXY)


def test_scripts_may_only_come_from_the_site_itself(response):
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


def test_no_inline_script_or_eval_is_allowed(response):
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header


def test_browsers_are_told_to_use_https_for_a_year(response):
    hsts = [part.strip() for part in response["Strict-Transport-Security"].split(";")]
    assert int(hsts[0].removeprefix("max-age=")) >= ONE_YEAR
    assert "includeSubDomains" in hsts


def test_content_types_are_not_sniffed(response):
    assert response["X-Content-Type-Options"] == "nosniff"


def test_only_the_origin_leaves_the_site_as_referrer(response):
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_camera_microphone_and_location_are_switched_off(response):
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_other_sites_windows_cannot_reach_into_ours(response):
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_no_site_may_frame_the_pages(response):
    assert response["X-Frame-Options"] == "DENY"
    assert parse_csp(response["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]


def test_plain_http_is_redirected_to_https(client, clinic, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/lt/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/lt/"


def test_csrf_cookie_is_secure_http_only_and_same_site(client):
    response = client.get("/admin/login/", headers=BEHIND_TLS_PROXY)
    cookie = response.cookies["csrftoken"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_admin_rich_text_editor_runs_on_a_nonce_not_on_unsafe_inline(client):
    log_in_with_second_factor(client, StaffUserFactory(is_superuser=True))
    response = client.get("/admin/articles/article/add/", headers=BEHIND_TLS_PROXY)
    policy = parse_csp(response["Content-Security-Policy"])
    assert response.status_code == 200
    assert "'self'" in policy["script-src"]
    assert [source for source in policy["script-src"] if source.startswith("'nonce-")]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_https_is_not_committed_to_browsers_preload_list_by_default(response):
    assert "preload" not in response["Strict-Transport-Security"]


def test_hsts_preload_is_sent_when_the_clinic_chooses_it(client, clinic, settings):
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/lt/", headers=BEHIND_TLS_PROXY)
    assert "preload" in response["Strict-Transport-Security"].split("; ")
