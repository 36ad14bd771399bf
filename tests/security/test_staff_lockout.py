"""A locked-out member of staff: the lockout ends on time whatever is tried meanwhile, a
superuser can lift it sooner, and the records of logins are not kept for ever."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.utils import timezone

from tests.registration.factories import StaffUserFactory
from tests.security.test_admin_hardening import fail_to_log_in, log_in, staff_user
from tests.staff_auth.sign_in import log_in_with_second_factor

pytestmark = pytest.mark.django_db


def locked_out_user(client):
    user = staff_user()
    assert fail_to_log_in(client, user.username, settings.AXES_FAILURE_LIMIT).status_code == 429
    return user


def move_attempts_back(minutes):
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


def test_further_tries_during_a_lockout_do_not_extend_it(client):
    user = locked_out_user(client)
    move_attempts_back(settings.AXES_COOLOFF_TIME * 60 - 1)
    assert fail_to_log_in(client, user.username, 3).status_code == 429
    move_attempts_back(2)  # the hour since the lockout began is over
    assert log_in(client, user.username).status_code == 302


def test_the_lockout_lasts_its_full_time(client):
    user = locked_out_user(client)
    move_attempts_back(settings.AXES_COOLOFF_TIME * 60 - 1)
    assert log_in(client, user.username).status_code == 429


def test_a_locked_out_member_of_staff_is_let_back_in_with_a_command(client):
    user = locked_out_user(client)
    call_command("axes_reset_username", user.username, stdout=None)
    assert log_in(client, user.username).status_code == 302


def test_a_superuser_lets_a_locked_out_member_of_staff_back_in_from_the_admin(client):
    user = locked_out_user(client)
    superuser_client = log_in_with_second_factor(Client(), StaffUserFactory(is_superuser=True))
    attempt = AccessAttempt.objects.get(username=user.username)
    response = superuser_client.post(
        f"/{settings.ADMIN_URL}axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert log_in(client, user.username).status_code == 302


def test_login_records_older_than_the_retention_period_are_deleted(client, settings):
    settings.LOGIN_RECORDS_RETENTION_DAYS = 90
    log_in(client, staff_user().username)
    fail_to_log_in(client, "someone-guessing", 1)
    assert AccessLog.objects.exists()
    assert AccessAttempt.objects.exists()
    AccessLog.objects.update(attempt_time=timezone.now() - timedelta(days=91))
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(days=91))
    recent = AccessLog.objects.create(
        username="recent", user_agent="", http_accept="", path_info="/"
    )

    call_command("purge_login_records", verbosity=0)

    assert list(AccessLog.objects.all()) == [recent]
    assert not AccessAttempt.objects.exists()


def test_a_failed_login_with_a_forged_forwarded_address_is_recorded_without_error(client, settings):
    settings.PROXY_COUNT = 1
    response = client.post(
        "/admin/login/",
        {"username": "someone", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="garbage",
    )
    assert response.status_code == 200
    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"


@pytest.mark.parametrize("username", ["a\x00b", "ž" * 300, "ž" * 5000, ""])
def test_an_odd_user_name_gets_the_login_form_back(client, username):
    response = client.post("/admin/login/", {"username": username, "password": "wrong\x00"})
    assert response.status_code == 200


def test_repeated_tries_with_an_overlong_user_name_still_lock_it_out(client):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = log_in(client, "ž" * 5000, "wrong password")
    assert response.status_code == 429
