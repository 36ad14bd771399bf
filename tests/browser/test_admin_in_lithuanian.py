"""Every admin page an editor or a receptionist uses, walked in Chromium with the browser
in Lithuanian: no English string on any of them (tests/browser/english_text.py)."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.factories import png_upload
from tests.browser.conftest import STAFF_PASSWORD
from tests.browser.english_text import english_on_page
from tests.browser.pages import log_into_admin
from tests.registration.factories import AppointmentRequestFactory

pytestmark = pytest.mark.browser

ADMIN = f"/{settings.ADMIN_URL}"


class Walk:
    """Collects the English found on each page the walk passes."""

    def __init__(self, page):
        self.page = page
        self.found = []

    def check(self, where):
        self.found += [f"{where}: {text}" for text in english_on_page(self.page)]

    def visit(self, path, where=None):
        response = self.page.goto(ADMIN + path)
        self.page.wait_for_load_state("load")
        self.check(where or path)
        return response

    def save(self, where, button="input[name=_continue]"):
        with self.page.expect_navigation():
            self.page.click(button)
        self.check(where)

    def run_action(self, action, where):
        self.page.locator("input.action-select").first.check()
        self.page.select_option("select[name=action]", action)
        with self.page.expect_navigation():
            self.page.click("button[name=index]")
        self.check(where)


def walk_rich_text_editor(walk):
    """The body editor's menus and its link dialog."""
    page = walk.page
    editor = page.locator("#tab_id_body_lt .prose-editor")
    editor.locator("[contenteditable=true]").click()
    page.keyboard.type("Nuoroda")
    page.keyboard.press("Shift+Home")
    editor.locator(".prose-menubar__selected").click()
    expect(editor.locator(".prose-menubar__picker")).to_be_visible()
    walk.check("rich-text editor: heading menu")
    page.keyboard.press("Escape")
    editor.locator("button[data-name=link]").click()
    expect(page.locator(".prose-editor-dialog")).to_be_visible()
    walk.check("rich-text editor: link dialog")
    page.locator(".prose-editor-dialog button[type=button]").last.click()


def walk_date_and_time_pickers(walk):
    page = walk.page
    page.click("#calendarlink0")
    expect(page.locator("#calendarbox0")).to_be_visible()
    walk.check("calendar")
    page.keyboard.press("Escape")
    page.click("#clocklink0")
    expect(page.locator("#clockbox0")).to_be_visible()
    walk.check("clock")
    page.keyboard.press("Escape")


def test_an_editor_sees_the_admin_in_lithuanian_only(open_page, site_content, staff_member):
    page = open_page(locale="lt-LT", viewport={"width": 1366, "height": 900})
    walk = Walk(page)
    log_into_admin(page, staff_member("Editors"), STAFF_PASSWORD)
    walk.check("start page")
    article = site_content.article

    walk.visit("articles/article/?status__exact=draft&_facets=True", "article list, counts shown")
    walk.visit("articles/article/")
    walk.run_action("make_draft", "article list after an action")
    walk.visit(f"articles/article/{article.pk}/change/", "article form")
    walk_rich_text_editor(walk)
    walk_date_and_time_pickers(walk)
    page.fill("#id_summary_lt", "")
    walk.save("article form with an error")
    page.set_input_files("#id_image", files=[narrow_png()])
    page.fill("#id_summary_lt", "Santrauka.")
    walk.save("article form with a narrow image")
    walk.visit(f"articles/article/{article.pk}/change/", "article form again")
    walk.save("article saved")
    walk.visit(f"articles/article/{article.pk}/history/", "article history")
    walk.visit(f"articles/article/{article.pk}/delete/", "deleting an article")
    walk.visit("articles/article/add/", "new article")
    walk.visit("articles/topic/", "topic list")
    walk.visit(f"articles/topic/{site_content.topics[0].pk}/change/", "topic form")
    walk.visit("clinic/helpnowitem/", "get help now list")
    walk.visit("clinic/helpnowitem/add/", "get help now form")
    walk.visit("clinic/clinicdetails/", "clinic details")
    walk.save("clinic details saved", "input[name=_save]")
    walk.visit("password_change/", "password change")
    response = walk.visit("registration/appointmentrequest/", "a page outside the role")
    assert response.status == 403
    assert page.locator("#content-main a[href$='/articles/article/']").count() == 1
    assert walk.found == [], "\n".join(walk.found)


def test_a_receptionist_sees_the_admin_in_lithuanian_only(open_page, clinic, staff_member):
    request = AppointmentRequestFactory()
    page = open_page(locale="lt-LT", viewport={"width": 1366, "height": 900})
    walk = Walk(page)
    log_into_admin(page, staff_member("Reception"), STAFF_PASSWORD)
    walk.check("start page")
    walk.visit("registration/appointmentrequest/", "request list")
    walk.visit("registration/appointmentrequest/?q=Ona", "request search")
    walk.run_action("erase_personal_data", "erasing personal data: the question")
    walk.visit("registration/appointmentrequest/", "request list again")
    walk.run_action("mark_contacted", "request list after an action")
    walk.visit(f"registration/appointmentrequest/{request.pk}/change/", "request form")
    walk.save("request saved")
    walk.visit(f"registration/appointmentrequest/{request.pk}/history/", "request history")
    response = walk.visit("articles/article/", "a page outside the role")
    assert response.status == 403
    assert walk.found == [], "\n".join(walk.found)


def test_login_and_lockout_pages_are_in_lithuanian(open_page, clinic, staff_member):
    user = staff_member("Editors")
    page = open_page(locale="lt-LT")
    walk = Walk(page)
    walk.visit("login/?next=/admin/", "login page")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        page.fill("#id_username", user.username)
        page.fill("#id_password", "a wrong password")
        with page.expect_navigation():
            page.click("#login-form [type=submit]")
        walk.check(f"failed login {attempt + 1}")
    assert "Prisijungimas užblokuotas" in page.content()
    assert walk.found == [], "\n".join(walk.found)


def narrow_png():
    upload = png_upload("narrow.png", size=(600, 400))
    return {"name": upload.name, "mimeType": "image/png", "buffer": upload.read()}


def test_a_narrow_image_is_refused_in_the_editors_language(open_page, site_content, staff_member):
    page = open_page(locale="lt-LT")
    log_into_admin(page, staff_member("Editors"), STAFF_PASSWORD)
    page.goto(f"{ADMIN}articles/article/{site_content.article.pk}/change/")
    page.set_input_files("#id_image", files=[narrow_png()])
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert "Šio paveikslėlio plotis – 600 px" in page.locator(".field-image").inner_text()
    article = Article.objects.get(pk=site_content.article.pk)
    assert article.image.name == site_content.article.image.name


def test_the_language_switch_changes_the_admin_alone(open_page, clinic, staff_member):
    page = open_page(locale="lt-LT")
    log_into_admin(page, staff_member("Reception"), STAFF_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    expect(page.locator("#site-name")).to_have_text("Clinic website administration")
    expect(page.locator("#content-main")).to_contain_text("Appointment requests")
    reading_page = page.goto("/lt/")
    assert "django_language" not in (reading_page.request.all_headers().get("cookie") or "")
    assert reading_page.headers.get("set-cookie") is None
    expect(page.locator("html")).to_have_attribute("lang", "lt")
