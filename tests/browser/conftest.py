"""Fixtures for the browser tests.

One headless Debian Chromium for the whole session and a fresh browser context per test,
against pytest-django's live server serving the site as production does: DEBUG off,
static files from WhiteNoise with hashed names.
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from harness import chromium
from tests.articles.factories import ArticleFactory, FAQItemFactory, TopicFactory
from tests.browser.tools import NuHtmlChecker
from tests.registration.factories import PrivacyNoticeFactory, StaffUserFactory

STAFF_PASSWORD = "a-long-staff-passphrase-for-tests"
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def live_server():
    """pytest-django's live server, with static files left to WhiteNoise.

    The stock server answers /static/ from the app folders, which know nothing of the
    hashed names that production pages link to; WhiteNoise serves collectstatic's output.
    """
    server = LiveServer("localhost", start=False)
    server.thread.static_handler = lambda handler: handler
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """Between its calls Playwright's sync API leaves an asyncio loop marked as running
    in this thread. Django then (1) refuses the tests' own ORM calls (fixtures,
    factories) unless DJANGO_ALLOW_ASYNC_UNSAFE is set, and (2) hands out a second set of
    database connections, as it does to async code. The test database's serialized
    contents, which serialized rollbacks restore, hang on the first set: they are passed
    on to the second. The site itself runs in the live server's thread, unaffected."""
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            for alias, contents in serialized.items():
                connections[alias]._test_serialized_contents = contents
            browser = playwright.chromium.launch(
                executable_path=chromium.EXECUTABLE, args=chromium.FLAGS
            )
            yield browser
            browser.close()


@pytest.fixture
def empty_database(django_db_setup, django_db_blocker):
    """A transactional test elsewhere that does not restore the database leaves content
    types re-created under new ids after its flush; the restore below would collide
    with them, so it starts from an empty database."""
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)


@pytest.fixture
def transactional_db(empty_database, transactional_db):
    """pytest-django's, on an empty database (see empty_database)."""


@pytest.fixture
def open_page(browser, live_server, django_db_serialized_rollback):
    """Opens a page in a fresh browser (context): no cookies, Lithuanian preferred unless
    a locale is given, as most patients' phones are.

    Tests against the live server are transactional: the database is emptied after each,
    data migrations' rows (the Editors and Reception groups) included. A serialized
    rollback puts those back before each test.
    """
    contexts = []

    def open_new(locale="lt-LT", **options):
        context = browser.new_context(base_url=live_server.url, locale=locale, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_new
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def audit_page(open_page):
    """A page for axe-core: the site's CSP (script-src 'self') would block the injected
    script, so this browser alone bypasses it. Nothing else runs in it."""
    return open_page(bypass_csp=True)


@pytest.fixture
def staff_member():
    """Makes a member of staff in the given groups who logs in with STAFF_PASSWORD."""

    def make(*groups, **fields):
        return StaffUserFactory(
            groups=list(groups), password=make_password(STAFF_PASSWORD), **fields
        )

    return make


@pytest.fixture(scope="session")
def html_checker():
    checker = NuHtmlChecker()
    yield checker
    checker.stop()


@pytest.fixture(autouse=True)
def form_fill_time_check_off(settings):
    """A request sent back within a few seconds is kept only for reception to check, as
    robots send them; a test types faster than any patient. Every other spam check stays
    on (tests of the quick-send rule set it again)."""
    settings.REGISTRATION_MIN_FILL_SECONDS = 0


@pytest.fixture
def site_content(clinic):
    """A small site: two topics, a featured article with an image, FAQ and a related
    article, another article, and the privacy notice."""
    trigger_points, ultrasound = TopicFactory(), TopicFactory()
    related = ArticleFactory(topic=ultrasound)
    article = ArticleFactory(topic=trigger_points, with_image=True, featured=True)
    FAQItemFactory.create_batch(2, article=article)
    article.related.set([related])
    article.refresh_search_document()
    return SimpleNamespace(
        clinic=clinic,
        article=article,
        related=related,
        topics=[trigger_points, ultrasound],
        privacy_notice=PrivacyNoticeFactory(),
    )
