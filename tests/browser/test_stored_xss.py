"""Stored (and reflected) XSS: classic payloads in every text field that staff or
patients can fill run nowhere, on the public pages or in the admin.

The content is stored through the models' own save(), which runs the same sanitising
as the admin; the patient's fields go through the real form in the browser. Each page is
checked three ways: no dialog opened, the payloads' flag was never set, and the DOM
holds no event-handler attribute, javascript: URL or stray inline script, so the markup
itself is harmless, not just blocked by the Content-Security-Policy.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import Article, FAQItem, Topic
from clinic.models import ClinicDetails
from registration.models import AppointmentRequest, PrivacyNotice
from reviews.models import SignOff
from tests.articles.factories import ArticleFactory, FAQItemFactory, TopicFactory
from tests.browser.conftest import STAFF_PASSWORD
from tests.browser.pages import log_into_admin, send_request
from tests.clinic.factories import ClinicDetailsFactory
from tests.registration.factories import AppointmentRequestFactory, PrivacyNoticeFactory
from tests.reviews.factories import SignOffFactory

pytestmark = pytest.mark.browser

RUN = "window.__xss=1;alert(1)"
PAYLOADS = [
    "<svg onload=alert(1)>",  # short enough for a phone number's field
    f"<script>{RUN}</script>",
    f"<img src=x onerror={RUN}>",
    f"<svg onload={RUN}>",
    f'"><script>{RUN}</script>',
    f"'><img src=x onerror={RUN}>",
    f"</script><script>{RUN}</script>",
    f'<a href="javascript:{RUN}">link</a>',
    f"javascript:{RUN}",
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    f"<details open ontoggle={RUN}>",
    f'<meta http-equiv="refresh" content="0;url=javascript:{RUN}">',
    "{{ 6|add:'7000' }}{% widthratio 9 1 1000 %}",
]
POISON = " ".join(PAYLOADS)
SCRIPT, IMAGE, SVG, BREAKOUT_IMAGE = PAYLOADS[1], PAYLOADS[2], PAYLOADS[3], PAYLOADS[5]
# What the template-injection payload would print, had it been run as a template.
TEMPLATE_OUTPUT = ("7006", "9000")

HARMLESS_MARKUP = """() => {
    const problems = [];
    const urlAttributes = ["href", "src", "action", "formaction", "xlink:href"];
    for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
            if (attribute.name.startsWith("on")) {
                problems.push(`${element.tagName} ${attribute.name}`);
            }
            if (urlAttributes.includes(attribute.name) && /javascript:/i.test(attribute.value)) {
                problems.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
            }
        }
    }
    for (const element of document.querySelectorAll("meta[http-equiv]")) {
        problems.push(element.outerHTML.slice(0, 80));
    }
    const dataTypes = ["application/ld+json", "application/json", "importmap"];
    for (const script of document.scripts) {
        if (!script.src && !dataTypes.includes(script.type)) {
            problems.push(`inline script: ${script.textContent.slice(0, 60)}`);
        }
    }
    for (const element of document.querySelectorAll("iframe, object, embed, base")) {
        problems.push(element.outerHTML.slice(0, 80));
    }
    return problems;
}"""


def poison(model, field):
    """As many payloads as the field holds (PostgreSQL enforces max_length)."""
    limit = model._meta.get_field(field).max_length
    chosen = ""
    for payload in PAYLOADS:
        candidate = f"{chosen} {payload}".strip()
        if limit is None or len(candidate) <= limit:
            chosen = candidate
    return chosen


def poisoned(model, *fields, translated=True):
    """The fields, in both languages where they are translated, hold the payloads."""
    if translated:
        fields = [f"{field}_{code}" for field in fields for code in ("lt", "en")]
    return {name: poison(model, name) for name in fields}


@pytest.fixture
def poisoned_site(open_page):
    clinic = ClinicDetailsFactory(
        **poisoned(ClinicDetails, "phone", "email", translated=False),
        **poisoned(ClinicDetails, "name", "address", "opening_hours", "contact_sentence", "about"),
    )
    topic = TopicFactory(**poisoned(Topic, "name", "description"))
    article = ArticleFactory(
        topic=topic,
        featured=True,
        with_image=True,
        **poisoned(Article, "title", "summary", "body", "image_alt"),
    )
    SignOffFactory(
        article=article,
        **poisoned(SignOff, "reviewer_name", translated=False),
        **poisoned(SignOff, "reviewer_role"),
    )
    FAQItemFactory(article=article, **poisoned(FAQItem, "question", "answer"))
    article.related.set([ArticleFactory(topic=topic, **poisoned(Article, "title", "summary"))])
    article.refresh_search_document()
    notice = PrivacyNoticeFactory(**poisoned(PrivacyNotice, "title", "body"))
    request = AppointmentRequestFactory(
        **poisoned(
            AppointmentRequest, "name", "topic", "message", "email", "staff_notes", translated=False
        )
    )
    return clinic, topic, article, notice, request


def problems_on(page, path):
    """Visit the page and report anything a payload did or left behind."""
    response = page.goto(path)
    page.wait_for_load_state("load")
    problems = page.evaluate(HARMLESS_MARKUP)
    if page.evaluate("window.__xss !== undefined"):
        problems.append("a payload ran")
    text = page.locator("body").inner_text()
    problems += [f"template ran: {out}" for out in TEMPLATE_OUTPUT if out in text]
    if response.status >= 500:
        problems.append(f"server error {response.status}")
    return problems


def watched_page(open_page):
    page = open_page()
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return page


def public_paths(language, topic, article):
    with translation.override(language):
        return [
            f"/{language}/",
            reverse("articles:list"),
            topic.get_absolute_url(),
            article.get_absolute_url(),
            reverse("search:search") + "?q=" + SCRIPT,
            reverse("search:search") + "?q=zasto",
            reverse("registration:request") + f"?article={article.pk}",
            reverse("registration:privacy"),
            f"/{language}/{IMAGE}",
        ]


@pytest.mark.parametrize("language", ["lt", "en"])
def test_no_payload_runs_on_the_public_pages(open_page, poisoned_site, language):
    _clinic, topic, article, _notice, _request = poisoned_site
    page = watched_page(open_page)
    found = {path: problems_on(page, path) for path in public_paths(language, topic, article)}
    assert {path: problems for path, problems in found.items() if problems} == {}
    assert page.dialogs == []


def test_no_payload_runs_in_the_admin(open_page, poisoned_site, staff_member):
    clinic, topic, article, notice, request = poisoned_site
    page = watched_page(open_page)
    log_into_admin(page, staff_member(is_superuser=True), STAFF_PASSWORD)
    paths = [
        "/admin/",
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/articles/topic/",
        f"/admin/articles/topic/{topic.pk}/change/",
        f"/admin/clinic/clinicdetails/{clinic.pk}/change/",
        "/admin/registration/privacynotice/",
        f"/admin/registration/privacynotice/{notice.pk}/change/",
        "/admin/registration/appointmentrequest/",
        f"/admin/registration/appointmentrequest/{request.pk}/change/",
    ]
    found = {path: problems_on(page, path) for path in paths}
    assert {path: problems for path, problems in found.items() if problems} == {}
    assert page.dialogs == []


def test_what_a_patient_types_into_the_form_never_runs_for_reception(
    open_page, poisoned_site, staff_member
):
    patient = watched_page(open_page)
    patient.goto(reverse("registration:request"))
    patient.fill("input[name=name]", BREAKOUT_IMAGE)
    patient.fill("input[name=phone]", "8 602 26118")
    patient.fill("input[name=topic]", SVG)
    patient.fill("textarea[name=message]", POISON)
    patient.check("input[name=consent]")
    send_request(patient)
    request = AppointmentRequest.objects.get(name=BREAKOUT_IMAGE)

    reception = watched_page(open_page)
    log_into_admin(reception, staff_member("Reception"), STAFF_PASSWORD)
    paths = [
        "/admin/registration/appointmentrequest/",
        f"/admin/registration/appointmentrequest/{request.pk}/change/",
    ]
    found = {path: problems_on(reception, path) for path in paths}
    assert {path: problems for path, problems in found.items() if problems} == {}
    assert patient.dialogs == reception.dialogs == []


def test_the_checks_catch_a_payload_that_runs(open_page, clinic):
    """The checks above can fail: an unescaped payload is seen, even under the CSP."""
    page = watched_page(open_page)
    page.goto("/lt/")
    page.evaluate(f"document.body.insertAdjacentHTML('beforeend', {IMAGE!r})")
    assert page.evaluate(HARMLESS_MARKUP) == ["IMG onerror"]
