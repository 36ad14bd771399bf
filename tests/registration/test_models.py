"""The domain rules of requests and privacy notices."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone, translation

from registration.models import AppointmentRequest, PrivacyNotice
from registration.working_days import one_working_day_before
from tests.registration.factories import (
    AppointmentRequestFactory,
    PrivacyNoticeFactory,
    StaffUserFactory,
)


def vilnius(day, hour=10):
    """A moment in November 2026, Vilnius time (9 November is a Monday; no public
    holiday falls between 3 and 30 November)."""
    return vilnius_on(11, day, hour)


def vilnius_on(month, day, hour=10):
    return timezone.make_aware(datetime(2026, month, day, hour, 0))


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (vilnius(11), vilnius(10)),  # Wednesday -> Tuesday, same time
        (vilnius(9), vilnius(9) - timedelta(days=3)),  # Monday -> Friday, same time
        (vilnius(14, 15), vilnius(14, 0) - timedelta(days=1)),  # Saturday -> Friday 00:00
        (vilnius(15, 23), vilnius(14, 0) - timedelta(days=1)),  # Sunday -> Friday 00:00
    ],
    ids=["midweek", "monday-skips-the-weekend", "saturday", "sunday"],
)
def test_one_working_day_leaves_out_the_weekend(now, expected):
    assert one_working_day_before(now) == expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Easter Monday, 6 April 2026: the weekend and the holiday are one stretch off.
        (vilnius_on(4, 6, 15), vilnius_on(4, 3, 0)),
        # Tuesday after Easter -> the Friday before, same time
        (vilnius_on(4, 7, 15), vilnius_on(4, 3, 15)),
        # Christmas Eve to Boxing Day, then a Sunday: Monday 28 December -> Wednesday 23rd
        (vilnius_on(12, 28, 9), vilnius_on(12, 23, 9)),
    ],
    ids=["easter-monday", "tuesday-after-easter", "after-christmas"],
)
def test_one_working_day_leaves_out_public_holidays(now, expected):
    assert one_working_day_before(now) == expected


def test_a_friday_evening_request_is_not_late_until_monday_evening():
    friday_evening = vilnius(13, 19)
    request = AppointmentRequestFactory.build(created_at=friday_evening)
    assert not request.is_waiting_too_long(now=vilnius(16, 18))
    assert request.is_waiting_too_long(now=vilnius(16, 20))


@pytest.mark.django_db
def test_waiting_too_long_lists_only_new_requests_older_than_a_working_day():
    now = vilnius(12)  # Thursday
    late = AppointmentRequestFactory(created_at=vilnius(10))
    AppointmentRequestFactory(created_at=vilnius(11, 12))
    AppointmentRequestFactory(created_at=vilnius(9), status=AppointmentRequest.Status.CONTACTED)
    assert list(AppointmentRequest.objects.waiting_too_long(now=now)) == [late]


@pytest.mark.django_db
def test_marking_contacted_records_who_and_when():
    receptionist = StaffUserFactory()
    request = AppointmentRequestFactory()
    request.set_status(AppointmentRequest.Status.CONTACTED, by=receptionist)
    request.refresh_from_db()
    assert request.status == AppointmentRequest.Status.CONTACTED
    assert request.handled_by == receptionist
    assert timezone.now() - request.handled_at < timedelta(minutes=1)


@pytest.mark.django_db
def test_due_for_erasure_counts_from_when_the_request_was_last_handled():
    long_ago = timezone.now() - timedelta(days=200)
    lately = timezone.now() - timedelta(days=10)
    closed_long_ago = AppointmentRequestFactory(
        status=AppointmentRequest.Status.CLOSED, created_at=long_ago, handled_at=long_ago
    )
    spam_long_ago = AppointmentRequestFactory(
        status=AppointmentRequest.Status.SPAM, created_at=long_ago
    )
    AppointmentRequestFactory(
        status=AppointmentRequest.Status.CLOSED, created_at=long_ago, handled_at=lately
    )
    AppointmentRequestFactory(status=AppointmentRequest.Status.BOOKED, created_at=long_ago)
    due = AppointmentRequest.objects.due_for_erasure(180)
    assert set(due) == {closed_long_ago, spam_long_ago}


def test_a_request_is_named_by_its_number_never_by_the_patient():
    request = AppointmentRequestFactory.build(pk=7, name="Ona Onaitė")
    with translation.override("en"):
        assert str(request) == "Request no. 7"


@pytest.mark.django_db
def test_current_privacy_notice_is_the_latest_one_in_force():
    today = timezone.localdate()
    PrivacyNoticeFactory(version="v1", effective_date=today - timedelta(days=30))
    in_force = PrivacyNoticeFactory(version="v2", effective_date=today - timedelta(days=1))
    PrivacyNoticeFactory(version="v3", effective_date=today + timedelta(days=7))
    assert PrivacyNotice.objects.current() == in_force


@pytest.mark.django_db
def test_there_is_no_current_privacy_notice_before_one_is_written():
    assert PrivacyNotice.objects.current() is None


@pytest.mark.django_db
def test_privacy_notice_text_is_sanitised_when_saved():
    notice = PrivacyNoticeFactory(
        body_lt='<h2>Duomenys</h2><script>alert(1)</script><p onclick="x()">Tekstas</p>',
        body_en='<p><a href="javascript:alert(1)">link</a></p>',
    )
    notice.refresh_from_db()
    assert "<script" not in notice.body_lt and "onclick" not in notice.body_lt
    assert "<h2>Duomenys</h2>" in notice.body_lt
    assert "javascript:" not in notice.body_en
