from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """ "Was this page helpful?" at the end of each article, and what editors see of it."""

    name = "feedback"
    verbose_name = _("Page feedback")
