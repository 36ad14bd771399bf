from django.core.management.base import BaseCommand

from reviews.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail clinical reviewers about articles whose review is due within "
        "REVIEW_REMINDER_DAYS or overdue; once per stage. Run daily from cron."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        if options["verbosity"]:
            self.stdout.write(f"{sent} review reminder(s) sent.")
