"""Pages fit every screen: a desktop, a 360 px phone, and 320 px, where WCAG 1.4.10
(reflow) asks for no sideways scrolling.

Desktop and phone screenshots land in artifacts/screenshots/ (git-ignored) for a person
to look at.
"""

import pytest

from tests.browser.pages import AUDITED_PAGES, article_list
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


def test_a_long_topic_name_wraps_in_its_filter_button_with_close_lines(page, site_content):
    long_topic = site_content.topics[0]
    long_topic.name_lt = "Procedūros kontroliuojant ultragarsu ir kitos ilgos temos"
    long_topic.save()
    page.set_viewport_size(PHONE)
    article_list(page, "lt", site_content)
    for link in page.locator(".filter-list a").all():
        box = link.bounding_box()
        assert box["height"] >= 44, box
        line_height, font_size = link.evaluate(
            "e => [getComputedStyle(e).lineHeight, getComputedStyle(e).fontSize].map(parseFloat)"
        )
        assert line_height <= 1.5 * font_size, (line_height, font_size)
