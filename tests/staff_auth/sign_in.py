"""THE way tests sign a member of staff in with a second factor, in the test client or
in Chromium (Playwright), so that tests of Reception's and superusers' pages pass the
two-factor rule as a real person does."""

from django.contrib.auth import BACKEND_SESSION_KEY
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def authenticator(user):
    """The user's confirmed authenticator app (made if they have none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def current_code(device):
    """The six digits the app shows now."""
    # A code is accepted once: forget the last one used, so each sign-in has a fresh one.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def log_in_with_second_factor(browser_or_client, user, password=None):
    """Sign `user` in, second factor verified, and return what was given.

    A django.test.Client: a session as after both steps (no password needed). A
    Playwright page: the login form with `password`, then the code page, as typed.
    """
    device = authenticator(user)
    if isinstance(browser_or_client, Client):
        client = browser_or_client
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        assert session[BACKEND_SESSION_KEY]
        return client
    page = browser_or_client
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("#login-form [type=submit]")
    page.fill("#id_code", current_code(device))
    with page.expect_navigation():
        page.click("#two-factor-form [type=submit]")
    assert page.url.endswith("/admin/"), "signed in with a second factor"
    return page
