"""Calling patients back: each call attempt, who is calling whom (claims), and when a
written message is the better next step."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.fields import staff_member
from registration.working_days import is_day_off, one_working_day_before

# Unanswered calls, over at least this many working days, suggest writing instead.
UNANSWERED_BEFORE_WRITING = 3
WORKING_DAYS_BEFORE_WRITING = 2


def staff_name(user):
    """A colleague as reception knows them: their full name, else their user name."""
    return user.get_full_name().strip() or user.get_username()


class CallAttempt(models.Model):
    class Outcome(models.TextChoices):
        REACHED = "reached", _("reached")
        NO_ANSWER = "no-answer", _("no answer")
        LEFT_MESSAGE = "message", _("left a message")
        WRONG_NUMBER = "wrong", _("wrong number")

    UNANSWERED = {Outcome.NO_ANSWER, Outcome.LEFT_MESSAGE}

    request = models.ForeignKey(
        "registration.AppointmentRequest",
        on_delete=models.CASCADE,
        related_name="call_attempts",
        verbose_name=_("appointment request"),
    )
    at = models.DateTimeField(_("called at"), default=timezone.now)
    by = staff_member(_("called by"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("call attempt")
        verbose_name_plural = _("call attempts")

    def __str__(self):
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M} {self.get_outcome_display()}"


class CallHistory:
    """What the attempts of one request (oldest first) mean for the desk."""

    def __init__(self, attempts, now=None):
        self.attempts = list(attempts)
        self.now = now or timezone.now()

    @property
    def last(self):
        return self.attempts[-1] if self.attempts else None

    def unanswered(self):
        return [a for a in self.attempts if a.outcome in CallAttempt.UNANSWERED]

    def needs_another_try_today(self):
        """Tried before, not reached, and not yet tried today."""
        last = self.last
        if last is None or last.outcome not in CallAttempt.UNANSWERED:
            return False
        return timezone.localtime(last.at).date() < timezone.localtime(self.now).date()

    def suggests_writing(self):
        """Three unanswered calls over two working days: time for an e-mail or SMS."""
        unanswered = self.unanswered()
        working_days = {
            timezone.localtime(a.at).date()
            for a in unanswered
            if not is_day_off(timezone.localtime(a.at).date())
        }
        return (
            len(unanswered) >= UNANSWERED_BEFORE_WRITING
            and len(working_days) >= WORKING_DAYS_BEFORE_WRITING
        )


def claim_lapses_before(now=None):
    """A claim made before this moment has lapsed (it lasts one working day)."""
    return one_working_day_before(now or timezone.now())
