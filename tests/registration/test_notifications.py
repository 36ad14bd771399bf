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


@pytest.fixture
def hung_mail_server(settings):
    """A mail server that accepts connections and never answers: the listening socket.

    Yields a function that tells whether anyone connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.getsockname()[1]
    settings.EMAIL_TIMEOUT = 30

    def anyone_connected():
        server.settimeout(0)
        try:
            server.accept()[0].close()
        except BlockingIOError:
            return False
        return True

    yield anyone_connected
    server.close()


def send_request(client):
    with translation.override("lt"):
        url = reverse("registration:request")
    return client.post(url, dict(PATIENT))


def send_pending():
    call_command("send_pending_notifications", verbosity=0)


def test_the_patients_request_is_stored_without_waiting_for_the_mail_server(
    client, hung_mail_server
):
    response = send_request(client)
    assert response.status_code == 303
    assert AppointmentRequest.objects.get().notification_attempts == 0
    assert not hung_mail_server()


def test_each_new_request_e_mails_reception_once(client):
    send_request(client)
    send_pending()
    send_pending()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["registratura@klinika.example"]
    assert AppointmentRequest.objects.get().notification_sent_at is not None


def test_the_e_mail_links_to_the_waiting_requests_in_the_admin(client):
    send_request(client)
    send_pending()
    link = "https://klinika.example.lt" + reverse(
        "admin:registration_appointmentrequest_changelist"
    )
    assert link + "?status__exact=new" in mail.outbox[0].body


def test_the_e_mail_carries_no_personal_or_health_data(client):
    send_request(client)
    send_pending()
    message = mail.outbox[0]
    everything = " ".join([message.subject, message.body, *message.to, str(message.extra_headers)])
    for detail in PERSONAL_DETAILS:
        assert detail not in everything


def test_request_is_kept_and_the_failure_recorded_when_e_mail_fails(client, mail_server_down):
    response = send_request(client)
    assert response.status_code == 303
    with pytest.raises(CommandError):
        send_pending()
    stored = AppointmentRequest.objects.get()
    assert stored.name == "Kotryna Kazlauskienė"
    assert stored.notification_sent_at is None
    assert stored.notification_attempts == 1
    assert "ConnectionRefusedError" in stored.notification_error


def test_a_mail_failure_is_logged_without_personal_data(client, mail_server_down, caplog):
    send_request(client)
    with pytest.raises(CommandError):
        send_pending()
    assert "failed" in caplog.text
    for detail in PERSONAL_DETAILS:
        assert detail not in caplog.text


def test_the_retry_command_sends_what_failed_once_mail_works_again(
    client, mail_server_down, settings
):
    send_request(client)
    with pytest.raises(CommandError):
        send_pending()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    send_pending()

    stored = AppointmentRequest.objects.get()
    assert len(mail.outbox) == 1
    assert stored.notification_sent_at is not None
    assert stored.notification_attempts == 2
    assert stored.notification_error == ""


def test_the_retry_command_reports_failures_and_counts_the_attempt(mail_server_down):
    waiting = AppointmentRequestFactory(created_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(CommandError, match="failed"):
        send_pending()
    waiting.refresh_from_db()
    assert waiting.notification_attempts == 1
    assert waiting.notification_sent_at is None


def test_the_retry_command_leaves_alone_what_needs_no_e_mail(mail_server_back):
    an_hour_ago = timezone.now() - timedelta(hours=1)
    AppointmentRequestFactory(created_at=an_hour_ago, notification_sent_at=an_hour_ago)
    AppointmentRequestFactory(created_at=an_hour_ago, status=AppointmentRequest.Status.SPAM)
    AppointmentRequestFactory(created_at=an_hour_ago, status=AppointmentRequest.Status.CONTACTED)
    send_pending()
    assert mail.outbox == []


def test_a_round_stops_at_the_first_failure_instead_of_waiting_on_each_request(
    mail_server_down,
):
    first, second = AppointmentRequestFactory.create_batch(2)
    with pytest.raises(CommandError):
        send_pending()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.notification_attempts, second.notification_attempts) == (1, 0)


def test_a_request_another_worker_is_e_mailing_about_is_left_to_it(mail_server_back):
    AppointmentRequestFactory(notification_claimed_until=timezone.now() + timedelta(minutes=1))
    send_pending()
    assert mail.outbox == []


def test_a_claim_left_by_a_worker_that_died_lapses_and_the_e_mail_goes_out(mail_server_back):
    AppointmentRequestFactory(notification_claimed_until=timezone.now() - timedelta(seconds=1))
    send_pending()
    assert len(mail.outbox) == 1


def test_the_worker_keeps_going_when_mail_fails_and_sends_once_it_works(
    client, mail_server_down, settings, monkeypatch
):
    send_request(client)
    rounds = []

    def mail_comes_back_after_the_first_round(seconds):
        rounds.append(seconds)
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    monkeypatch.setattr("time.sleep", mail_comes_back_after_the_first_round)
    call_command("send_pending_notifications", every=1, rounds=2, verbosity=0)
    assert len(mail.outbox) == 1
    # After a failed round the worker waits longer before the next.
    assert rounds == [2]


def test_reception_reads_the_e_mail_in_the_clinic_language_whatever_the_patient_used(client):
    with translation.override("en"):
        url = reverse("registration:request")
    client.post(url, dict(PATIENT))
    send_pending()
    with translation.override("lt"):
        assert mail.outbox[0].subject == gettext("New appointment request waiting")
