from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "Retention: delete the records django-axes keeps of staff logins and failed login "
        "attempts (user name, network address, browser) once they are more than "
        "LOGIN_RECORDS_RETENTION_DAYS days old. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.LOGIN_RECORDS_RETENTION_DAYS,
            help="Keep records of the last this many days (default: %(default)s).",
        )

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - timedelta(days=days)
        with transaction.atomic():
            deleted = sum(
                model.objects.filter(attempt_time__lt=cutoff).delete()[0]
                for model in (AccessLog, AccessFailureLog, AccessAttempt)
            )
        if options["verbosity"]:
            self.stdout.write(f"Deleted {deleted} login records older than {days} days.")
