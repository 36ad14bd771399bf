"""Robots are kept out without a captcha; people are never turned away without a word."""

import re
import time

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from registration.models import AppointmentRequest
from registration.spam import FormStamp, RateLimit, client_fingerprint
from tests.registration.factories import FormDataFactory

# The clinic's details and its privacy notice, as on the live site.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clinic", "privacy_notice")]


@pytest.fixture(autouse=True)
def one_long_window(settings):
    """Windows are fixed (clock hours); a test must not straddle the start of one."""
    settings.REGISTRATION_RATE_WINDOW_SECONDS = 10**9


def form_url(language="en"):
    with translation.override(language):
        return reverse("registration:request")


def posted_stamp(content):
    return re.search(r'name="form_stamp" value="([^"]+)"', content).group(1)


def test_filled_honeypot_is_kept_as_spam_and_reception_is_not_e_mailed(client):
    response = client.post(form_url(), FormDataFactory(website="http://spam.example"))
    assert response.status_code == 303
    assert AppointmentRequest.objects.get().status == AppointmentRequest.Status.SPAM
    call_command("send_pending_notifications", verbosity=0)
    assert mail.outbox == []


@pytest.mark.parametrize("language", ["lt", "en"])
def test_a_form_autofilled_and_sent_at_once_is_kept_for_reception_to_check(
    client, settings, django_capture_on_commit_callbacks, language
):
    settings.REGISTRATION_MIN_FILL_SECONDS = 3
    fresh = FormStamp.issue().signed()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url(language), FormDataFactory(form_stamp=fresh))
    assert response.status_code == 303
    with translation.override(language):
        assert response["Location"] == reverse("registration:thanks")
    stored = AppointmentRequest.objects.get()
    assert stored.status == AppointmentRequest.Status.TO_CHECK
    assert stored.language == language
    # Like the honeypot's catch: no e-mail that a robot could set off.
    assert mail.outbox == []


def test_a_quick_request_sent_twice_is_kept_once(client, settings):
    settings.REGISTRATION_MIN_FILL_SECONDS = 3
    data = FormDataFactory(form_stamp=FormStamp.issue().signed())
    client.post(form_url(), data)
    assert client.post(form_url(), data).status_code == 303
    assert AppointmentRequest.objects.count() == 1


def test_quick_requests_still_count_towards_the_rate_limit(client, settings):
    settings.REGISTRATION_MIN_FILL_SECONDS = 3
    settings.REGISTRATION_RATE_LIMIT = 1
    client.post(form_url(), FormDataFactory(form_stamp=FormStamp.issue().signed()))
    response = client.post(form_url(), FormDataFactory(form_stamp=FormStamp.issue().signed()))
    assert response.status_code == 429
    assert AppointmentRequest.objects.count() == 1


def test_minimum_fill_time_comes_from_the_settings(client, settings):
    settings.REGISTRATION_MIN_FILL_SECONDS = 0
    response = client.post(form_url(), FormDataFactory(form_stamp=FormStamp.issue().signed()))
    assert response.status_code == 303


def test_a_form_left_open_for_more_than_a_day_asks_to_be_sent_again_keeping_the_values(client):
    expired = FormStamp.issue(issued_at=time.time() - 25 * 60 * 60).signed()
    response = client.post(form_url(), FormDataFactory(form_stamp=expired, name="Rūta"))
    content = response.content.decode()
    assert "This form was open for a long time." in content
    assert 'value="Rūta"' in content
    assert posted_stamp(content) != expired
    assert not AppointmentRequest.objects.exists()


@pytest.mark.parametrize("stamp", ["", "forged", "eyJ0b2tlbiI6IngifQ:1abc:bad"])
def test_a_missing_or_forged_stamp_is_refused_politely(client, stamp):
    response = client.post(form_url(), FormDataFactory(form_stamp=stamp))
    content = response.content.decode()
    assert response.status_code == 200
    assert "We could not check this form." in content
    assert not AppointmentRequest.objects.exists()


def test_a_stamp_signed_for_another_purpose_is_refused(client):
    other = signing.dumps({"token": "x", "issued_at": time.time() - 60}, salt="elsewhere")
    response = client.post(form_url(), FormDataFactory(form_stamp=other))
    assert "We could not check this form." in response.content.decode()


def test_too_many_requests_from_one_client_get_a_polite_refusal(client, settings):
    settings.REGISTRATION_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(form_url(), FormDataFactory()).status_code == 303
    response = client.post(form_url(), FormDataFactory(name="Trečias Bandymas"))
    content = response.content.decode()
    assert response.status_code == 429
    summary = re.search(r'<div class="error-summary".*?</div>', content, re.S).group(0)
    assert "we cannot accept another one right now" in summary
    assert 'Please call us on <a href="tel:+37060226118">+370 602 26118</a>' in summary
    assert 'value="Trečias Bandymas"' in content
    assert AppointmentRequest.objects.count() == 2


def test_rate_limit_in_lithuanian_is_shown_in_the_error_summary(client, settings):
    settings.REGISTRATION_RATE_LIMIT = 1
    client.post(form_url("lt"), FormDataFactory())
    response = client.post(form_url("lt"), FormDataFactory())
    content = response.content.decode()
    assert response.status_code == 429
    assert '<html lang="lt">' in content
    summary = re.search(r'<div class="error-summary".*?</div>', content, re.S).group(0)
    assert 'Paskambinkite mums <a href="tel:+37060226118">+370 602 26118</a>' in summary


def test_rate_limit_counts_each_client_separately(client, settings):
    settings.REGISTRATION_RATE_LIMIT = 1
    assert client.post(form_url(), FormDataFactory(), REMOTE_ADDR="198.51.100.1").status_code == 303
    assert client.post(form_url(), FormDataFactory(), REMOTE_ADDR="198.51.100.1").status_code == 429
    assert client.post(form_url(), FormDataFactory(), REMOTE_ADDR="198.51.100.2").status_code == 303


def test_rate_limit_of_zero_turns_the_limit_off(client, settings):
    settings.REGISTRATION_RATE_LIMIT = 0
    for _ in range(7):
        assert client.post(form_url(), FormDataFactory()).status_code == 303


def test_the_same_form_sent_again_after_the_limit_still_reaches_the_thanks_page(client, settings):
    settings.REGISTRATION_RATE_LIMIT = 1
    data = FormDataFactory()
    client.post(form_url(), data)
    assert client.post(form_url(), data).status_code == 303
    assert AppointmentRequest.objects.count() == 1


def test_rate_limit_keys_hold_no_client_address():
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.77")
    assert "203.0.113.77" not in RateLimit(request).key
    assert "203" not in client_fingerprint("203.0.113.77")


def test_addresses_in_one_ipv6_network_share_a_limit():
    assert client_fingerprint("2001:db8:1:2::1") == client_fingerprint("2001:db8:1:2:ffff::9")
    assert client_fingerprint("2001:db8:1:2::1") != client_fingerprint("2001:db8:1:3::1")
