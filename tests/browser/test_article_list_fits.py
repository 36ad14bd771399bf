"""The editors' article list with the sidebar open: every column in view on the
clinic's screens, long topic names included."""

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
