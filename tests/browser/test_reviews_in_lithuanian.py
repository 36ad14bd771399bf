"""The clinical-governance pages of the admin, for an editor and a clinical reviewer, and
the feedback pages patients see, hold no English when Lithuanian is asked for (the same
check as test_admin_in_lithuanian.py)."""

import datetime

import pytest
from django.db.models import F
from django.utils import translation

from feedback.models import PageFeedback
from reviews import revisions
from reviews.models import TextChange
from tests.browser.conftest import STAFF_PASSWORD
from tests.browser.english_text import english_on_page
from tests.browser.pages import log_into_admin
from tests.reviews.factories import REVIEWER_PASSWORD, ReviewerFactory, SignOffFactory

pytestmark = pytest.mark.browser


def english_on(page, paths):
    found = []
    for path in paths:
        page.goto(path)
        page.wait_for_load_state("load")
        found += [f"{path}: {text}" for text in english_on_page(page)]
    return found


@pytest.fixture
def reviewed_article(site_content):
    """An article signed off, then changed in Lithuanian (its English is stale), with
    readers' answers."""
    article = site_content.article
    SignOffFactory(article=article)
    TextChange.objects.update(changed_at=F("changed_at") - datetime.timedelta(seconds=5))
    article.summary_lt = "Nauja santrauka apie žasto skausmą."
    article.save()
    revisions.save_revision(article, None, "")
    for helpful in (True, False, False):
        PageFeedback.objects.create(
            article=article, language="lt", helpful=helpful, comment="" if helpful else "Trūko."
        )
    return article


def admin_pages(article):
    base = f"/admin/articles/article/{article.pk}/"
    return [
        "/admin/articles/article/?review=changed",
        "/admin/articles/article/recover/",
        f"{base}change/",
        f"{base}history/",
        f"{base}compare/?old=&new=now",
        f"{base}sign-off/",
        "/admin/reviews/signoff/",
        "/admin/feedback/pagefeedback/",
    ]


def test_an_editor_sees_the_review_pages_in_lithuanian(open_page, reviewed_article, staff_member):
    page = open_page(locale="lt-LT", viewport={"width": 1366, "height": 900})
    log_into_admin(page, staff_member("Editors"), STAFF_PASSWORD)
    found = english_on(page, admin_pages(reviewed_article))
    assert found == [], "\n".join(found)


def test_a_reviewer_sees_the_review_pages_in_lithuanian(open_page, reviewed_article):
    page = open_page(locale="lt-LT", viewport={"width": 1366, "height": 900})
    log_into_admin(page, ReviewerFactory(), REVIEWER_PASSWORD)
    # Not the article form: a reviewer reads it, so its English text is on the page.
    paths = [p for p in admin_pages(reviewed_article) if "recover" not in p and "change" not in p]
    found = english_on(page, paths)
    assert found == [], "\n".join(found)


def test_the_feedback_pages_are_in_lithuanian(open_page, reviewed_article):
    page = open_page(locale="lt-LT")
    with translation.override("lt"):
        page.goto(reviewed_article.get_absolute_url())
    page.get_by_role("button", name="Taip").click()
    page.wait_for_load_state("load")
    found = [f"thank-you: {text}" for text in english_on_page(page)]
    page.locator("form button[type=submit]").last.click()  # nothing written
    page.wait_for_load_state("load")
    found += [f"empty comment: {text}" for text in english_on_page(page)]
    assert page.locator(".error-message").count() == 1
    assert found == []
