"""An appointment request sent through nginx: stored once, and reception told by e-mail
by the notification worker (docs/deploying.md) within seconds."""

import time
import uuid

import pytest

from registration.models import AppointmentRequest
from tests.deploy.deployment import RECEPTION_EMAIL
from tests.deploy.visitors import send_appointment_request, url

pytestmark = pytest.mark.deploy

MAIL_WAIT_SECONDS = 30


def mail_to_reception(deployment, since):
    return [m for m in deployment.mail.messages() if m["To"] == RECEPTION_EMAIL][since:]


def test_an_appointment_request_is_stored_once_and_reception_is_told(deployment, site_db):

    name = f"Ona Petraitienė {uuid.uuid4().hex[:8]}"
    mail_before = len(mail_to_reception(deployment, 0))
    browser = deployment.browser()

    response, form = send_appointment_request(browser, name)
    assert response.status == 303, response.text[:2000]
    assert response.header("Location") == url("registration:thanks")
    # The patient presses "Send" again (a double click, or the back button).
    again, _form = send_appointment_request(browser, name, form=form)
    assert again.status == 303

    [stored] = AppointmentRequest.objects.filter(name=name)
    deadline = time.monotonic() + MAIL_WAIT_SECONDS
    while stored.notification_sent_at is None and time.monotonic() < deadline:
        time.sleep(0.2)
        stored.refresh_from_db()
    assert stored.notification_sent_at is not None, stored.notification_error
    new_mail = mail_to_reception(deployment, mail_before)
    assert new_mail, "the site says it sent the e-mail, but the mail server has none"
    # The e-mail points to the admin and carries nothing about the patient.
    body = new_mail[-1].get_payload(decode=True).decode()
    assert f"{deployment.origin}/admin/" in body
    assert name not in body
