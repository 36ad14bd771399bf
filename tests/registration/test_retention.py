"""Retention: closed and spam requests do not stay longer than the privacy notice says."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from registration.models import AppointmentRequest
from tests.registration.factories import AppointmentRequestFactory

pytestmark = pytest.mark.django_db


def handled_days_ago(days, status):
    moment = timezone.now() - timedelta(days=days)
    return AppointmentRequestFactory(status=status, created_at=moment, handled_at=moment)


def test_closed_requests_past_retention_are_anonymised():
    old = handled_days_ago(181, AppointmentRequest.Status.CLOSED)
    call_command("purge_old_requests", verbosity=0)
    old.refresh_from_db()
    assert (old.name, old.phone, old.email, old.topic, old.message) == ("", "", "", "", "")
    assert old.erased_at is not None
    assert old.status == AppointmentRequest.Status.CLOSED


def test_spam_past_retention_is_deleted():
    handled_days_ago(181, AppointmentRequest.Status.SPAM)
    call_command("purge_old_requests", verbosity=0)
    assert not AppointmentRequest.objects.exists()


def test_quick_requests_nobody_checked_are_anonymised_after_retention():
    old = handled_days_ago(181, AppointmentRequest.Status.TO_CHECK)
    call_command("purge_old_requests", verbosity=0)
    old.refresh_from_db()
    assert (old.name, old.phone) == ("", "")
    assert old.erased_at is not None


def test_requests_within_retention_or_still_open_are_kept():
    recent = handled_days_ago(30, AppointmentRequest.Status.CLOSED)
    booked = handled_days_ago(400, AppointmentRequest.Status.BOOKED)
    waiting = AppointmentRequestFactory(created_at=timezone.now() - timedelta(days=400))
    call_command("purge_old_requests", verbosity=0)
    for request in [recent, booked, waiting]:
        request.refresh_from_db()
        assert request.name == "Ona Onaitė"


def test_retention_period_comes_from_the_settings(settings):
    settings.REGISTRATION_RETENTION_DAYS = 20
    old = handled_days_ago(30, AppointmentRequest.Status.CLOSED)
    call_command("purge_old_requests", verbosity=0)
    old.refresh_from_db()
    assert old.name == ""


def test_days_can_be_given_on_the_command_line():
    old = handled_days_ago(30, AppointmentRequest.Status.CLOSED)
    call_command("purge_old_requests", "--days", "7", verbosity=0)
    old.refresh_from_db()
    assert old.name == ""


def test_a_dry_run_only_counts(capsys):
    old = handled_days_ago(200, AppointmentRequest.Status.CLOSED)
    handled_days_ago(200, AppointmentRequest.Status.SPAM)
    call_command("purge_old_requests", "--dry-run")
    assert "Would anonymise 1 closed and delete 1 spam" in capsys.readouterr().out
    old.refresh_from_db()
    assert old.name == "Ona Onaitė"
    assert AppointmentRequest.objects.count() == 2


def test_the_command_reports_what_it_did_without_personal_data(capsys):
    handled_days_ago(200, AppointmentRequest.Status.CLOSED)
    call_command("purge_old_requests")
    output = capsys.readouterr().out
    assert "Anonymised 1 closed and deleted 0 spam" in output
    assert "Ona" not in output
