"""What visitors and staff do on the site, through any client of tests/deploy/http.py."""

import re

from tests.deploy.deployment import EDITOR
from tests.deploy.http import forms

STYLESHEET = re.compile(r'<link[^>]+rel="stylesheet"[^>]+href="(/static/[^"]+)"')
PATIENT_PHONE = "8 602 26118"


def url(name, *args, language="lt"):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return reverse(name, args=args)


def form_on(response, containing):
    """The page's form that has a field named `containing`."""
    for form in forms(response.text):
        if form.value(containing) is not None or any(k == containing for k, _ in form.fields):
            return form
    raise AssertionError(f"no form with {containing!r} on the page ({response.status})")


def open_request_form(browser):
    response = browser.get(url("registration:request"))
    assert response.status == 200, response.status
    return response, form_on(response, "form_stamp")


def send_appointment_request(browser, name, form=None, timeout=30):
    """A patient fills in the appointment form and sends it: the answer to the POST.
    With `form`, the same filled-in form is sent again (a browser's resend)."""
    if form is None:
        _response, form = open_request_form(browser)
        form.set("name", name)
        form.set("phone", PATIENT_PHONE)
        form.set("preferred_time", "any")
        form.set("consent", "on")
    path = url("registration:request")
    return browser.post(path, form.fields, timeout=timeout), form


def log_in_to_the_admin(browser):
    """An editor signs in; returns the answer to the login POST."""
    login_path = "/admin/login/"
    form = form_on(browser.get(login_path), "username")
    username, password = EDITOR
    form.set("username", username)
    form.set("password", password)
    form.set("next", "/admin/")
    return browser.post(login_path, form.fields)


def errors_on(response):
    """The error messages of an admin or site form, for an assertion's explanation."""
    return re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.text, re.S)
