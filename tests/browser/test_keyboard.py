"""The appointment form works with the keyboard alone, and focus is always visible."""

import pytest
from django.urls import reverse
from django.utils import translation

from registration.models import AppointmentRequest
from tests.browser.pages import registration

pytestmark = pytest.mark.browser

FOCUSED = "document.activeElement"
# The site's focus style: a 3 px outline (WCAG 2.4.7 and 2.4.13 want it plain to see).
FOCUS_IS_VISIBLE = """() => {
    const style = getComputedStyle(document.activeElement);
    return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
}"""
FORM_ORDER = [
    "name",
    "phone",
    "email",
    "preferred_time",
    "topic",
    "message",
    "consent",
    "A",  # the privacy notice, linked beside the consent box
    "submit",
]


def focused_field(page):
    return page.evaluate(f"{FOCUSED}.name || {FOCUSED}.type || {FOCUSED}.tagName")


def tab_to(page, field_name, limit=40):
    """Press Tab until the field has focus, as a keyboard user does."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if focused_field(page) == field_name:
            return
    raise AssertionError(f"Tab never reached {field_name!r}")


def test_skip_link_comes_first_and_jumps_to_the_content(page, site_content):
    registration(page, "lt", site_content)
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert page.evaluate(f"{FOCUSED}.className") == "skip-link"
    assert skip_link.bounding_box()["y"] >= 0, "the focused skip link is on screen"
    assert page.evaluate(FOCUS_IS_VISIBLE)
    page.keyboard.press("Enter")
    assert page.evaluate(f"{FOCUSED}.id") == "main"


@pytest.mark.parametrize("language", ["lt", "en"])
def test_form_is_filled_and_sent_with_the_keyboard_alone(page, site_content, language):
    registration(page, language, site_content)
    tab_to(page, "name")
    order = []
    for step, field in enumerate(FORM_ORDER):
        order.append(focused_field(page))
        assert page.evaluate(FOCUS_IS_VISIBLE), f"no visible focus on {order[-1]}"
        if field == "name":
            page.keyboard.type("Ona Onaitė")
        elif field == "phone":
            page.keyboard.type("8 602 26118")
        elif field == "preferred_time":
            page.keyboard.press("ArrowDown")  # from "any time" to "morning"
        elif field == "consent":
            page.keyboard.press("Space")
        if step < len(FORM_ORDER) - 1:
            page.keyboard.press("Tab")
    assert order == FORM_ORDER
    with page.expect_navigation():
        page.keyboard.press("Enter")
    with translation.override(language):
        assert page.url.endswith(reverse("registration:thanks"))
    request = AppointmentRequest.objects.get()
    assert (request.phone, request.preferred_time) == ("+37060226118", "morning")


def test_after_a_failed_send_focus_lands_on_the_list_of_problems(page, site_content):
    registration(page, "en", site_content)
    tab_to(page, "name")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "error-summary" in page.evaluate(f"{FOCUSED}.className")
    page.keyboard.press("Tab")
    assert page.evaluate(f"{FOCUSED}.getAttribute('href')") == "#id_name"
    assert page.evaluate(FOCUS_IS_VISIBLE)


@pytest.mark.parametrize("path", ["/lt/", "/en/articles/"])
def test_every_link_and_control_shows_focus(page, site_content, path):
    page.goto(path)
    seen = set()
    for _press in range(60):
        page.keyboard.press("Tab")
        element = page.evaluate(f"{FOCUSED}.outerHTML.slice(0, 80)")
        if element in seen or page.evaluate(f"{FOCUSED} === document.body"):
            break
        seen.add(element)
        assert page.evaluate(FOCUS_IS_VISIBLE), f"no visible focus on {element}"
    assert len(seen) > 10
