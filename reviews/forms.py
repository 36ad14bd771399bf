from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from clinic.languages import DEFAULT_LANGUAGE, localized
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
        fields = list(localized("reviewer_role"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interval_months"].initial = settings.REVIEW_INTERVAL_MONTHS
        self.fields[f"reviewer_role_{DEFAULT_LANGUAGE}"].required = True


class ReviewRulesForm(forms.ModelForm):
    """The article form's review rules: the confirmation that stale translations were
    checked, and (with REQUIRE_SIGN_OFF_TO_PUBLISH) no publishing without a sign-off."""

    translations_checked = forms.BooleanField(
        label=_("I checked the translations marked stale: they are still right"),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if (
            settings.REQUIRE_SIGN_OFF_TO_PUBLISH
            and cleaned.get("status") == Article.Status.PUBLISHED
            and not (self.instance.pk and SignOff.objects.filter(article=self.instance).exists())
        ):
            self.add_error(
                "status",
                _("A clinical reviewer must sign this article off before it is published."),
            )
        return cleaned
