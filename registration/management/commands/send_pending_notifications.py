import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection

from registration.notifications import send_pending

logger = logging.getLogger(__name__)

# A worker whose mail server fails waits longer between rounds, up to this.
LONGEST_PAUSE_SECONDS = 300


class Command(BaseCommand):
    help = (
        "E-mail reception about new appointment requests whose notification has not gone "
        "out. The web form never sends mail itself: run this from cron every few minutes, "
        "or keep it running as a worker with --every SECONDS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=float,
            metavar="SECONDS",
            help="Keep running: send, then wait this long, and again (a worker).",
        )
        parser.add_argument(
            "--rounds", type=int, help="With --every: stop after this many rounds (tests)."
        )

    def handle(self, *args, every=None, rounds=None, **options):
        if every is None:
            self.one_round(options["verbosity"], raise_on_failure=True)
            return
        pause = every
        done = 0
        while rounds is None or done < rounds:
            failed = self.one_round(options["verbosity"], raise_on_failure=False)
            done += 1
            # A mail server that is down is asked less often, so the log stays short.
            pause = min(pause * 2, LONGEST_PAUSE_SECONDS) if failed else every
            if rounds is None or done < rounds:
                if not connection.in_atomic_block:
                    # A long-running worker drops a connection the database closed.
                    close_old_connections()
                time.sleep(pause)

    def one_round(self, verbosity, raise_on_failure):
        sent, failed = send_pending()
        if verbosity and (sent or failed or raise_on_failure):
            self.stdout.write(f"Notifications sent: {sent}.")
        if failed and raise_on_failure:
            # A non-zero exit, so that cron or monitoring tells someone.
            raise CommandError(
                "Sending a notification failed; see the admin. It and those after it will "
                "be tried again."
            )
        if failed:
            logger.warning("Sending a notification failed; trying again later.")
        return failed
