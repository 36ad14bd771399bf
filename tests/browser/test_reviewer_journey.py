"""The clinical reviewer's journey, in the Lithuanian admin: an editor changes the
Lithuanian body, the English is flagged stale, the reviewer sees the diff and signs off,
and the page shows the reviewer's name. A reader then answers "Was this page helpful?"
without getting a cookie."""

import datetime

import pytest
from django.db.models import F
from django.utils import translation

from reviews.models import TextChange
from tests.browser.conftest import STAFF_PASSWORD
from tests.browser.pages import log_into_admin
from tests.browser.tools import record_errors, save_screenshots
from tests.reviews.factories import REVIEWER_PASSWORD, ReviewerFactory, SignOffFactory

pytestmark = pytest.mark.browser

CARET_AT_THE_END = """element => {
    const range = document.createRange();
    range.selectNodeContents(element);
    range.collapse(false);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
}"""
ADDED_SENTENCE = "Skausmą dažnai sustiprina stresas."


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def test_reviewer_sees_the_change_signs_off_and_the_page_names_them(
    open_page, site_content, staff_member
):
    article = site_content.article
    SignOffFactory(article=article)  # reviewed once, by Dr. Jonas Jonaitis
    # Saves in one test may fall within the clock's resolution: the article's texts
    # were written a moment ago.
    TextChange.objects.update(changed_at=F("changed_at") - datetime.timedelta(seconds=5))

    editor = open_page(locale="lt-LT")
    editor_errors = record_errors(editor)
    log_into_admin(editor, staff_member("Editors"), STAFF_PASSWORD)
    editor.goto(change_url(article))
    editor.click("a[href='#tab_id_body_lt']")
    body = editor.locator("#tab_id_body_lt [contenteditable=true]")
    last_paragraph = body.locator("p").last
    last_paragraph.click()
    body.and_(editor.locator(".ProseMirror-focused")).wait_for()
    # The caret at the very end of the text: a click lands wherever a line wraps.
    last_paragraph.evaluate(CARET_AT_THE_END)
    editor.keyboard.press("End")
    editor.keyboard.press("Enter")
    editor.keyboard.type(ADDED_SENTENCE)
    assert body.locator("p").last.inner_text() == ADDED_SENTENCE
    with editor.expect_navigation():
        editor.click("input[name=_continue]")
    assert editor.locator(".messagelist .success").is_visible()
    # The English body is now stale: the form says so, and so does the list.
    assert "Pasenęs" in editor.locator("#tab_id_body_en").inner_text()
    save_screenshots(editor, "journey-editor-stale-lt")
    editor.goto("/admin/articles/article/")
    assert "EN: Tekstas" in editor.locator("#result_list").inner_text()
    assert editor_errors == []

    reviewer = open_page(locale="lt-LT")
    reviewer_errors = record_errors(reviewer)
    log_into_admin(
        reviewer, ReviewerFactory(first_name="Rūta", last_name="Petraitė"), REVIEWER_PASSWORD
    )
    reviewer.goto("/admin/articles/article/?review=changed")
    save_screenshots(reviewer, "journey-reviewer-queue-lt")
    reviewer.get_by_role("link", name=article.title_lt).click()
    reviewer.get_by_role("link", name="Patvirtinti šią versiją").first.click()
    diff = reviewer.locator("table.text-diff")
    assert diff.locator("tbody tr").count() == 1
    assert diff.locator("ins").inner_text() == ADDED_SENTENCE
    save_screenshots(reviewer, "journey-reviewer-sign-off-lt")
    assert reviewer.locator("#id_reviewer_role_lt").input_value() == ""
    reviewer.fill("#id_reviewer_role_lt", "skausmo gydytoja")
    reviewer.fill("#id_reviewer_role_en", "pain physician")
    with reviewer.expect_navigation():
        reviewer.click("input[type=submit]")
    assert reviewer.locator(".messagelist .success").is_visible()
    # The history marks the version the reviewer approved.
    reviewer.get_by_role("link", name="Istorija ir ankstesnės versijos").click()
    history = reviewer.locator("#change-history tbody tr")
    assert "patvirtinta" in history.first.inner_text()
    save_screenshots(reviewer, "journey-reviewer-history-lt")
    assert reviewer_errors == []

    with translation.override("lt"):
        article_url = article.get_absolute_url()
    reader = open_page(locale="lt-LT")
    reader.goto(article_url)
    review_line = reader.locator(".review-status").inner_text()
    assert "Rūta Petraitė, skausmo gydytoja" in review_line
    assert ADDED_SENTENCE in reader.locator(".article-body").inner_text()
    save_screenshots(reader, "journey-reviewer-article-lt")

    # Page feedback works without JavaScript state or a cookie.
    reader.get_by_role("button", name="Ne").click()
    reader.wait_for_url("**/atsiliepimai/**")
    assert reader.locator("h1").inner_text() == "Ačiū už atsakymą"
    reader.fill("textarea[name=comment]", "Trūko apie pratimus. Mano tel. 8 612 34567")
    reader.get_by_role("button", name="Siųsti").click()
    reader.wait_for_load_state()
    save_screenshots(reader, "journey-reader-feedback-lt")
    assert reader.context.cookies() == []
    assert article.feedback.get().comment == "Trūko apie pratimus. Mano tel. […]"
