"""A new patient on a phone: the call and the form in the first screen, a quick
autofilled request still arrives; and the aftercare prints on A4 with what a patient
needs at home.

The printed pages go to artifacts/print/ as PDF (and PNG where poppler's pdftoppm is
installed) for a person to look at.
"""

import shutil
import subprocess
from io import BytesIO

import pytest
from django.utils import translation
from pypdf import PdfReader

from clinic.models import HelpNowItem
from registration.models import AppointmentRequest
from tests.articles.factories import ArticleFactory, FAQItemFactory, TopicFactory
from tests.browser.pages import fill_in_request, send_request, url
from tests.browser.tools import PROJECT_DIR

pytestmark = pytest.mark.browser

PHONE_SCREEN = {"width": 390, "height": 844}
PRINT_DIR = PROJECT_DIR / "artifacts" / "print"


def first_screen_box(page, selector):
    """The element's box, checked to lie wholly in the first screen."""
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE_SCREEN["height"], box
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_SCREEN["width"], box
    return box


@pytest.mark.parametrize(
    ("language", "call"),
    [("lt", "Skambinkite +370\u00a0602\u00a026118"), ("en", "Call +370\u00a0602\u00a026118")],
)
def test_call_and_form_are_in_the_first_phone_screen_of_every_page_without_javascript(
    open_page, site_content, language, call
):
    page = open_page(viewport=PHONE_SCREEN, java_script_enabled=False, locale=language)
    with translation.override(language):
        article_url = site_content.article.get_absolute_url()
    for path in [
        f"/{language}/",
        url("articles:list", language),
        article_url,
        url("registration:request", language),
        url("registration:privacy", language),
    ]:
        page.goto(path)
        call_link = ".site-header a[href='tel:+37060226118']"
        box = first_screen_box(page, call_link)
        assert page.locator(call_link).inner_text() == call
        assert box["width"] >= 44 and box["height"] >= 44, box
        # One line: the number never wraps inside its button.
        line_height = page.locator(call_link).evaluate(
            "e => parseFloat(getComputedStyle(e).lineHeight)"
        )
        assert box["height"] < 2 * line_height, box
        form_box = first_screen_box(
            page, f".site-header a[href='{url('registration:request', language)}']"
        )
        assert form_box["height"] >= 44, form_box


@pytest.mark.parametrize("language", ["lt", "en"])
def test_patient_whose_browser_fills_the_form_at_once_is_thanked_and_the_request_kept(
    open_page, site_content, settings, language
):
    settings.REGISTRATION_MIN_FILL_SECONDS = 30
    page = open_page(viewport=PHONE_SCREEN, locale=language)
    page.goto(url("registration:request", language))
    fill_in_request(page)
    response = send_request(page)
    assert response.url.endswith(url("registration:thanks", language))
    assert page.locator(".error-summary").count() == 0
    stored = AppointmentRequest.objects.get()
    assert stored.status == AppointmentRequest.Status.TO_CHECK
    assert stored.phone == "+37060226118"


FIRST_SECTION = {
    "lt": "Bent vieną–dvi dienas nekelkite sunkių daiktų.",
    "en": "Do not lift heavy things for at least one to two days.",
}


@pytest.fixture
def aftercare(site_content):
    topic = TopicFactory(shows_help_now=True)
    article = ArticleFactory(
        topic=topic,
        with_image=True,
        body_lt="<h2>Atmintinė</h2>" + f"<p>{FIRST_SECTION['lt']}</p>" * 12,
        body_en="<h2>Aftercare</h2>" + f"<p>{FIRST_SECTION['en']}</p>" * 12,
    )
    FAQItemFactory.create_batch(3, article=article)
    for order, (action, lt, en) in enumerate(
        [
            ("call_112", "Po injekcijos sunku kvėpuoti.", "You are short of breath."),
            ("clinic", "Karščiuojate.", "You have a fever."),
            (
                "know",
                "Tirpimas kelias valandas yra normalus.",
                "Numbness for a few hours is normal.",
            ),
        ]
    ):
        HelpNowItem.objects.create(action=action, order=order, text_lt=lt, text_en=en)
    article.refresh_search_document()
    return article


