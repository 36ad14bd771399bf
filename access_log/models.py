"""Who opened, changed, exported or erased which appointment request, and when.

Kept apart from the requests (GDPR Art. 30 and 32): a row names the request by its number
only, never the patient, so the log itself holds no health data and outlives an erasure.
Superusers read it; nobody edits it; `purge_access_log` deletes rows older than
ACCESS_LOG_RETENTION_DAYS.
"""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.fields import staff_member


class AccessEventQuerySet(models.QuerySet):
    def older_than(self, days):
        return self.filter(at__lt=timezone.now() - timedelta(days=days))


class AccessEvent(models.Model):
    class Action(models.TextChoices):
        VIEWED = "viewed", _("opened")
        CHANGED = "changed", _("changed")
        EXPORTED = "exported", _("exported")
        ERASED = "erased", _("erased")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = staff_member(_("account"))
    # Kept as it was, should the account later be renamed or deleted.
    username = models.CharField(_("user name"), max_length=150)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    request_number = models.PositiveIntegerField(_("request number"), db_index=True)

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access to a request")
        verbose_name_plural = _("request access log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.request_number}"


def record(user, action, request_numbers):
    """Log that `user` did `action` to each request numbered in `request_numbers`."""
    now = timezone.now()
    AccessEvent.objects.bulk_create(
        AccessEvent(
            at=now,
            user=user,
            username=user.get_username(),
            action=action,
            request_number=number,
        )
        for number in request_numbers
    )
