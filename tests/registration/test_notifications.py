"""Reception hears of every request; no request is lost when e-mail fails."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from registration.models import AppointmentRequest
from tests.registration.factories import AppointmentRequestFactory, FormDataFactory

pytestmark = pytest.mark.django_db

PATIENT = FormDataFactory.build(
    name="Kotryna Kazlauskienė",
    phone="8 611 22333",
    email="kotryna@example.lt",
    topic="Ultragarsu kontroliuojama procedūra",
    message="Skauda juosmenį po kritimo.",
)
PERSONAL_DETAILS = [
    "Kotryna",
    "Kazlauskien",
    "611 22333",
    "61122333",
    "kotryna@",
    "Ultragarsu",
    "juosmen",
]


@pytest.fixture(autouse=True)
def clinic_and_notice(clinic, privacy_notice, settings):
    settings.RECEPTION_EMAIL = "registratura@klinika.example"
    settings.SITE_URL = "https://klinika.example.lt"


@pytest.fixture
def mail_server_down(settings):
    """The real SMTP backend, pointed at a port where no mail server listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port
    settings.EMAIL_TIMEOUT = 2


@pytest.fixture
def mail_server_back(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def send_request(client, capture):
    with translation.override("lt"):
        url = reverse("registration:request")
    with capture(execute=True):
        return client.post(url, dict(PATIENT))


def test_each_new_request_e_mails_reception_once(client, django_capture_on_commit_callbacks):
    send_request(client, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["registratura@klinika.example"]
    assert AppointmentRequest.objects.get().notification_sent_at is not None


def test_the_e_mail_links_to_the_waiting_requests_in_the_admin(
    client, django_capture_on_commit_callbacks
):
    send_request(client, django_capture_on_commit_callbacks)
    link = "https://klinika.example.lt" + reverse(
        "admin:registration_appointmentrequest_changelist"
    )
    assert link + "?status__exact=new" in mail.outbox[0].body


def test_the_e_mail_carries_no_personal_or_health_data(client, django_capture_on_commit_callbacks):
    send_request(client, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    everything = " ".join([message.subject, message.body, *message.to, str(message.extra_headers)])
    for detail in PERSONAL_DETAILS:
        assert detail not in everything


def test_request_is_kept_and_the_failure_recorded_when_e_mail_fails(
    client, django_capture_on_commit_callbacks, mail_server_down
):
    response = send_request(client, django_capture_on_commit_callbacks)
    assert response.status_code == 303
    stored = AppointmentRequest.objects.get()
    assert stored.name == "Kotryna Kazlauskienė"
    assert stored.notification_sent_at is None
    assert stored.notification_attempts == 1
    assert "ConnectionRefusedError" in stored.notification_error


def test_a_mail_failure_is_logged_without_personal_data(
    client, django_capture_on_commit_callbacks, mail_server_down, caplog
):
    send_request(client, django_capture_on_commit_callbacks)
    assert "failed" in caplog.text
    for detail in PERSONAL_DETAILS:
        assert detail not in caplog.text


def test_the_retry_command_sends_what_failed_once_mail_works_again(
    client, django_capture_on_commit_callbacks, mail_server_down, settings
):
    send_request(client, django_capture_on_commit_callbacks)
    AppointmentRequest.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    call_command("send_pending_notifications", verbosity=0)

    stored = AppointmentRequest.objects.get()
    assert len(mail.outbox) == 1
    assert stored.notification_sent_at is not None
    assert stored.notification_attempts == 2
    assert stored.notification_error == ""


def test_the_retry_command_reports_failures_and_counts_the_attempt(mail_server_down):
    waiting = AppointmentRequestFactory(created_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(CommandError, match="1 notification"):
        call_command("send_pending_notifications", verbosity=0)
    waiting.refresh_from_db()
    assert waiting.notification_attempts == 1
    assert waiting.notification_sent_at is None


def test_the_retry_command_leaves_alone_what_needs_no_e_mail(mail_server_back):
    an_hour_ago = timezone.now() - timedelta(hours=1)
    AppointmentRequestFactory(created_at=an_hour_ago, notification_sent_at=an_hour_ago)
    AppointmentRequestFactory(created_at=an_hour_ago, status=AppointmentRequest.Status.SPAM)
    AppointmentRequestFactory(created_at=an_hour_ago, status=AppointmentRequest.Status.CONTACTED)
    # Just saved: the web process that saved it is sending its e-mail right now.
    AppointmentRequestFactory(created_at=timezone.now())
    call_command("send_pending_notifications", verbosity=0)
    assert mail.outbox == []


def test_reception_reads_the_e_mail_in_the_clinic_language_whatever_the_patient_used(
    client, django_capture_on_commit_callbacks
):
    with translation.override("en"):
        url = reverse("registration:request")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, dict(PATIENT))
    with translation.override("lt"):
        assert mail.outbox[0].subject == gettext("New appointment request waiting")
