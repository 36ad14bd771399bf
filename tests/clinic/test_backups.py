"""Backups: made while the site runs, and restored with one command, on SQLite and on
PostgreSQL alike (the suite runs on both)."""

from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from clinic import page_cache
from clinic.models import ClinicDetails
from tests.clinic.factories import ClinicDetailsFactory

# The backup tools read committed data from their own connection (pg_dump is another
# process), so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backup_file(tmp_path):
    ClinicDetailsFactory(name_en="As backed up")
    path = tmp_path / "clinic.backup"
    call_command("backup_database", str(path), verbosity=0)
    return path


def test_a_restored_backup_brings_back_the_content_as_it_was(backup_file):
    ClinicDetails.objects.update(name_en="Changed after the backup")
    ClinicDetailsFactory(name_en="Added after the backup")

    call_command("restore_database", str(backup_file), interactive=False, verbosity=0)

    assert list(ClinicDetails.objects.values_list("name_en", flat=True)) == ["As backed up"]


def test_restoring_empties_the_page_cache(backup_file):
    generation = page_cache.current_generation()
    call_command("restore_database", str(backup_file), interactive=False, verbosity=0)
    assert page_cache.current_generation() != generation


def test_restoring_asks_first_and_keeps_everything_on_no(backup_file):
    ClinicDetails.objects.update(name_en="Kept")
    with mock.patch("builtins.input", return_value="no") as question:
        call_command("restore_database", str(backup_file), verbosity=0)
    assert "replaces everything" in question.call_args.args[0]
    assert ClinicDetails.objects.get().name_en == "Kept"


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(tmp_path, clinic):
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("This is not a database backup. " * 100)
    with pytest.raises(CommandError):
        call_command("restore_database", str(not_a_backup), interactive=False, verbosity=0)
    assert ClinicDetails.objects.get().name_en == clinic.name_en


def test_a_backup_never_overwrites_an_earlier_one(backup_file):
    earlier = backup_file.read_bytes()
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup_database", str(backup_file), verbosity=0)
    assert backup_file.read_bytes() == earlier
