"""A patient finds an article, reads it and asks the clinic to call back."""

import pytest
from django.urls import reverse
from django.utils import translation

from registration.models import AppointmentRequest
from tests.browser.pages import fill_in_request, send_request
from tests.browser.tools import record_errors, save_screenshots

pytestmark = pytest.mark.browser

SEARCHES = {"lt": "zasto skausmas", "en": "upper arm"}
OTHER_LANGUAGE = {"lt": "en", "en": "lt"}


@pytest.mark.parametrize("language", ["lt", "en"])
def test_patient_reads_an_article_and_requests_a_call(open_page, site_content, language):
    article = site_content.article
    with translation.override(language):
        title, list_url = article.title, reverse("articles:list")
        search_url = reverse("search:search")
        thanks_url = reverse("registration:thanks")
    other = OTHER_LANGUAGE[language]
    # A phone set to the other language.
    page = open_page(locale=other, viewport={"width": 360, "height": 740})
    browser_errors = record_errors(page)

    # Lands on the home page in the phone's language, and switches.
    page.goto("/")
    assert page.url.endswith(f"/{other}/")
    page.click(f".language-switcher a[hreflang={language}]")
    assert page.url.endswith(f"/{language}/")
    assert page.locator("html").get_attribute("lang") == language

    # Finds the article through the list...
    page.click(f".main-nav a[href='{list_url}']")
    page.get_by_role("link", name=title).click()
    assert page.locator("h1").inner_text() == title

    # ...and through search, typing as people do (no diacritics in Lithuanian).
    page.click(f".main-nav a[href='{search_url}']")
    page.fill("#search-q", SEARCHES[language])
    page.press("#search-q", "Enter")
    page.get_by_role("link", name=title).click()
    assert page.locator("h1").inner_text() == title

    # Reads it, opens a question in the FAQ.
    assert page.locator(".article-body h2").count() == 3
    question = page.locator(".faq details").first
    question.locator("summary").click()
    assert question.locator(".faq-answer").is_visible()

    # Follows the contact block at the end of the article to the form.
    page.locator(".article .contact-block a[href*='?article=']").click()
    assert page.input_value("input[name=topic]") == title

    # Makes a mistake in the phone number: told where and how, nothing lost.
    fill_in_request(page, phone="12345")
    send_request(page)
    assert page.locator(".error-summary a[href='#id_phone']").is_visible()
    assert page.locator("#id_phone_error").is_visible()
    assert page.input_value("input[name=name]") == "Ona Onaitė"
    assert page.is_checked("input[name=consent]")
    save_screenshots(page, f"journey-patient-mistake-{language}")

    # Corrects it and sends: thanked, and the request is stored in the patient's language.
    page.fill("input[name=phone]", "+370 602 26118")
    send_request(page)
    assert page.url.endswith(thanks_url)
    assert page.locator("main a[href^='tel:']").first.is_visible()
    request = AppointmentRequest.objects.get()
    assert (request.phone, request.language, request.topic) == ("+37060226118", language, title)
    assert browser_errors == []
