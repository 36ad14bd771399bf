"""WCAG 2.2 AA, as axe-core checks it, on every page a patient goes through."""

import pytest

from tests.browser.pages import AUDITED_PAGES
from tests.browser.tools import axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["lt", "en"])
@pytest.mark.parametrize("name", AUDITED_PAGES)
def test_page_has_no_wcag_aa_violations(audit_page, site_content, name, language):
    response = AUDITED_PAGES[name](audit_page, language, site_content)
    assert response.ok
    assert axe_violations(audit_page) == []


def test_axe_reports_what_it_should(audit_page, clinic):
    """The test above can fail: a field without a label and grey-on-white text are seen."""
    audit_page.goto("/lt/")
    audit_page.evaluate(
        """() => document.querySelector("main").insertAdjacentHTML("beforeend",
            '<input type="text"><p style="color: #bbb">faint</p>')"""
    )
    found = " ".join(axe_violations(audit_page))
    assert "label" in found
    assert "color-contrast" in found
