import datetime
import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from reviews.models import ReminderSent
from reviews.reminders import send_reminders
from tests.reviews.factories import ReviewerFactory, SignOffFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 1)


def signed_off(next_review, **kwargs):
    return SignOffFactory(next_review=next_review, **kwargs)


def test_nothing_is_sent_while_the_review_is_far_off(article):
    signed_off(TODAY + datetime.timedelta(days=31), article=article)
    assert send_reminders(TODAY) == 0
    assert mail.outbox == []


def test_the_reviewer_is_reminded_once_when_the_review_falls_due_within_30_days(article):
    sign_off = signed_off(TODAY + datetime.timedelta(days=30), article=article)
    assert send_reminders(TODAY) == 1
    assert send_reminders(TODAY + datetime.timedelta(days=1)) == 0
    [message] = mail.outbox
    assert message.to == [sign_off.reviewer.email]
    assert article.title_lt in message.subject
    assert f"/articles/article/{article.pk}/change/" in message.body


def test_an_overdue_review_gets_its_own_reminder_once(article):
    signed_off(TODAY + datetime.timedelta(days=10), article=article)
    send_reminders(TODAY)
    send_reminders(TODAY + datetime.timedelta(days=10))
    send_reminders(TODAY + datetime.timedelta(days=11))
    assert len(mail.outbox) == 2
    assert [r.stage for r in ReminderSent.objects.order_by("pk")] == ["due_soon", "overdue"]


def test_a_new_sign_off_starts_a_new_cycle(article):
    signed_off(TODAY, article=article)
    send_reminders(TODAY)
    signed_off(TODAY + datetime.timedelta(days=5), article=article)
    send_reminders(TODAY)
    assert len(mail.outbox) == 2


def test_the_group_is_written_to_when_the_reviewer_left(article):
    gone = ReviewerFactory(is_active=False)
    colleague = ReviewerFactory()
    signed_off(TODAY, article=article, reviewer=gone)
    send_reminders(TODAY)
    assert mail.outbox[0].to == [colleague.email]


def test_reminders_are_in_lithuanian(article):
    signed_off(TODAY, article=article)
    send_reminders(TODAY)
    assert mail.outbox[0].subject.startswith("Vėluojama klinikinė peržiūra")


def test_a_failed_send_is_tried_again_next_time(article, settings):
    signed_off(TODAY, article=article)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with pytest.raises(OSError):
        send_reminders(TODAY)
    assert not ReminderSent.objects.exists()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on loopback that keeps what it receives."""
    received = []

    class Keep(Sink):
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    controller = Controller(Keep(), hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, received
    controller.stop()


def test_the_command_sends_a_reminder_over_smtp(article, settings, smtp_server):
    controller, received = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = (
        "127.0.0.1",
        controller.server.sockets[0].getsockname()[1],
    )
    sign_off = signed_off(timezone.localdate(), article=article)
    call_command("send_review_reminders", verbosity=0)
    call_command("send_review_reminders", verbosity=0)
    [envelope] = received
    assert envelope.rcpt_tos == [sign_off.reviewer.email]
    assert b"Subject:" in envelope.content
