from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from feedback.models import COMMENT_MAX_LENGTH
from feedback.privacy import strip_contact_details

TOKEN_SALT = "feedback.comment"
TOKEN_MAX_AGE_SECONDS = 3600


def comment_token(feedback):
    """Lets the thank-you page add a comment to this one answer, without a cookie."""
    return signing.dumps(feedback.pk, salt=TOKEN_SALT)


class AnswerForm(forms.Form):
    helpful = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))])


class CommentForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=200)
    comment = forms.CharField(
        label=_("What was missing? (optional)"),
        help_text=_(
            "Please do not write your name, phone number or e-mail: we cannot answer here. "
            "Anything that looks like a phone number or e-mail is removed."
        ),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX_LENGTH}),
        error_messages={
            "max_length": _("Please keep it under %(limit_value)d characters."),
            "required": _("Write what was missing, or just close this page."),
        },
    )

    def clean_token(self):
        try:
            return signing.loads(
                self.cleaned_data["token"], salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE_SECONDS
            )
        except signing.BadSignature:
            raise forms.ValidationError(
                _("This page is too old to add a comment. Thank you for your answer.")
            ) from None

    def clean_comment(self):
        return strip_contact_details(self.cleaned_data["comment"].strip())
