"""Keeps a signed-in account that needs a second factor on the pages that provide one."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from staff_auth.rules import has_authenticator, needs_second_factor


class SecondFactorRequiredMiddleware:
    """Goes after django_otp's OTPMiddleware.

    Only the admin's addresses are guarded: reading pages must not touch the session (they
    are cached whole), and only the admin shows appointment requests.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = f"/{settings.ADMIN_URL}"

    def __call__(self, request):
        guarded = request.path.startswith(self.admin_prefix) and not self.is_open(request.path)
        if guarded and needs_second_factor(request.user):
            return self.send_to_second_factor(request)
        return self.get_response(request)

    def is_open(self, path):
        """Pages an account without a verified second factor may still reach."""
        open_names = ["admin:login", "admin:logout", "admin:jsi18n"]
        open_names += ["staff_auth:setup", "staff_auth:verify"]
        return path in {reverse(name) for name in open_names}

    def send_to_second_factor(self, request):
        name = "staff_auth:verify" if has_authenticator(request.user) else "staff_auth:setup"
        return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
