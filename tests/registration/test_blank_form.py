"""The blank form page is rendered once and handed to each visitor with their own CSRF
token and form stamp (registration/blank_form.py)."""

import re
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from registration.models import AppointmentRequest
from registration.spam import FormStamp
from tests.registration.factories import FormDataFactory

# The clinic's details and its privacy notice, as on the live site.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clinic", "privacy_notice")]


def form_url():
    with translation.override("lt"):
        return reverse("registration:request")


def hidden_values(response):
    content = response.content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)
    stamp = re.search(r'name="form_stamp" value="([^"]+)"', content).group(1)
    return csrf, stamp


def test_every_visitor_gets_their_own_csrf_token_and_form_stamp():
    first, second = Client(), Client()
    first_page, second_page = first.get(form_url()), second.get(form_url())
    first_csrf, first_stamp = hidden_values(first_page)
    second_csrf, second_stamp = hidden_values(second_page)
    assert first_csrf != second_csrf
    assert FormStamp.read(first_stamp).token != FormStamp.read(second_stamp).token
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_a_visitor_served_the_kept_form_can_send_it():
    Client().get(form_url())  # the first visitor's render is kept
    patient = Client(enforce_csrf_checks=True)
    csrf, stamp = hidden_values(patient.get(form_url()))
    issued = FormStamp.read(stamp).issued_at
    with mock.patch("registration.spam.time.time", return_value=issued + 60):
        data = FormDataFactory(csrfmiddlewaretoken=csrf, form_stamp=stamp, consent="on")
        response = patient.post(form_url(), data)
    assert response.status_code == 303
    assert AppointmentRequest.objects.filter(form_token=FormStamp.read(stamp).token).exists()


def test_the_kept_form_shows_a_new_clinic_phone_at_once(client, clinic):
    client.get(form_url())
    clinic.phone = "+370 600 00000"
    clinic.save()
    assert "600 00000" in client.get(form_url()).content.decode()


def test_the_form_page_stays_uncacheable_for_browsers(client):
    client.get(form_url())
    again = client.get(form_url())
    assert "no-store" in again["Cache-Control"] or "private" in again["Cache-Control"]
    assert again.cookies["csrftoken"].value
