"""Setting up an authenticator app, and signing in with its code or a recovery code."""

from base64 import b32encode

from django.contrib import admin
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff_auth.forms import CodeForm
from staff_auth.qr import qr_svg
from staff_auth.rules import has_authenticator

RECOVERY_CODES = 10


def new_recovery_codes(user):
    """Replace the user's recovery codes with fresh ones; each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def grouped(text, size=4):
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


@method_decorator(never_cache, name="dispatch")
class SecondFactorPage(LoginRequiredMixin, FormView):
    form_class = CodeForm
    login_url = reverse_lazy("admin:login")

    def get_context_data(self, **kwargs):
        context = admin.site.each_context(self.request)
        return {**context, **super().get_context_data(**kwargs), "title": self.title}

    def next_page(self):
        wanted = self.request.GET.get("next", "")
        safe = url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={self.request.get_host()}, require_https=False
        )
        return wanted if safe and wanted else reverse("admin:index")


class SetupView(SecondFactorPage):
    """A QR code and the key in text; the first code from the app confirms it."""

    template_name = "staff_auth/setup.html"

    @property
    def title(self):
        return _("Set up two-factor sign-in")

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and has_authenticator(user) and not user.is_verified():
            # Replacing a second factor takes the one in hand (or a recovery code).
            return redirect(f"{reverse('staff_auth:verify')}?next={request.path}")
        return super().dispatch(request, *args, **kwargs)

    def device(self):
        user = self.request.user
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)

    def get_context_data(self, **kwargs):
        device = self.device()
        return super().get_context_data(
            qr_code=qr_svg(device.config_url),
            key=grouped(b32encode(device.bin_key).decode()),
            already_set_up=has_authenticator(self.request.user),
            **kwargs,
        )

    def form_valid(self, form):
        device = self.device()
        if not device.verify_token(form.cleaned_data["code"]):
            form.add_error(
                "code",
                _(
                    "That code is not right. Check that the phone's clock is correct and "
                    "type the six digits the app shows now."
                ),
            )
            return self.form_invalid(form)
        TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(self.request, device)
        # The page without the QR code: the key it showed is now in use.
        context = SecondFactorPage.get_context_data(
            self, form=form, recovery_codes=new_recovery_codes(device.user)
        )
        context["next_page"] = self.next_page()
        return render(self.request, "staff_auth/recovery_codes.html", context)


class VerifyView(SecondFactorPage):
    """After the password: the code from the app, or one recovery code."""

    template_name = "staff_auth/verify.html"

    @property
    def title(self):
        return _("Two-factor sign-in")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_authenticator(request.user):
            return redirect("staff_auth:setup")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        device = match_token(self.request.user, form.cleaned_data["code"])
        if device is None:
            form.add_error(
                "code",
                _(
                    "That code is not right, or it was used already. Type the six digits "
                    "the app shows now, or one of your recovery codes. After several "
                    "wrong codes, wait a little before the next try."
                ),
            )
            return self.form_invalid(form)
        otp_login(self.request, device)
        return redirect(self.next_page())
