"""Keeping robots out of the appointment form without a third-party captcha.

Three checks, none of which a patient notices:
- a honeypot field that people never see (it is in the form, see forms.py);
- a form stamp: a signed, one-time token with the time the form was shown. A form sent
  back sooner than REGISTRATION_MIN_FILL_SECONDS was sent by a robot or a browser's
  autofill: it is kept for reception to check, never refused; the same stamp sent twice
  is the same request sent twice, and is stored once;
- a rate limit per client (REGISTRATION_RATE_LIMIT requests per
  REGISTRATION_RATE_WINDOW_SECONDS; 0 turns it off), counted in the shared cache under
  a keyed hash of the client's network address, so no address is ever stored.
"""

import ipaddress
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

from clinic.client import client_address
from clinic.counters import count_up

STAMP_SALT = "registration.form-stamp"
# A form left open longer than this is sent back to the patient to send again.
STAMP_MAX_AGE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class FormStamp:
    token: str
    issued_at: float

    @classmethod
    def issue(cls, issued_at=None):
        """A new stamp. Scripts with the SECRET_KEY may back-date it (see docs/reception.md)."""
        return cls(token=secrets.token_urlsafe(24), issued_at=issued_at or time.time())

    @classmethod
    def read(cls, signed):
        """The stamp in a signed string; raises signing.BadSignature if it was not ours."""
        data = signing.loads(signed, salt=STAMP_SALT)
        try:
            return cls(token=str(data["token"]), issued_at=float(data["issued_at"]))
        except (KeyError, TypeError, ValueError) as error:
            raise signing.BadSignature("malformed form stamp") from error

    def signed(self):
        return signing.dumps({"token": self.token, "issued_at": self.issued_at}, salt=STAMP_SALT)

    def age(self):
        return time.time() - self.issued_at

    def is_expired(self):
        return self.age() > STAMP_MAX_AGE_SECONDS

    def is_too_fresh(self):
        return self.age() < settings.REGISTRATION_MIN_FILL_SECONDS


def client_fingerprint(address):
    """A keyed hash of the client's network: its IPv4 address, or its IPv6 /64 (one
    household or phone gets a whole /64, and could otherwise dodge the limit)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        network = address
    else:
        prefix = 64 if ip.version == 6 else 32
        network = str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))
    return salted_hmac("registration.rate-limit", network).hexdigest()


class RateLimit:
    """How many requests one client may send per time window.

    Windows are fixed (e.g. each clock hour), which keeps the count a single cache entry
    that every cache backend can increment (clinic/counters.py).
    """

    def __init__(self, request):
        self.limit = settings.REGISTRATION_RATE_LIMIT
        self.window = settings.REGISTRATION_RATE_WINDOW_SECONDS
        window_number = int(time.time() // self.window)
        fingerprint = client_fingerprint(client_address(request))
        self.key = f"registration-rate-{fingerprint}-{window_number}"

    def admits_one_more(self):
        """Count this request; False if it is over the limit.

        Counting first and comparing the new count makes the check and the count one
        step in the shared cache, so simultaneous requests cannot all slip under the limit.
        """
        if not self.limit:
            return True
        return count_up(self.key, timeout=self.window) <= self.limit
