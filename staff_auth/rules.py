"""Who must sign in with a second factor, and whether this session has.

Required for every account that can see appointment requests (Reception, superusers);
anyone else who has set up an authenticator (an Editor who opted in) uses it too.
DJANGO_TWO_FACTOR_REQUIRED=false turns the whole rule off, for a trial on one's own
machine only.
"""

from django.conf import settings
from django_otp import devices_for_user

# The permission that shows appointment requests (health data).
SEES_HEALTH_DATA = "registration.view_appointmentrequest"


def has_authenticator(user):
    return any(devices_for_user(user, confirmed=True))


def needs_second_factor(user):
    """True when this signed-in member of staff must verify a code before working."""
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    if user.is_verified():
        return False
    return user.has_perm(SEES_HEALTH_DATA) or has_authenticator(user)
