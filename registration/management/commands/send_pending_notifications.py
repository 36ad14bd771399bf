from django.core.management.base import BaseCommand, CommandError

from registration.models import AppointmentRequest
from registration.notifications import notify_reception


class Command(BaseCommand):
    help = (
        "E-mail reception about new appointment requests whose notification has not gone "
        "out (the mail server was down, say). Run it from cron every few minutes."
    )

    def handle(self, *args, **options):
        sent = failed = 0
        for appointment_request in AppointmentRequest.objects.pending_notification():
            if notify_reception(appointment_request):
                sent += 1
            else:
                failed += 1
        if options["verbosity"]:
            self.stdout.write(f"Notifications sent: {sent}.")
        if failed:
            # A non-zero exit, so that cron or monitoring tells someone.
            raise CommandError(
                f"{failed} notification(s) failed again; see the admin. They will be retried."
            )
