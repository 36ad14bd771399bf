"""The settings module, exercised the way a server starts it: in a fresh process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]

CONCURRENT_WRITERS = """
import threading
import django
django.setup()
from django.core.management import call_command
from django.db import connection, transaction
from django.contrib.sessions.models import Session
from django.utils import timezone

call_command("migrate", "sessions", verbosity=0)
errors = []

def write(writer):
    try:
        for number in range(20):
            # Read, then write, in one transaction: the pattern that fails with
            # "database is locked" when SQLite upgrades a read lock under contention.
            with transaction.atomic():
                Session.objects.count()
                Session.objects.create(
                    session_key=f"w{writer}-{number}", session_data="x",
                    expire_date=timezone.now(),
                )
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=write, args=(n,)) for n in range(10)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("errors", errors)
print("rows", Session.objects.count())
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    print("journal", cursor.fetchone()[0])
"""


def run_python(code, env, tmp_path):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "clinic_site.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_mode_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_python("import django; django.setup()", {}, tmp_path)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_mode_refuses_to_start_without_allowed_hosts(tmp_path):
    result = run_python("import django; django.setup()", {"DJANGO_SECRET_KEY": "k"}, tmp_path)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_debug_mode_starts_without_a_secret_key(tmp_path):
    env = {"DJANGO_DEBUG": "true", "DJANGO_VAR_DIR": str(tmp_path)}
    result = run_python("import django; django.setup(); print('started')", env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.parametrize(
    ("database_url", "engine"),
    [
        ("postgres://clinic:secret@db.internal:5432/clinic", "django.db.backends.postgresql"),
        ("", "django.db.backends.sqlite3"),
    ],
)
def test_database_is_chosen_by_database_url(tmp_path, database_url, engine):
    env = {"DJANGO_DEBUG": "true", "DJANGO_VAR_DIR": str(tmp_path), "DATABASE_URL": database_url}
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = run_python(code, env, tmp_path)
    assert result.stdout.strip() == engine, result.stderr


def test_ten_concurrent_writers_on_the_sqlite_default_all_succeed(tmp_path):
    """The default SQLite database uses WAL and IMMEDIATE transactions, so writers queue
    up instead of failing with "database is locked"."""
    env = {"DJANGO_DEBUG": "true", "DJANGO_VAR_DIR": str(tmp_path)}
    result = run_python(CONCURRENT_WRITERS, env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "errors []" in result.stdout
    assert "rows 200" in result.stdout
    assert "journal wal" in result.stdout
