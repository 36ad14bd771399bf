from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from clinic import backups


class Command(BaseCommand):
    help = (
        "Replace everything in the database with a backup made by backup_database. "
        "Stop the site (gunicorn) first, and start it again afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="The backup file to restore.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, source, interactive, **options):
        if not source.is_file():
            raise CommandError(f"{source} is not a file.")
        if interactive:
            answer = input(
                f"This replaces everything in the database {connection.settings_dict['NAME']} "
                f"with the backup {source}. Type 'yes' to continue: "
            )
            if answer != "yes":
                self.stdout.write("Nothing was restored.")
                return
        try:
            backups.restore(source)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"]:
            self.stdout.write(f"Restored the database from {source}.")
