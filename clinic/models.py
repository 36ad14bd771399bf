from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from clinic.phone import to_e164
from clinic.rich_text import RichTextField, sanitize_translations


class ClinicDetailsQuerySet(models.QuerySet):
    def current(self):
        """The clinic's details: the one saved row, or blank defaults before any exists."""
        return self.first() or self.model()


class ClinicDetails(models.Model):
    """The clinic's contact details and home-page text, shown on every page.

    There is one row; the admin lets staff edit it but not add a second one.
    """

    name = models.CharField(_("clinic name"), max_length=120)
    phone = models.CharField(
        _("phone"),
        max_length=32,
        help_text=_("As patients should see it, e.g. +370 602 26118. Shown as a call link."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    opening_hours = models.CharField(
        _("opening hours"), max_length=200, blank=True, help_text=_("e.g. Mon–Fri 8:00–18:00")
    )
    contact_sentence = models.CharField(
        _("contact block sentence"),
        max_length=240,
        help_text=_("The invitation at the end of every article, e.g. “Register by phone…”."),
    )
    about = RichTextField(
        _("about the clinic"), blank=True, help_text=_("A short text for the home page.")
    )

    objects = ClinicDetailsQuerySet.as_manager()

    class Meta:
        verbose_name = _("clinic details")
        verbose_name_plural = _("clinic details")

    def __str__(self):
        return self.name or str(_("Clinic details"))

    def save(self, *args, **kwargs):
        sanitize_translations(self, "about")
        super().save(*args, **kwargs)

    def clean(self):
        if to_e164(self.phone) is None:
            raise ValidationError({"phone": _("Enter a valid phone number.")})

    @property
    def directions_url(self):
        """A plain link to directions to the address in a map (the phone's map app opens
        it); the page itself loads no map script and sets no third-party cookie."""
        if not self.address:
            return ""
        return "https://www.google.com/maps/dir/?" + urlencode(
            {"api": "1", "destination": self.address}
        )

    @property
    def phone_uri(self):
        """The phone as a tel: link target in E.164 form, e.g. tel:+37060226118."""
        e164 = to_e164(self.phone)
        return f"tel:{e164}" if e164 else ""


class HelpNowItemQuerySet(models.QuerySet):
    def grouped(self):
        """The lines of the "Get help now" block by what to do, most urgent first:
        [(action, [item, …]), …], leaving out an action without lines."""
        items = list(self)
        return [
            (action, [item for item in items if item.action == action])
            for action in HelpNowItem.Action
            if any(item.action == action for item in items)
        ]


class HelpNowItem(models.Model):
    """One line of the "Get help now" block, which every procedure and aftercare article
    shows (its topic says so): a sign to look out for, and what to do about it."""

    class Action(models.TextChoices):
        # In order of urgency: the block lists them in this order.
        CALL_112 = "call_112", _("Call 112 at once")
        CONTACT_CLINIC = "clinic", _("Contact the clinic, or outside its hours a doctor")
        GOOD_TO_KNOW = "know", _("Good to know (normal, no help needed)")

    action = models.CharField(_("what to do"), max_length=10, choices=Action.choices)
    text = models.CharField(
        _("sign or advice"),
        max_length=300,
        help_text=_("One plain sentence, e.g. “Swelling of the face, lips or throat.”"),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lines are shown from the lowest number.")
    )

    objects = HelpNowItemQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("“Get help now” line")
        verbose_name_plural = _("“Get help now” block")

    def __str__(self):
        return self.text
