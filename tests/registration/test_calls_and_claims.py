"""Calling patients back: call attempts, what to do next, and claims so that two people
never call the same patient."""

from datetime import datetime, timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from registration.calls import CallAttempt, CallHistory
from registration.models import AppointmentRequest
from tests.registration.factories import AppointmentRequestFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/registration/appointmentrequest/"


def vilnius(day, hour=10):
    """November 2026, Vilnius time: 9 November is a Monday, no holidays that month."""
    return timezone.make_aware(datetime(2026, 11, day, hour, 0))


def run_action(client, action, *requests):
    return client.post(
        CHANGELIST, {"action": action, ACTION_CHECKBOX_NAME: [r.pk for r in requests]}
    )


def attempt(request, at, outcome=CallAttempt.Outcome.NO_ANSWER):
    return CallAttempt.objects.create(request=request, at=at, outcome=outcome)


def test_a_call_attempt_records_when_who_and_the_outcome(login, receptionist):
    request = AppointmentRequestFactory()
    run_action(login(receptionist), "call_no_answer", request)
    call = CallAttempt.objects.get()
    assert (call.request, call.by, call.outcome) == (request, receptionist, "no-answer")
    assert timezone.now() - call.at < timedelta(minutes=1)


def test_the_list_shows_the_attempts_and_the_time_since_the_last(login, receptionist):
    request = AppointmentRequestFactory()
    attempt(request, timezone.now() - timedelta(hours=3))
    attempt(request, timezone.now() - timedelta(hours=2))
    content = login(receptionist).get(CHANGELIST).content.decode()
    assert "2, last 2\xa0hours ago" in content


def test_reaching_the_patient_makes_a_new_request_contacted(login, receptionist):
    request = AppointmentRequestFactory()
    run_action(login(receptionist), "call_reached", request)
    request.refresh_from_db()
    assert request.status == AppointmentRequest.Status.CONTACTED


def test_the_change_page_lists_every_call(login, receptionist):
    request = AppointmentRequestFactory()
    attempt(request, vilnius(10, 9))
    attempt(request, vilnius(10, 15), CallAttempt.Outcome.LEFT_MESSAGE)
    url = reverse("admin:registration_appointmentrequest_change", args=[request.pk])
    content = login(receptionist).get(url).content.decode()
    assert "2026-11-10 09:00" in content and "left a message" in content


def test_requests_whose_last_call_went_unanswered_before_today_need_another_try(
    login, receptionist
):
    yesterday = timezone.now() - timedelta(days=1)
    again = AppointmentRequestFactory(name="Skambinti vėl")
    attempt(again, yesterday)
    tried_today = AppointmentRequestFactory(name="Jau bandyta šiandien")
    attempt(tried_today, yesterday)
    attempt(tried_today, timezone.now())
    reached = AppointmentRequestFactory(name="Pasiekta", status="contacted")
    attempt(reached, yesterday, CallAttempt.Outcome.REACHED)
    AppointmentRequestFactory(name="Dar neskambinta")
    content = login(receptionist).get(CHANGELIST, {"calls": "try-again"}).content.decode()
    assert "Skambinti vėl" in content
    for name in ["Jau bandyta šiandien", "Pasiekta", "Dar neskambinta"]:
        assert name not in content


def test_three_unanswered_calls_over_two_working_days_suggest_writing():
    request = AppointmentRequestFactory()
    attempts = [
        attempt(request, vilnius(10, 9)),
        attempt(request, vilnius(10, 15)),
        attempt(request, vilnius(11, 9), CallAttempt.Outcome.LEFT_MESSAGE),
    ]
    assert CallHistory(attempts, now=vilnius(11, 12)).suggests_writing()


def test_three_unanswered_calls_on_one_day_do_not_suggest_writing_yet():
    request = AppointmentRequestFactory()
    attempts = [attempt(request, vilnius(10, hour)) for hour in (9, 12, 15)]
    assert not CallHistory(attempts, now=vilnius(10, 16)).suggests_writing()


def test_calls_on_a_weekend_do_not_count_as_a_second_working_day():
    request = AppointmentRequestFactory()
    attempts = [attempt(request, vilnius(13, h)) for h in (9, 12)]  # Friday
    attempts.append(attempt(request, vilnius(14, 10)))  # Saturday
    assert not CallHistory(attempts, now=vilnius(14, 12)).suggests_writing()


def test_the_suggested_message_is_in_the_patients_language_with_the_clinics_phone(
    login, receptionist, clinic
):
    request = AppointmentRequestFactory(name="Anne Smith", language="en")
    for day, hour in [(2, 9), (2, 15), (3, 9)]:
        attempt(request, timezone.now() - timedelta(days=day, hours=hour))
    url = reverse("admin:registration_appointmentrequest_change", args=[request.pk])
    content = login(receptionist).get(url).content.decode()
    assert "Send this by e-mail or SMS yourself" in content
    assert "Hello Anne Smith" in content
    assert clinic.phone in content
    listing = login(receptionist).get(CHANGELIST).content.decode()
    assert "✉ write instead" in listing


def test_a_claim_shows_who_is_calling(login, receptionist):
    request = AppointmentRequestFactory()
    client = login(receptionist)
    run_action(client, "claim", request)
    request.refresh_from_db()
    assert request.claimant() == receptionist
    assert f"→ {receptionist.username} calling" in client.get(CHANGELIST).content.decode()


def test_a_claim_names_the_colleague_by_their_full_name(login):
    receptionist = StaffUserFactory(
        groups=["Reception"], first_name="Aistė", last_name="Kazlauskienė"
    )
    request = AppointmentRequestFactory()
    client = login(receptionist)
    run_action(client, "claim", request)
    assert "→ Aistė Kazlauskienė calling" in client.get(CHANGELIST).content.decode()


def test_the_change_page_names_who_made_each_call(login, receptionist):
    colleague = StaffUserFactory(groups=["Reception"], first_name="Rasa", last_name="Jonaitė")
    request = AppointmentRequestFactory()
    CallAttempt.objects.create(request=request, at=vilnius(10, 9), by=colleague)
    url = reverse("admin:registration_appointmentrequest_change", args=[request.pk])
    assert "Rasa Jonaitė" in login(receptionist).get(url).content.decode()


def test_a_request_someone_else_is_calling_cannot_be_claimed(login, receptionist):
    colleague = StaffUserFactory(groups=["Reception"])
    request = AppointmentRequestFactory()
    assert request.claim(by=colleague)
    response = run_action(login(receptionist), "claim", request)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.claimant() == colleague


def test_a_claim_lapses_after_a_working_day():
    colleague = StaffUserFactory()
    receptionist = StaffUserFactory()
    request = AppointmentRequestFactory()
    assert request.claim(by=colleague, now=vilnius(13, 10))  # Friday
    assert request.claimant(now=vilnius(16, 9)) == colleague  # Monday morning: still held
    assert request.claimant(now=vilnius(16, 11)) is None
    assert request.claim(by=receptionist, now=vilnius(16, 11))


def test_releasing_a_claim_frees_the_request(login, receptionist):
    request = AppointmentRequestFactory()
    request.claim(by=receptionist)
    run_action(login(receptionist), "release_claim", request)
    request.refresh_from_db()
    assert request.claimant() is None
