"""Telling reception that a request is waiting.

The e-mail says only that a new request is waiting, with a link to the admin: health data
does not travel by e-mail. A request is saved before its e-mail is tried, and a failure
is recorded on it; `manage.py send_pending_notifications` (cron) tries again.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from registration.models import AppointmentRequest

logger = logging.getLogger(__name__)


def waiting_requests_url():
    """The admin's list of new requests, as an absolute address."""
    path = reverse("admin:registration_appointmentrequest_changelist")
    return f"{settings.SITE_URL}{path}?status__exact={AppointmentRequest.Status.NEW}"


def notify_reception(appointment_request):
    """E-mail reception about one new request; record the outcome on the request.

    Returns True when the e-mail went out. Never raises for a mail failure: the request
    is already safe in the database, and the failure is retried later.
    """
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
            notification_attempts=F("notification_attempts") + 1, notification_error=problem
        )
        return False
    requests.update(
        notification_attempts=F("notification_attempts") + 1,
        notification_sent_at=timezone.now(),
        notification_error="",
    )
    return True
