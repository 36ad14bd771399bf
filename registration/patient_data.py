"""A patient's own data, on request (GDPR Art. 15 and 17): all requests of one phone number
or e-mail address, to export as one file or to erase, from one admin page."""

from functools import partial

from django import forms
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from access_log.models import AccessEvent, record
from clinic.phone import to_e164
from registration.models import AppointmentRequest


class PatientLookupForm(forms.Form):
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    email = forms.EmailField(label=_("E-mail"), required=False)

    def clean_phone(self):
        typed = self.cleaned_data["phone"].strip()
        if typed and not to_e164(typed):
            raise forms.ValidationError(_("This does not look like a phone number."))
        return to_e164(typed) if typed else ""

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("phone") or cleaned.get("email")):
            raise forms.ValidationError(_("Type the patient's phone number or e-mail address."))
        return cleaned


def patient_data_view(model_admin, request):
    """Find a patient's requests; the page's buttons run the list's export and erase."""
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    form = PatientLookupForm(request.GET or None)
    requests = None
    if form.is_valid():
        requests = list(
            AppointmentRequest.objects.of_patient(
                phone=form.cleaned_data["phone"], email=form.cleaned_data["email"]
            ).order_by("created_at")
        )
        record(request.user, AccessEvent.Action.VIEWED, [r.pk for r in requests])
    context = {
        **model_admin.admin_site.each_context(request),
        "title": gettext("A patient's own data"),
        "opts": model_admin.model._meta,
        "form": form,
        "requests": requests,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "appointments/admin/patient_data.html", context)


def patient_data_url(model_admin):
    """The admin URL pattern of the page, for the request admin's get_urls()."""
    view = model_admin.admin_site.admin_view(partial(patient_data_view, model_admin))
    return path("patient-data/", view, name="registration_appointmentrequest_patient_data")
