"""Counters in the shared cache that many workers can count up at once without losing a
count (the form's rate limit).

Redis counts atomically (INCR). Django's file cache has no atomic increment: its incr()
reads the file and writes it back, so two workers counting at once both write the same
number. Here the file cache's counting is serialised across processes by an exclusive
lock on a file in the cache's folder. The in-memory cache (tests) locks in-process.
"""

import fcntl
from contextlib import contextmanager
from pathlib import Path

from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache


def count_up(key, timeout):
    """Add one to the count at `key` (a new count lives `timeout` seconds); the new count."""
    cache = caches["default"]
    if isinstance(cache, FileBasedCache):
        with file_lock(Path(cache._dir) / "counters.lock"):
            count = cache.get(key, 0) + 1
            cache.set(key, count, timeout=timeout)
            return count
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # the entry expired between add() and incr()
        cache.add(key, 0, timeout=timeout)
        return cache.incr(key)


@contextmanager
def file_lock(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)
