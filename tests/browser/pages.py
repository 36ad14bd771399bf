"""The pages the accessibility, HTML and layout tests visit, each in a given state.

Each function takes a Playwright page, a language code and the site content, leaves the
browser on that page and returns the HTTP response that served it, so the served HTML
(not the browser's re-serialised DOM) can go to the HTML checker.
"""

from django.urls import reverse
from django.utils import translation

from staff_auth.rules import SEES_HEALTH_DATA, has_authenticator
from tests.staff_auth.sign_in import log_in_with_second_factor


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def home(page, language, content):
    return page.goto(f"/{language}/")


def article_list(page, language, content):
    return page.goto(url("articles:list", language))


def article(page, language, content):
    with translation.override(language):
        return page.goto(content.article.get_absolute_url())


def search(page, language, content):
    # Lithuanian patients type without diacritics: "zasto" must find "žasto".
    query = {"lt": "zasto skausmas", "en": "upper arm"}[language]
    return page.goto(url("search:search", language) + f"?q={query}")


def registration(page, language, content):
    return page.goto(url("registration:request", language) + f"?article={content.article.pk}")


def registration_with_errors(page, language, content):
    registration(page, language, content)
    page.fill("input[name=phone]", "12")
    return send_request(page)


def thanks(page, language, content):
    registration(page, language, content)
    fill_in_request(page)
    return send_request(page)


# Fields are found by name, not label: the Lithuanian labels are the translators' to change.
def fill_in_request(page, phone="8 602 26118"):
    page.fill("input[name=name]", "Ona Onaitė")
    page.fill("input[name=phone]", phone)
    page.check("input[name=preferred_time][value=morning]")
    page.check("input[name=consent]")


def send_request(page):
    with page.expect_navigation() as navigation:
        page.click(".appointment-form button[type=submit]")
    return navigation.value


AUDITED_PAGES = {
    "home": home,
    "article-list": article_list,
    "article": article,
    "search": search,
    "registration": registration,
    "registration-errors": registration_with_errors,
    "thanks": thanks,
}


def log_into_admin(page, user, password):
    """Sign in as a person does: the password, then (if the account needs or has one)
    the code from the authenticator app."""
    if needs_second_factor_to_sign_in(user):
        log_in_with_second_factor(page, user, password)
        return
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("#login-form [type=submit]")
    assert page.url.endswith("/admin/"), "logged in"


def needs_second_factor_to_sign_in(user):
    # Superusers hold every permission, SEES_HEALTH_DATA included.
    return user.has_perm(SEES_HEALTH_DATA) or has_authenticator(user)