def printed(page, name):
    """The page printed to A4 as Chromium prints it; kept under artifacts/print/."""
    pdf = page.pdf(format="A4", print_background=True)
    PRINT_DIR.mkdir(parents=True, exist_ok=True)
    path = PRINT_DIR / f"{name}.pdf"
    path.write_bytes(pdf)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", path, PRINT_DIR / name], check=True)
    return PdfReader(BytesIO(pdf))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "lt",
            [
                "Skausmo medicinos klinika",
                "Kada skubiai kreiptis pagalbos",
                "Klinikinė peržiūra dar neatlikta.",
                "Telefonas: +370 602 26118",
            ],
        ),
        (
            "en",
            [
                "Pain Medicine Clinic",
                "Get help now",
                "Clinical review pending.",
                "Phone: +370 602 26118",
            ],
        ),
    ],
)
def test_printed_aftercare_carries_the_clinic_its_address_the_review_line_and_get_help_now(
    open_page, live_server, aftercare, language, expected
):
    page = open_page(locale=language)
    with translation.override(language):
        path = aftercare.get_absolute_url()
    page.goto(path)
    pdf = printed(page, f"aftercare-{language}")
    pages = [p.extract_text() for p in pdf.pages]
    text = " ".join(" ".join(pages).split())
    for words in [*expected, "Pavyzdžio g. 1, Vilnius", f"{live_server.url}{path}"]:
        assert words in text, words
    # No navigation, buttons or relative paths on paper.
    for screen_only in ["/registracija/", "/registration/", "(/", "Skip to main content"]:
        assert screen_only not in text, screen_only
    assert len(pages) <= 4
    # Page 1 is filled, not left half empty: the whole first section (12 paragraphs
    # after the title) is printed on it, with no picture pushing it onwards.
    assert pages[0].count(FIRST_SECTION[language]) == 12


def test_printed_text_is_dark(open_page, aftercare):
    page = open_page()
    page.goto(aftercare.get_absolute_url())
    page.emulate_media(media="print")
    colours = page.evaluate(
        """() => ['.contact-block', '.clinic-address', '.review-status', '.help-now', '.site-name']
            .map(s => getComputedStyle(document.querySelector(s)).color)"""
    )
    assert set(colours) == {"rgb(0, 0, 0)"}, colours


@pytest.mark.parametrize(
    ("language", "contact"),
    [
        (
            "lt",
            "Pavyzdžio g. 1, Vilnius · Telefonas: +370 602 26118 · Darbo laikas: I–V 8:00–18:00",
        ),
        (
            "en",
            "Pavyzdžio g. 1, Vilnius · Phone: +370 602 26118 · Opening hours: Mon–Fri 8:00–18:00",
        ),
    ],
)
def test_printed_aftercare_names_the_clinic_contact_on_page_one_and_ends_with_the_review_line(
    open_page, aftercare, language, contact
):
    page = open_page(locale=language)
    with translation.override(language):
        page.goto(aftercare.get_absolute_url())
    pages = [" ".join(p.extract_text().split()) for p in printed(page, f"contact-{language}").pages]
    assert contact in pages[0]
    # No last page holding only the contact details: the review line is on it.
    review = {"lt": "Klinikinė peržiūra dar neatlikta.", "en": "Clinical review pending."}
    assert review[language] in pages[-1]


@pytest.mark.parametrize(
    ("language", "hours"), [("lt", "I–V 8:00–18:00"), ("en", "Mon–Fri 8:00–18:00")]
)
def test_opening_hours_stay_on_one_line_on_a_phone(open_page, aftercare, language, hours):
    page = open_page(viewport=PHONE_SCREEN, locale=language)
    with translation.override(language):
        page.goto(aftercare.get_absolute_url())
    shown = page.locator(".contact-block").get_by_text(hours, exact=True)
    box = shown.bounding_box()
    line_height = shown.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
    assert box["height"] < 2 * line_height, box
