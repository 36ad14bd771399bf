"""A receptionist's morning, in Lithuanian at a 1280 px desk: sign in with a second
factor, claim a request, record an unanswered call, find a patient typed without
diacritics, and export one patient's data for an access request."""

import csv

import pytest
from playwright.sync_api import expect

from access_log.models import AccessEvent
from registration.calls import CallAttempt
from registration.models import AppointmentRequest
from tests.browser.conftest import STAFF_PASSWORD
from tests.browser.tools import record_errors
from tests.registration.factories import AppointmentRequestFactory
from tests.staff_auth.sign_in import log_in_with_second_factor

pytestmark = pytest.mark.browser

REQUESTS_URL = "/admin/registration/appointmentrequest/"
SCREENSHOTS = "artifacts/screenshots"
# As long as the form lets a name be (100 characters), so the desk must cut it.
LONG_NAME = ("Aleksandra-Konstancija " + "Žemaitytė-Vaitkevičienė" * 4)[:100]


def run_action(page, action):
    page.select_option("select[name=action]", action)
    with page.expect_navigation():
        page.click("button[name=index]")


def fits_without_sideways_scrolling(page):
    """Neither the page nor the list's own scrolling box is wider than the screen."""
    return page.evaluate(
        """() => [document.documentElement, document.querySelector('#changelist .results')]
            .every(box => box.scrollWidth <= box.clientWidth)"""
    )


def test_a_receptionists_morning(open_page, clinic, staff_member):
    zydrune = AppointmentRequestFactory(name="Žydrūnė Onaitė", phone="+37061122333")
    AppointmentRequestFactory(name="Žydrūnė Onaitė", phone="+37061122333", email="")
    AppointmentRequestFactory(name=LONG_NAME, status=AppointmentRequest.Status.TO_CHECK)
    AppointmentRequestFactory(name="Jonas Petraitis", phone="+37069999999")
    receptionist = staff_member("Reception")
    page = open_page(locale="lt-LT", viewport={"width": 1280, "height": 900})
    errors = record_errors(page)

    # Sign in: the password, then the six digits from the authenticator app.
    log_in_with_second_factor(page, receptionist, STAFF_PASSWORD)
    page.goto(REQUESTS_URL)
    page.screenshot(path=f"{SCREENSHOTS}/reception-morning-desk-lt-1280.png", full_page=True)
    assert fits_without_sideways_scrolling(page), "every column visible at 1280 px"

    # Find the patient typed without diacritics or capitals.
    page.fill("#searchbar", "zydrune onait")
    with page.expect_navigation():
        page.press("#searchbar", "Enter")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("#result_list")).not_to_contain_text("Petraitis")

    # Claim one ("I am calling"), then record that nobody answered.
    rows.filter(has_text="Žydrūnė").first.locator("input.action-select").check()
    run_action(page, "claim")
    expect(page.locator(".messagelist .success")).to_be_visible()
    page.locator("#result_list tbody tr").first.locator("input.action-select").check()
    run_action(page, "call_no_answer")
    page.screenshot(path=f"{SCREENSHOTS}/reception-morning-called-lt-1280.png", full_page=True)
    calls = page.locator("#result_list tbody tr").first.locator("td.field-calls")
    expect(calls).to_contain_text(receptionist.username)
    expect(calls).to_contain_text("1,")
    assert CallAttempt.objects.filter(by=receptionist, outcome="no-answer").count() == 1

    # One patient's own data, as one file, for an access request.
    page.goto(REQUESTS_URL)
    with page.expect_navigation():
        page.click("a[href$='patient-data/']")
    page.fill("#id_phone", "8 611 22333")
    with page.expect_navigation():
        page.click("#patient-lookup [type=submit]")
    expect(page.locator("#patient-requests tbody tr")).to_have_count(2)
    with page.expect_download() as download:
        page.click("button[value=export_csv]")
    with open(download.value.path(), encoding="utf-8-sig", newline="") as exported:
        rows = list(csv.reader(exported, delimiter=";"))
    assert len(rows) == 3
    assert {row[3] for row in rows[1:]} == {"Žydrūnė Onaitė"}
    assert str(zydrune.pk) in {row[0] for row in rows[1:]}

    actions = set(AccessEvent.objects.values_list("action", flat=True))
    assert {"changed", "viewed", "exported"} <= actions
    assert errors == []
