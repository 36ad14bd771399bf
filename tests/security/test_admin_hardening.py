"""The admin login resists guessing, staff sessions end, and search engines stay out."""

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.registration.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

BEHIND_TLS_PROXY = {"x-forwarded-proto": "https"}
LOGIN_URL = "/admin/login/?next=/admin/"
STAFF_PASSWORD = "a-long-staff-passphrase-for-tests"


def staff_user():
    return StaffUserFactory(password=make_password(STAFF_PASSWORD))


def log_in(client, username, password=STAFF_PASSWORD):
    return client.post(
        LOGIN_URL, {"username": username, "password": password}, headers=BEHIND_TLS_PROXY
    )


def fail_to_log_in(client, username, times):
    for _attempt in range(times):
        response = log_in(client, username, "wrong password")
    return response


def test_a_few_wrong_passwords_still_let_the_right_one_in(client):
    user = staff_user()
    fail_to_log_in(client, user.username, settings.AXES_FAILURE_LIMIT - 1)
    response = log_in(client, user.username)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_admin_login_is_locked_after_repeated_failures(client):
    user = staff_user()
    response = fail_to_log_in(client, user.username, settings.AXES_FAILURE_LIMIT)
    assert response.status_code == 429
    response = log_in(client, user.username)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_locked_out_staff_see_a_page_that_says_why(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    user = staff_user()
    response = fail_to_log_in(client, user.username, settings.AXES_FAILURE_LIMIT)
    page = response.content.decode()
    assert "Too many failed login attempts" in page
    assert "<title>Login blocked | Clinic website administration</title>" in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_lockout_does_not_stop_a_colleague_at_the_same_desk(client):
    locked = staff_user()
    colleague = staff_user()
    fail_to_log_in(client, locked.username, settings.AXES_FAILURE_LIMIT)
    assert log_in(client, colleague.username).status_code == 302


def test_staff_sessions_last_at_most_a_working_day():
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_staff_session_cookie_ends_with_the_browser_and_is_protected(client):
    response = log_in(client, staff_user().username)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_an_expired_staff_session_must_log_in_again(client):
    log_in(client, staff_user().username)
    assert client.get("/admin/", headers=BEHIND_TLS_PROXY).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get("/admin/", headers=BEHIND_TLS_PROXY)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/", "/admin/clinic/clinicdetails/"])
def test_admin_pages_are_kept_out_of_search_engines(client, path):
    response = client.get(path, headers=BEHIND_TLS_PROXY)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
