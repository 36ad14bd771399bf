from django.conf import settings
from django.core.management.base import BaseCommand

from access_log.models import AccessEvent


class Command(BaseCommand):
    help = (
        "Retention: delete access log rows older than ACCESS_LOG_RETENTION_DAYS days. "
        "Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.ACCESS_LOG_RETENTION_DAYS)

    def handle(self, *args, days, **options):
        deleted, _by_model = AccessEvent.objects.older_than(days).delete()
        if options["verbosity"]:
            self.stdout.write(f"Deleted {deleted} access log rows older than {days} days.")
