"""An editor writes an article in both languages in the admin, schedules it, publishes
it, and sees it on the site."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article
from tests.articles.factories import png_upload
from tests.browser.conftest import STAFF_PASSWORD
from tests.browser.pages import log_into_admin
from tests.browser.tools import record_errors, save_screenshots

pytestmark = pytest.mark.browser

TEXT = {
    "lt": {
        "title": "Kaklo skausmas prie kompiuterio",
        "summary": "Kodėl sėdint skauda kaklą ir ką daryti.",
        "heading": "Kodėl skauda?",
        "paragraph": "Ilgai sėdint įsitempia trapecinis raumuo.",
        "image_alt": "Žmogus sėdi prie kompiuterio.",
    },
    "en": {
        "title": "Neck pain at the computer",
        "summary": "Why the neck hurts when sitting, and what to do.",
        "heading": "Why does it hurt?",
        "paragraph": "Sitting for long tightens the trapezius muscle.",
        "image_alt": "A person sitting at a computer.",
    },
}


def write_in_tab(page, language):
    """Open each field's tab for the language and write the text, as an editor does."""
    text = TEXT[language]
    for field in ("title", "summary", "image_alt"):
        page.click(f"a[href='#tab_id_{field}_{language}']")
        page.fill(f"#id_{field}_{language}", text[field])
    page.click(f"a[href='#tab_id_body_{language}']")
    page.click(f"#tab_id_body_{language} [contenteditable=true]")
    # The editor turns "## " into a section heading, as the help text asks for.
    page.keyboard.type(f"## {text['heading']}")
    page.keyboard.press("Enter")
    page.keyboard.type(text["paragraph"])


def set_publish_date(page, moment):
    local = timezone.localtime(moment)
    page.fill("#id_publish_at_0", local.strftime("%Y-%m-%d"))
    page.fill("#id_publish_at_1", local.strftime("%H:%M:%S"))


def save_and_continue(page):
    with page.expect_navigation():
        page.click("input[name=_continue]")
    problems = page.locator(".errorlist").all_inner_texts()
    assert page.locator(".messagelist .success").is_visible(), problems


@pytest.mark.parametrize("language", ["lt", "en"])
def test_editor_writes_schedules_and_publishes_an_article(
    open_page, site_content, staff_member, language
):
    admin = open_page(locale=language)
    admin_errors = record_errors(admin)
    log_into_admin(admin, staff_member("Editors"), STAFF_PASSWORD)
    admin.goto("/admin/articles/article/add/")
    write_in_tab(admin, "lt")
    write_in_tab(admin, "en")
    upload = png_upload("neck.png")
    admin.set_input_files(
        "#id_image", files=[{"name": upload.name, "mimeType": "image/png", "buffer": upload.read()}]
    )
    admin.select_option("#id_topic", str(site_content.topics[0].pk))
    admin.select_option("#id_status", Article.Status.PUBLISHED)
    set_publish_date(admin, timezone.now() + datetime.timedelta(days=1))
    save_and_continue(admin)
    save_screenshots(admin, f"journey-editor-admin-{language}")

    article = Article.objects.get(title_lt=TEXT["lt"]["title"])
    assert article.title_en == TEXT["en"]["title"]
    with translation.override(language):
        list_url, article_url = reverse("articles:list"), article.get_absolute_url()

    # Scheduled for tomorrow: patients cannot see it yet.
    patient = open_page(locale=language)
    patient.goto(list_url)
    assert patient.get_by_role("link", name=TEXT[language]["title"]).count() == 0
    assert patient.goto(article_url).status == 404

    # Published now: "view on site" shows it, and a patient finds it in the list, in the
    # patient's language, with its image. (A fresh browser: the first one may keep its
    # copy of the list for a few minutes, as Cache-Control allows.)
    set_publish_date(admin, timezone.now() - datetime.timedelta(minutes=1))
    save_and_continue(admin)
    admin.click("a.viewsitelink")
    admin.wait_for_url(f"**{article_url}")
    assert admin.locator("h1").inner_text() == TEXT[language]["title"]
    patient = open_page(locale=language)
    patient.goto(list_url)
    patient.get_by_role("link", name=TEXT[language]["title"]).click()
    assert patient.locator("h1").inner_text() == TEXT[language]["title"]
    assert patient.locator(".article-body h2").inner_text() == TEXT[language]["heading"]
    assert TEXT[language]["paragraph"] in patient.locator(".article-body").inner_text()
    hero = patient.locator(".article-hero img")
    assert hero.get_attribute("alt") == TEXT[language]["image_alt"]
    assert hero.evaluate("image => image.complete && image.naturalWidth > 0")
    assert admin_errors == []
