"""Telling reception that a request is waiting, outside the patient's request.

The e-mail says only that a new request is waiting, with a link to the admin: health data
does not travel by e-mail. The form only stores the request; the stored requests whose
e-mail has not gone out are the queue. `manage.py send_pending_notifications` drains it:
from cron every few minutes, or as a long-running worker (`--every 10`). A patient's POST
therefore never waits for the mail server, however slow or hung it is.

A request is claimed (`notification_claimed_until`) before its e-mail is tried, so two
workers, or a worker and cron, never e-mail about the same request twice; a claim left
by a worker that died lapses after CLAIM_SECONDS. A failure is recorded on the request
and tried again in the next round.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from registration.models import AppointmentRequest

logger = logging.getLogger(__name__)


def claim_seconds():
    """Long enough for one e-mail to be sent or to time out, with room to spare."""
    return 2 * (settings.EMAIL_TIMEOUT or 60) + 60


def waiting_requests_url():
    """The admin's list of new requests, as an absolute address."""
    path = reverse("admin:registration_appointmentrequest_changelist")
    return f"{settings.SITE_URL}{path}?status__exact={AppointmentRequest.Status.NEW}"


def claim(appointment_request):
    """Take the request's e-mail for this process; False if another has it or it went out."""
    now = timezone.now()
    return bool(
        AppointmentRequest.objects.pending_notification(now)
        .filter(pk=appointment_request.pk)
        .update(notification_claimed_until=now + timedelta(seconds=claim_seconds()))
    )


def notify_reception(appointment_request):
    """E-mail reception about one new request; record the outcome on the request.

    Returns True when the e-mail went out, False when it failed, None when another
    worker holds it. Never raises for a mail failure: the request is already safe in the
    database, and the failure is retried later.
    """
    if not claim(appointment_request):
        return None
    # Reception works in the site's main language, whatever the patient's.
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("New appointment request waiting")
        body = render_to_string(
            "appointments/email/new_request.txt", {"waiting_url": waiting_requests_url()}
        )
    requests = AppointmentRequest.objects.filter(pk=appointment_request.pk)
    try:
        send_mail(subject, body, None, [settings.RECEPTION_EMAIL], fail_silently=False)
    except Exception as error:  # any mail failure: SMTP, network, configuration
        # The message of a mail error names servers, never the patient.
        problem = f"{type(error).__name__}: {error}"[:300]
        logger.warning(
            "E-mail to reception about appointment request %s failed: %s",
            appointment_request.pk,
            type(error).__name__,
        )
        requests.update(
            notification_attempts=F("notification_attempts") + 1,
            notification_error=problem,
            notification_claimed_until=None,
        )
        return False
    requests.update(
        notification_attempts=F("notification_attempts") + 1,
        notification_sent_at=timezone.now(),
        notification_error="",
        notification_claimed_until=None,
    )
    return True


def send_pending():
    """One round: e-mail about each request waiting for it, oldest first. Returns
    (sent, failed).

    The round stops at the first failure: a mail server that is down, or hangs until
    EMAIL_TIMEOUT, fails the same way for every request, so the others wait for the next
    round instead of each costing a timeout.
    """
    sent = 0
    pending = AppointmentRequest.objects.pending_notification().order_by("created_at", "pk")
    for appointment_request in pending.only("pk"):
        outcome = notify_reception(appointment_request)
        if outcome is False:
            return sent, 1
        sent += outcome is True
    return sent, 0
