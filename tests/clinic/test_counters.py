"""Counting up in the shared cache from many threads at once loses no count, on every
cache backend the site runs with (clinic/counters.py)."""

import os
import threading
import time

import pytest
from django.core.cache import caches

from clinic.counters import count_up

THREADS = 30
COUNTS_EACH = 5


REDIS_URL = os.environ.get("REDIS_URL")  # set in the PostgreSQL and Redis run


def backends(tmp_path):
    configured = {
        "in-memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "files": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        },
    }
    if REDIS_URL:
        configured["redis"] = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    return configured


BACKEND_NAMES = ["in-memory", "files", *(["redis"] if REDIS_URL else [])]


@pytest.fixture(params=BACKEND_NAMES)
def shared_cache(request, settings, tmp_path):
    settings.CACHES = {**settings.CACHES, "default": backends(tmp_path)[request.param]}
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


def count_from_many_threads(key):
    start = threading.Barrier(THREADS)
    counts = []

    def count():
        start.wait()
        for _ in range(COUNTS_EACH):
            counts.append(count_up(key, timeout=60))

    threads = [threading.Thread(target=count) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts


def test_simultaneous_counts_are_each_counted_once(shared_cache):
    counts = count_from_many_threads("test-counter")
    assert sorted(counts) == list(range(1, THREADS * COUNTS_EACH + 1))
    assert shared_cache.get("test-counter") == THREADS * COUNTS_EACH


def test_a_count_lives_as_long_as_asked(shared_cache):
    count_up("short-counter", timeout=1)
    assert shared_cache.get("short-counter") == 1
    time.sleep(1.2)
    assert shared_cache.get("short-counter") is None
