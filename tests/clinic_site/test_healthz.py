from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_health_check_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_health_check_fails_when_the_database_does_not_answer(client):
    with mock.patch("clinic_site.views.connection.cursor", side_effect=OperationalError):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_health_check_is_never_cached(client):
    response = client.get("/healthz")
    assert "no-cache" in response["Cache-Control"]


def test_health_check_answers_over_plain_http_when_https_is_enforced(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200


def test_pages_still_redirect_to_https_when_it_is_enforced(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/lt/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_only_the_health_check_is_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthzz").status_code == 301
