"""Many patients sending the form at the same moment, through real gunicorn workers on the
SQLite default: every request is answered, and stored exactly once."""

import sqlite3

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from harness.registration_load import new_submissions, submit_concurrently
from harness.server import Gunicorn, free_port, manage, site_environment

REQUESTS = 200
CLIENTS = 16


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site under gunicorn with four workers, on its own SQLite database. It shares
    this process's SECRET_KEY, so the test can sign form stamps as the form would."""
    state = tmp_path_factory.mktemp("gunicorn")
    env = site_environment(
        state,
        settings.STATIC_ROOT,
        DJANGO_SECRET_KEY=settings.SECRET_KEY,
        DJANGO_REGISTRATION_RATE_LIMIT="0",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    with Gunicorn(env, free_port(), state / "gunicorn.log", workers=4) as server:
        yield server, state


def test_simultaneous_requests_are_all_answered_and_stored_once(site):
    server, state = site
    submissions = new_submissions(REQUESTS)
    with translation.override("lt"):
        form_path = reverse("registration:request")
        thanks_path = reverse("registration:thanks")

    submit_concurrently(server.base_url, form_path, submissions, CLIENTS)

    assert {(s.status, s.location) for s in submissions} == {(303, thanks_path)}
    with sqlite3.connect(state / "db.sqlite3") as database:
        stored = database.execute("SELECT form_token FROM registration_appointmentrequest")
        tokens = [token for (token,) in stored]
    assert sorted(tokens) == sorted(s.token for s in submissions)
    assert "database is locked" not in (state / "gunicorn.log").read_text()
