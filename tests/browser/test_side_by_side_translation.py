"""An editor translates an article with the Lithuanian original in view: both languages
side by side, field by field, at 1366 px; and the writing tools follow the typing."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import STAFF_PASSWORD
from tests.browser.pages import log_into_admin
from tests.browser.tools import SCREENSHOT_DIR, record_errors

pytestmark = pytest.mark.browser

WIDE = {"width": 1366, "height": 900}
SIDE_BY_SIDE = "Rodyti abi kalbas greta"


def open_article_form(open_page, staff_member, article):
    page = open_page(locale="lt-LT", viewport=WIDE)
    log_into_admin(page, staff_member("Editors"), STAFF_PASSWORD)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.wait_for_load_state("load")
    return page


def side_by_side(page, field):
    """The Lithuanian and English boxes of a field: both visible, in one row, LT left."""
    original, translation = page.locator(f"#id_{field}_lt"), page.locator(f"#id_{field}_en")
    expect(original).to_be_visible()
    expect(translation).to_be_visible()
    left, right = original.bounding_box(), translation.bounding_box()
    assert left["x"] + left["width"] <= right["x"], field
    assert abs(left["y"] - right["y"]) < 2, field
    return left, right


def test_an_editor_translates_with_the_original_in_view(open_page, site_content, staff_member):
    article = site_content.article
    page = open_article_form(open_page, staff_member, article)
    errors = record_errors(page)
    expect(page.locator("#id_title_en")).to_be_hidden()  # one language at a time at first

    page.get_by_role("button", name=SIDE_BY_SIDE).click()
    for field in ("title", "summary", "image_alt", "faq_items-0-question"):
        side_by_side(page, field)
    bodies = page.locator(".ui-tabs-panel .prose-editor [contenteditable=true]")
    expect(bodies.nth(0)).to_be_visible()
    for name in ("body", "faq_items-0-answer"):
        lt = page.locator(f"#tab_id_{name}_lt [contenteditable=true]")
        en = page.locator(f"#tab_id_{name}_en [contenteditable=true]")
        expect(lt).to_be_visible()
        expect(en).to_be_visible()
        assert lt.bounding_box()["x"] < en.bounding_box()["x"]
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / "admin-side-by-side-1366.png")

    # The English body is written with the Lithuanian one beside it.
    english_body = page.locator("#tab_id_body_en [contenteditable=true]")
    english_body.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Written beside the original.")
    page.fill("#id_title_en", "A title long enough to need the whole width of its column")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get(pk=article.pk)
    assert "Written beside the original." in article.body_en
    assert article.title_en.startswith("A title long enough")

    # The mode stays on after the save; the one-language view comes back on request.
    side_by_side(page, "title")
    page.get_by_role("button", name="Rodyti po vieną kalbą").click()
    expect(page.locator("#id_title_en")).to_be_hidden()
    expect(page.locator("#id_title_lt")).to_be_visible()
    assert errors == []


def test_the_writing_tools_follow_the_typing_in_each_language(
    open_page, site_content, staff_member
):
    page = open_article_form(open_page, staff_member, site_content.article)
    tools = page.locator(".writing-tools")
    lithuanian, english = tools.locator("p").nth(0), tools.locator("p").nth(1)
    expect(lithuanian).to_contain_text("Lietuvių: skaitymo trukmė 1 min.")
    expect(lithuanian).to_contain_text("LIX indeksas")
    expect(english).to_contain_text("Flesch–Kincaid")
    words_before = lithuanian.inner_text()

    page.locator("#tab_id_body_lt [contenteditable=true]").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Dar vienas sakinys apie skausmą.")
    expect(lithuanian).not_to_have_text(words_before)

    warning = tools.locator(".writing-tools-warning")
    expect(warning).to_be_hidden()
    page.fill("#id_image_alt_lt", "")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Paveikslėlis dar ne visomis kalbomis aprašytas")


def test_the_body_editor_opens_tall_and_long_titles_show_whole(
    open_page, site_content, staff_member
):
    page = open_article_form(open_page, staff_member, site_content.article)
    body = page.locator("#tab_id_body_lt [contenteditable=true]")
    assert body.bounding_box()["height"] >= 300
    title = page.locator("#id_title_lt")
    page.fill("#id_title_lt", "Ką daryti, kai kaklą ir petį skauda jau kelias savaites po darbo")
    assert title.evaluate("input => input.scrollWidth <= input.clientWidth")
