"""Many patients sending the form at the same moment, through real gunicorn workers on the
SQLite default: every request is answered, and stored exactly once."""

import sqlite3

import pytest
from django.urls import reverse
from django.utils import translation

from harness.registration_load import new_submissions, submit_concurrently
from tests.registration.gunicorn_site import gunicorn_site

REQUESTS = 200
CLIENTS = 16


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Four gunicorn workers; the rate limit is off (every client shares one address)."""
    state = tmp_path_factory.mktemp("gunicorn")
    with gunicorn_site(state, DJANGO_REGISTRATION_RATE_LIMIT="0") as server:
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
