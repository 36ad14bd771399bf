"""Reception works through new appointment requests in the admin; editors never see them."""

import csv

import pytest
from playwright.sync_api import expect

from registration.models import AppointmentRequest
from tests.browser.conftest import STAFF_PASSWORD
from tests.browser.pages import log_into_admin
from tests.browser.tools import record_errors, save_screenshots
from tests.registration.factories import AppointmentRequestFactory

pytestmark = pytest.mark.browser

REQUESTS_URL = "/admin/registration/appointmentrequest/"
NAMES = {"lt": "Ona Onaitė", "en": "Anne Smith"}


def run_action(page, action):
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")


@pytest.mark.parametrize("language", ["lt", "en"])
def test_receptionist_marks_a_new_request_contacted_and_exports_it(
    open_page, clinic, staff_member, language
):
    request = AppointmentRequestFactory(name=NAMES[language], language=language)
    # A name a spreadsheet would run as a formula if the export let it through.
    AppointmentRequestFactory(name='=HYPERLINK("http://evil.example","x")')
    receptionist = staff_member("Reception")
    page = open_page(locale=language)
    errors = record_errors(page)
    log_into_admin(page, receptionist, STAFF_PASSWORD)

    with page.expect_navigation():
        page.click(f"a[href='{REQUESTS_URL}']")
    row = page.locator("#result_list tr", has_text=NAMES[language])
    expect(row).to_be_visible()
    save_screenshots(page, f"journey-reception-list-{language}")

    row.locator("input.action-select").check()
    with page.expect_navigation():
        run_action(page, "mark_contacted")
    assert page.locator(".messagelist .success").is_visible()
    request.refresh_from_db()
    assert request.status == AppointmentRequest.Status.CONTACTED
    assert request.handled_by == receptionist

    page.check("#action-toggle")
    with page.expect_download() as download:
        run_action(page, "export_csv")
    with open(download.value.path(), encoding="utf-8-sig", newline="") as exported:
        rows = list(csv.reader(exported, delimiter=";"))
    assert len(rows) == 3
    cells = [cell for row in rows[1:] for cell in row]
    assert NAMES[language] in cells
    # Safe in a spreadsheet: no cell starts a formula, the phone and the name included.
    assert "'+37060226118" in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    assert errors == []


def test_an_editor_is_refused_the_appointment_requests(open_page, clinic, staff_member):
    AppointmentRequestFactory()
    page = open_page(locale="en")
    log_into_admin(page, staff_member("Editors"), STAFF_PASSWORD)
    assert page.locator(f"a[href='{REQUESTS_URL}']").count() == 0
    assert page.goto(REQUESTS_URL).status == 403
