from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from registration import views

app_name = "registration"

# Mounted at the root of each language (/lt/, /en/): the form under /registration/, the
# privacy notice at its own top-level address. No address carries anything personal.
urlpatterns = [
    path(
        _("registration/"),
        include(
            [
                path("", views.AppointmentRequestView.as_view(), name="request"),
                path(_("thank-you/"), views.ThanksView.as_view(), name="thanks"),
            ]
        ),
    ),
    path(_("privacy/"), views.PrivacyNoticeView.as_view(), name="privacy"),
]
