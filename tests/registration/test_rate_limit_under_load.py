"""Thirty valid requests from one client at the same moment, through real gunicorn workers:
the rate limit lets exactly its number through, on the file cache and on Redis."""

import os
import sqlite3

import pytest
from django.urls import reverse
from django.utils import translation

from harness.registration_load import new_submissions, submit_concurrently
from tests.registration.gunicorn_site import gunicorn_site

LIMIT = 5
REQUESTS = 30
CACHES = ["files", *(["redis"] if os.environ.get("REDIS_URL") else [])]


@pytest.fixture(params=CACHES)
def site(request, tmp_path):
    """Four gunicorn workers sharing one cache: files, or Redis in the Redis run."""
    shared_cache = {"REDIS_URL": os.environ["REDIS_URL"]} if request.param == "redis" else {}
    with gunicorn_site(
        tmp_path,
        DJANGO_REGISTRATION_RATE_LIMIT=str(LIMIT),
        DJANGO_CACHE_KEY_PREFIX=f"rate-limit-test-{os.getpid()}",
        **shared_cache,
    ) as server:
        yield server, tmp_path


def test_simultaneous_requests_from_one_client_stop_exactly_at_the_limit(site):
    server, state = site
    submissions = new_submissions(REQUESTS)
    with translation.override("lt"):
        form_path = reverse("registration:request")

    submit_concurrently(server.base_url, form_path, submissions, clients=REQUESTS)

    statuses = sorted(s.status for s in submissions)
    assert statuses == [303] * LIMIT + [429] * (REQUESTS - LIMIT)
    with sqlite3.connect(state / "db.sqlite3") as database:
        stored = database.execute("SELECT count(*) FROM registration_appointmentrequest")
    assert stored.fetchone() == (LIMIT,)
