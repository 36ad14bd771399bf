"""Pages fit every screen: a desktop, a 360 px phone, and 320 px, where WCAG 1.4.10
(reflow) asks for no sideways scrolling.

Desktop and phone screenshots land in artifacts/screenshots/ (git-ignored) for a person
to look at.
"""

import pytest

from tests.browser.pages import AUDITED_PAGES
from tests.browser.tools import DESKTOP, PHONE, save_screenshots

pytestmark = pytest.mark.browser

REFLOW = {"width": 320, "height": 640}


@pytest.mark.parametrize("language", ["lt", "en"])
@pytest.mark.parametrize("name", AUDITED_PAGES)
def test_page_fits_the_screen_without_sideways_scrolling(page, site_content, name, language):
    AUDITED_PAGES[name](page, language, site_content)
    for viewport in (REFLOW, PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= viewport["width"], f"{scroll_width} px wide at {viewport}"
    save_screenshots(page, f"{name}-{language}")
