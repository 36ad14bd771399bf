from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _

# The libraries' own names are English and untranslatable ("Otp_totp", "TOTP devices",
# "Axes"): superusers, who remove a lost phone's authenticator there, read these instead.
LIBRARY_NAMES = {
    "otp_totp": (
        _("Two-factor sign-in: authenticator apps"),
        {"totpdevice": (_("authenticator app"), _("authenticator apps"))},
    ),
    "otp_static": (
        _("Two-factor sign-in: recovery codes"),
        {"staticdevice": (_("set of recovery codes"), _("sets of recovery codes"))},
    ),
    "axes": (_("Sign-in protection"), {}),
}


class StaffAuthConfig(AppConfig):
    name = "staff_auth"
    verbose_name = _("Two-factor sign-in")

    def ready(self):
        for label, (app_name, model_names) in LIBRARY_NAMES.items():
            app = apps.get_app_config(label)
            app.verbose_name = app_name
            for model_name, (singular, plural) in model_names.items():
                options = app.get_model(model_name)._meta
                options.verbose_name, options.verbose_name_plural = singular, plural
