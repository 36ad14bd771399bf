from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms.forms import NON_FIELD_ERRORS
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from clinic.phone import to_e164
from registration.models import AppointmentRequest, PrivacyNotice
from registration.spam import FormStamp

SEND_AGAIN = _("Check your details and press “Send request” again.")


class TelephoneInput(forms.TextInput):
    input_type = "tel"


class AppointmentRequestForm(forms.ModelForm):
    """What reception needs to call a patient back, and the patient's consent.

    Besides the patient's fields it carries two the patient never sees: a honeypot
    (`website`) and the signed form stamp (see registration/spam.py).
    """

    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        help_text=_(
            "We will call you on this number, e.g. 8 602 26118 or +370 602 26118. "
            "A number outside Lithuania: start with + and the country code."
        ),
        error_messages={"required": _("Enter your phone number")},
        widget=TelephoneInput(attrs={"autocomplete": "tel"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that the clinic may use these details to contact me about my request"),
        error_messages={
            "required": _(
                "To send the request, tick the box to agree that we may use your details "
                "to contact you"
            )
        },
    )
    # Hidden from people and from screen readers; robots fill in every field they find.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_stamp = forms.CharField(required=False, widget=forms.HiddenInput)
    # The article the patient came from; a value that names no published article is
    # ignored, never shown to the patient as an error.
    article = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = AppointmentRequest
        fields = ["name", "phone", "email", "preferred_time", "topic", "message"]
        labels = {
            "name": _("Full name"),
            "email": _("E-mail address (optional)"),
            "preferred_time": _("When is the best time to call you?"),
            "topic": _("What is it about? (optional)"),
            "message": _("Message (optional)"),
        }
        help_texts = {
            "email": _("Only if you would also like us to write to you."),
            "preferred_time": _("We call on working days, during opening hours."),
            "topic": _("For example, the procedure or the article you read."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            "preferred_time": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "name": {"required": _("Enter your full name")},
            "email": {
                "invalid": _("Enter an e-mail address like name@example.com, or leave it empty")
            },
            "preferred_time": {"required": _("Choose when we should call you")},
            "message": {
                "max_length": _(
                    "Shorten your message to %(limit_value)d characters or fewer "
                    "(it has %(show_value)d)"
                )
            },
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["form_stamp"].initial = FormStamp.issue().signed()
        self.fields["message"].help_text = _(
            "Anything that helps us prepare for the call, in up to %(limit)d characters."
        ) % {"limit": AppointmentRequest.MESSAGE_MAX_LENGTH}
        self.fields["consent"].help_text = format_html(
            _('How we look after your details: <a href="{}">privacy notice</a>.'),
            reverse("registration:privacy"),
        )
        # The browser counts no characters: the limit is in the hint, and a longer
        # (pasted) message comes back with its length instead of being cut silently.
        self.fields["message"].widget.attrs.pop("maxlength", None)
        self.stamp = None
        self.already_sent = False
        self.sent_too_fast = False

    def clean_phone(self):
        phone = to_e164(self.cleaned_data["phone"])
        if phone is None:
            raise ValidationError(
                _(
                    "Enter a phone number we can call, like 8 602 26118 or +370 602 26118. "
                    "For a number outside Lithuania, add + and the country code, "
                    "like +49 30 12345678"
                ),
                code="invalid",
            )
        return phone

    def clean(self):
        cleaned_data = super().clean()
        try:
            self.stamp = FormStamp.read(self.data.get("form_stamp", ""))
        except signing.BadSignature:
            self._send_back(_("We could not check this form."), "stamp_invalid")
            return cleaned_data
        self.already_sent = AppointmentRequest.objects.filter(form_token=self.stamp.token).exists()
        if self.already_sent:
            return cleaned_data
        if self.stamp.is_expired():
            self._send_back(_("This form was open for a long time."), "stamp_expired")
        # Sent faster than anyone types: a robot, or a patient whose browser filled the
        # form in. Nobody real is turned away: the request is kept for reception to judge.
        self.sent_too_fast = self.stamp.is_too_fresh()
        return cleaned_data

    def _send_back(self, problem, code):
        """Ask the patient to send the form again, with a new stamp to send it with."""
        self.add_error(None, ValidationError(f"{problem} {SEND_AGAIN}", code=code))
        self.data = self.data.copy()
        self.data["form_stamp"] = FormStamp.issue().signed()

    def refuse(self, message, code):
        """Turn down a valid form for a reason outside it (e.g. the rate limit)."""
        self.add_error(None, ValidationError(message, code=code))

    def source_article(self):
        article_pk = self.cleaned_data.get("article", "")
        if not article_pk.isdigit():
            return None
        return Article.objects.published().filter(pk=article_pk).first()

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))

    def save(self, commit=True):
        """Store the request with its consent; None if the same form was stored meanwhile."""
        appointment_request = super().save(commit=False)
        appointment_request.form_token = self.stamp.token
        appointment_request.language = translation.get_language()
        appointment_request.consent_given_at = timezone.now()
        notice = PrivacyNotice.objects.current()
        appointment_request.privacy_notice_version = notice.version if notice else ""
        appointment_request.source_article = self.source_article()
        if self.is_spam():
            appointment_request.status = AppointmentRequest.Status.SPAM
        elif self.sent_too_fast:
            appointment_request.status = AppointmentRequest.Status.TO_CHECK
        if not commit:
            return appointment_request
        try:
            with transaction.atomic():
                appointment_request.save()
        except IntegrityError:
            # The same form, sent twice at once: the other copy is stored.
            if AppointmentRequest.objects.filter(form_token=self.stamp.token).exists():
                return None
            raise
        return appointment_request

    def error_summary(self):
        """(anchor, message) for each error, top to bottom; anchor is None for the form's."""
        summary = [(None, message) for message in self.errors.get(NON_FIELD_ERRORS, [])]
        for field in self.visible_fields():
            # A group of radio buttons is reached through its first button.
            anchor = f"{field.auto_id}_0" if field.use_fieldset else field.auto_id
            summary += [(anchor, message) for message in field.errors]
        return summary
