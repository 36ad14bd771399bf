from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from reviews.models import SignOff


class SignOffForm(forms.ModelForm):
    interval_months = forms.IntegerField(
        label=_("Next review in (months)"),
        min_value=1,
        max_value=36,
        help_text=_("12 months unless the topic changes faster."),
    )

    class Meta:
        model = SignOff
        fields = ["reviewer_role_lt", "reviewer_role_en"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interval_months"].initial = settings.REVIEW_INTERVAL_MONTHS
        self.fields["reviewer_role_lt"].required = True
