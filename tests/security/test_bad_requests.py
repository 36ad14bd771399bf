"""Requests the site cannot read get a short page in the visitor's language and one log
line: never a 500, never a traceback (clinic/bad_requests.py)."""

import io
import logging

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

from registration.models import AppointmentRequest
from tests.registration.factories import FormDataFactory, PrivacyNoticeFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

NOT_UTF8 = ["latin-1", "iso-8859-13", "utf-16", "windows-1257", "no-such-charset"]


@pytest.fixture(autouse=True)
def clinic_and_notice(clinic):
    """The clinic's details and its privacy notice, as on the live site."""
    PrivacyNoticeFactory()


@pytest.fixture
def console_log():
    """What the site's log handler (settings.LOGGING, with its filters) writes."""
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler))
    written = io.StringIO()
    previous = handler.setStream(written)
    yield lambda: written.getvalue().splitlines()
    handler.setStream(previous)


def form_url(language="en"):
    with translation.override(language):
        return reverse("registration:request")


def csrf_client(path):
    """A browser that has loaded `path`, so its posts carry a valid CSRF cookie and token."""
    client = Client(enforce_csrf_checks=True)
    client.get(path)
    return client, client.cookies["csrftoken"].value


def post_encoded(client, path, data, charset, **extra):
    body = "&".join(f"{name}={value}" for name, value in data.items())
    content_type = "application/x-www-form-urlencoded; charset=" + charset
    # generic() sends the bytes as they are, whatever the declared charset.
    return client.generic("POST", path, body.encode("latin-1", "replace"), content_type, **extra)


@pytest.mark.parametrize("charset", NOT_UTF8)
def test_form_posted_in_another_charset_gets_a_short_page_and_stores_nothing(charset, console_log):
    client, token = csrf_client(form_url())
    data = FormDataFactory(csrfmiddlewaretoken=token)
    response = post_encoded(client, form_url(), data, charset)
    assert response.status_code == 400
    assert "The request could not be read" in response.content.decode()
    assert AppointmentRequest.objects.count() == 0
    assert console_log() == ["POST /en/registration/ refused: body not in UTF-8"]


def test_refusal_page_on_a_lithuanian_address_is_in_lithuanian():
    client, token = csrf_client(form_url("lt"))
    response = post_encoded(client, form_url("lt"), {"csrfmiddlewaretoken": token}, "latin-1")
    content = response.content.decode()
    assert '<html lang="lt">' in content
    assert "Užklausos nepavyko perskaityti" in content


def test_admin_login_posted_in_another_charset_gets_the_short_page_once_logged():
    client, token = csrf_client("/admin/login/")
    data = {"csrfmiddlewaretoken": token, "username": "x", "password": "y"}
    response = post_encoded(client, "/admin/login/", data, "latin-1", HTTP_ACCEPT_LANGUAGE="lt")
    assert response.status_code == 400
    assert "Užklausos nepavyko perskaityti" in response.content.decode()


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", "utf8"])
def test_form_declared_utf8_in_any_spelling_is_accepted(charset):
    client, token = csrf_client(form_url())
    data = FormDataFactory(csrfmiddlewaretoken=token, name="Jonas")
    response = post_encoded(client, form_url(), data, charset)
    assert response.status_code == 303
    assert AppointmentRequest.objects.get().name == "Jonas"


def test_bad_request_raised_deeper_is_logged_in_one_line_without_traceback(console_log, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = Client().post(
        form_url(), "message=" + "x" * 2000, "application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "The request could not be read" in response.content.decode()
    assert console_log() == ["Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE."]


def multipart_post(client, path, size, tmp_path, settings):
    """Post a file of `size` bytes. Files over FILE_UPLOAD_MAX_MEMORY_SIZE would be written
    to FILE_UPLOAD_TEMP_DIR, a folder that does not exist: writing one would fail (500)."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "no-such-folder")
    upload = tmp_path / "upload.bin"
    upload.write_bytes(b"x" * size)
    with upload.open("rb") as file:
        return client.post(path, {"name": "Jonas", "attachment": file})


def test_a_file_sent_to_the_public_form_is_refused_without_writing_it(tmp_path, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = multipart_post(Client(), form_url(), 50_000, tmp_path, settings)
    assert response.status_code == 415
    assert "This site does not accept files" in response.content.decode()
    assert AppointmentRequest.objects.count() == 0


def test_a_file_sent_to_the_admin_login_is_refused(tmp_path, settings):
    response = multipart_post(Client(), "/admin/login/", 100, tmp_path, settings)
    assert response.status_code == 415


def test_a_huge_body_from_a_visitor_is_refused_before_it_is_read(tmp_path, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = multipart_post(Client(), form_url(), 50_000, tmp_path, settings)
    assert response.status_code == 413
    assert "The request is too large." in response.content.decode()


def test_the_form_sent_as_multipart_without_files_is_accepted(client):
    response = client.post(form_url(), FormDataFactory())
    assert response.status_code == 303
    assert AppointmentRequest.objects.count() == 1


def test_staff_upload_over_the_stated_size_is_refused_before_it_is_read(tmp_path, settings):
    settings.UPLOAD_MAX_BYTES = 10_000
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = Client()
    client.force_login(StaffUserFactory(), backend="django.contrib.auth.backends.ModelBackend")
    response = multipart_post(client, "/admin/login/", 50_000, tmp_path, settings)
    assert response.status_code == 413


def test_server_error_page_is_in_the_visitors_language():
    with translation.override("lt"):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert '<html lang="lt">' in response.content.decode()


def test_form_sent_without_its_security_cookie_explains_in_lithuanian(console_log):
    client = Client(enforce_csrf_checks=True)
    data = FormDataFactory()
    response = client.post(form_url("lt"), data, HTTP_ACCEPT_LANGUAGE="lt")
    assert response.status_code == 403
    assert "Leiskite šiai svetainei naudoti slapukus" in response.content.decode()
    assert AppointmentRequest.objects.count() == 0
    assert console_log() == ["Forbidden (CSRF cookie not set.): /lt/registracija/"]
