import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clinic import backups


class Command(BaseCommand):
    help = (
        "Back up the database while the site runs: SQLite's online backup API, or pg_dump "
        "(custom format) for PostgreSQL. Restore it with restore_database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "destination", type=Path, help="The backup file to write; it must not exist yet."
        )

    def handle(self, *args, destination, **options):
        if destination.exists():
            raise CommandError(f"{destination} exists already: choose a new file name.")
        # Written under a temporary name, so a file with the final name is always whole.
        partial = destination.with_name(destination.name + ".partial")
        try:
            backups.backup(partial)
        except backups.BackupError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(str(error)) from error
        os.replace(partial, destination)
        if options["verbosity"]:
            self.stdout.write(f"Backed up the database to {destination}.")
