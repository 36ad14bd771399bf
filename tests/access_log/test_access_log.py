"""Who opened, changed, exported or erased which request: recorded, kept apart, read by
superusers only, free of patient data, and kept for a set time."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from access_log.models import AccessEvent
from tests.registration.factories import AppointmentRequestFactory

pytestmark = pytest.mark.django_db

LOG = "/admin/access_log/accessevent/"
CHANGELIST = "/admin/registration/appointmentrequest/"


def change_url(appointment_request):
    return reverse("admin:registration_appointmentrequest_change", args=[appointment_request.pk])


def logged():
    return list(
        AccessEvent.objects.order_by("pk").values_list("username", "action", "request_number")
    )


def run_action(client, action, *requests, **extra):
    return client.post(
        CHANGELIST, {"action": action, ACTION_CHECKBOX_NAME: [r.pk for r in requests], **extra}
    )


def test_opening_a_request_is_logged_with_who_and_which_number(login, receptionist):
    request = AppointmentRequestFactory()
    login(receptionist).get(change_url(request))
    assert logged() == [(receptionist.username, "viewed", request.pk)]


def test_changing_a_request_is_logged(login, receptionist):
    request = AppointmentRequestFactory()
    login(receptionist).post(change_url(request), {"status": "contacted", "staff_notes": ""})
    assert (receptionist.username, "changed", request.pk) in logged()


def test_a_status_action_is_logged_for_each_request(login, receptionist):
    first, second = AppointmentRequestFactory.create_batch(2)
    run_action(login(receptionist), "mark_contacted", first, second)
    assert sorted(logged()) == sorted(
        [(receptionist.username, "changed", r.pk) for r in (first, second)]
    )


def test_an_export_is_logged_for_each_request_in_it(login, receptionist):
    first, second = AppointmentRequestFactory.create_batch(2)
    run_action(login(receptionist), "export_csv", first, second)
    assert sorted(logged()) == sorted(
        [(receptionist.username, "exported", r.pk) for r in (first, second)]
    )


def test_an_erasure_is_logged_and_the_log_outlives_it(login, receptionist):
    request = AppointmentRequestFactory()
    run_action(login(receptionist), "erase_personal_data", request, confirmed="yes")
    assert logged() == [(receptionist.username, "erased", request.pk)]


def test_the_erase_confirmation_page_counts_as_opening_the_requests(login, receptionist):
    request = AppointmentRequestFactory()
    run_action(login(receptionist), "erase_personal_data", request)
    assert logged() == [(receptionist.username, "viewed", request.pk)]


def test_a_superuser_deleting_a_request_is_logged_as_an_erasure(login, superuser):
    request = AppointmentRequestFactory()
    delete_url = reverse("admin:registration_appointmentrequest_delete", args=[request.pk])
    login(superuser).post(delete_url, {"post": "yes"})
    assert (superuser.username, "erased", request.pk) in logged()


def test_the_log_holds_no_patient_data(login, receptionist, superuser):
    request = AppointmentRequestFactory(name="Ona Onaitė", phone="+37060226118")
    login(receptionist).get(change_url(request))
    row = AccessEvent.objects.values().get()
    assert set(row) == {"id", "at", "user_id", "username", "action", "request_number"}
    page = login(superuser).get(LOG).content.decode()
    assert str(request.pk) in page
    assert "Ona" not in page and "26118" not in page


def test_only_superusers_read_the_log(login, receptionist, superuser):
    assert login(receptionist).get(LOG).status_code == 403
    assert login(superuser).get(LOG).status_code == 200


def test_nobody_adds_changes_or_deletes_log_rows(login, superuser):
    request = AppointmentRequestFactory()
    client = login(superuser)
    client.get(change_url(request))
    event = AccessEvent.objects.get()
    assert client.get(f"{LOG}add/").status_code == 403
    assert client.get(f"{LOG}{event.pk}/delete/").status_code == 403
    client.post(f"{LOG}{event.pk}/change/", {"username": "someone else"})
    event.refresh_from_db()
    assert event.username == superuser.username


def test_rows_older_than_the_retention_period_are_deleted(settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 730
    old = AccessEvent.objects.create(
        username="x", action="viewed", request_number=1, at=timezone.now() - timedelta(days=731)
    )
    recent = AccessEvent.objects.create(
        username="x", action="viewed", request_number=2, at=timezone.now() - timedelta(days=729)
    )
    call_command("purge_access_log", verbosity=0)
    assert list(AccessEvent.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not AccessEvent.objects.filter(pk=old.pk).exists()
