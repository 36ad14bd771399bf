from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from registration.models import AppointmentRequest


class Command(BaseCommand):
    help = (
        "Retention: anonymise closed appointment requests, and delete spam, once they were "
        "last handled more than REGISTRATION_RETENTION_DAYS days ago. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.REGISTRATION_RETENTION_DAYS,
            help="Keep requests handled within this many days (default: %(default)s).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be erased."
        )

    def handle(self, *args, days, dry_run, **options):
        due = AppointmentRequest.objects.due_for_erasure(days)
        spam = due.filter(status=AppointmentRequest.Status.SPAM)
        # A quick request nobody checked may have been a patient's: kept as a stub too.
        closed = due.filter(
            status__in=[AppointmentRequest.Status.CLOSED, AppointmentRequest.Status.TO_CHECK]
        )
        if dry_run:
            self.stdout.write(
                f"Would anonymise {closed.count()} closed and delete {spam.count()} spam "
                f"requests handled more than {days} days ago."
            )
            return
        with transaction.atomic():
            anonymised = closed.erase_personal_data()
            deleted, _by_model = spam.delete()
        if options["verbosity"]:
            self.stdout.write(
                f"Anonymised {anonymised} closed and deleted {deleted} spam requests "
                f"handled more than {days} days ago."
            )
