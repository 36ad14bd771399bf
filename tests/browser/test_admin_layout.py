"""Admin pages that must fit the clinic's screens: the editors' article list with the
sidebar open (long topic names included), and the login box's header."""

import pytest

from tests.articles.factories import ArticleFactory, TopicFactory
from tests.browser.conftest import STAFF_PASSWORD
from tests.browser.pages import log_into_admin
from tests.browser.test_reception_morning import fits_without_sideways_scrolling

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 1280])
def test_every_article_column_is_in_view_with_the_sidebar_open(
    open_page, clinic, staff_member, width
):
    topic = TopicFactory(name_lt="Procedūros kontroliuojant ultragarsu ir kiti gydymo būdai")
    ArticleFactory(topic=topic, title_lt="Trigerinio taško injekcijos rizika ir poveikis")
    page = open_page(locale="lt-LT", viewport={"width": width, "height": 900})
    log_into_admin(page, staff_member("Editors"), STAFF_PASSWORD)
    page.goto("/admin/articles/article/")
    assert page.locator("#nav-sidebar").is_visible()
    page.screenshot(path=f"artifacts/screenshots/article-list-lt-{width}.png", full_page=True)
    assert fits_without_sideways_scrolling(page)


@pytest.mark.parametrize("width", [1366, 390])
def test_the_login_box_keeps_its_title_and_switches_inside(open_page, width):
    page = open_page(locale="lt-LT", viewport={"width": width, "height": 800})
    page.goto("/admin/login/")
    box = page.locator("#container").bounding_box()
    for part in ("#site-name", ".language-switch", ".theme-toggle"):
        inner = page.locator(f"#header {part}").bounding_box()
        assert box["x"] <= inner["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"]
