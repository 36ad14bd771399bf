"""The HTML the site serves is valid, as the Nu Html Checker (vnu) reads it."""

import pytest

from tests.browser.pages import AUDITED_PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["lt", "en"])
@pytest.mark.parametrize("name", AUDITED_PAGES)
def test_served_html_has_no_errors(page, site_content, html_checker, name, language):
    response = AUDITED_PAGES[name](page, language, site_content)
    assert response.ok
    assert html_checker.errors(response.text()) == []


def test_the_checker_reports_broken_html(html_checker):
    """The test above can fail: the checker sees what is wrong."""
    broken = '<!doctype html><html lang="en"><title>x</title><p><div>unclosed</p>'
    assert html_checker.errors(broken)
