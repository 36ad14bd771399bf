"""Model fields more than one app needs."""

from django.conf import settings
from django.db import models


def staff_member(verbose_name):
    """A reference to the member of staff who did something; kept empty (not deleted
    with it) when the account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
