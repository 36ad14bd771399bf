"""The appointment request form, as a patient uses it."""

import html
import re
import time

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from registration.models import AppointmentRequest
from registration.spam import FormStamp
from tests.articles.factories import ArticleFactory
from tests.registration.factories import FormDataFactory

# The clinic's details and its privacy notice, as on the live site.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clinic", "privacy_notice")]


def form_url(language):
    with translation.override(language):
        return reverse("registration:request")


def thanks_url(language):
    with translation.override(language):
        return reverse("registration:thanks")


def in_language(language, message):
    """A message as the site shows it in `language` (whatever the catalogue holds)."""
    with translation.override(language):
        return html.escape(gettext(message), quote=False)


def input_value(content, name):
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', content)
    value = re.search(r'value="([^"]*)"', match.group(0))
    return html.unescape(value.group(1)) if value else ""


@pytest.mark.parametrize("language", ["lt", "en"])
def test_form_page_shows_every_field_with_label_and_autocomplete(client, language):
    response = client.get(form_url(language))
    content = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in content
    assert 'autocomplete="name"' in content
    assert 'type="tel"' in content and 'autocomplete="tel"' in content
    assert 'type="email"' in content and 'autocomplete="email"' in content
    for field in ["name", "phone", "email", "topic", "message", "consent"]:
        assert f'<label for="id_{field}"' in content
    assert 'type="radio" name="preferred_time"' in content
    assert 'aria-describedby="id_phone_helptext"' in content


def test_consent_box_starts_unticked_and_links_to_the_privacy_notice(client):
    content = client.get(form_url("en")).content.decode()
    consent = re.search(r'<input[^>]*name="consent"[^>]*>', content).group(0)
    assert "checked" not in consent
    assert f'href="{reverse("registration:privacy")}"' in content


def test_form_page_is_never_cached_and_carries_the_csrf_cookie(client):
    response = client.get(form_url("lt"))
    assert "no-store" in response["Cache-Control"]
    assert "csrftoken" in response.cookies


def test_honeypot_is_hidden_from_people_and_screen_readers(client):
    content = client.get(form_url("en")).content.decode()
    honeypot = re.search(r'<div class="honeypot" aria-hidden="true">(.*?)</div>', content, re.S)
    assert 'name="website"' in honeypot.group(1)
    assert 'tabindex="-1"' in honeypot.group(1)


@pytest.mark.parametrize("language", ["lt", "en"])
def test_valid_request_is_stored_and_patient_sees_the_thanks_page(client, language):
    response = client.post(form_url(language), FormDataFactory())
    assert response.status_code == 303
    assert response["Location"] == thanks_url(language)
    stored = AppointmentRequest.objects.get()
    assert stored.name == "Jonas Jonaitis"
    assert stored.phone == "+37060226118"
    assert stored.email == "jonas@example.lt"
    assert stored.preferred_time == AppointmentRequest.PreferredTime.AFTERNOON
    assert stored.message == "Prašau paskambinti po pietų."
    assert stored.status == AppointmentRequest.Status.NEW


@pytest.mark.parametrize("language", ["lt", "en"])
def test_request_records_the_language_the_patient_wrote_in(client, language):
    client.post(form_url(language), FormDataFactory())
    assert AppointmentRequest.objects.get().language == language


def test_request_records_when_consent_was_given_and_to_which_notice(client):
    before = time.time()
    client.post(form_url("lt"), FormDataFactory())
    stored = AppointmentRequest.objects.get()
    assert stored.privacy_notice_version == "2026-11-22"
    assert stored.consent_given_at.timestamp() >= before - 1


@pytest.mark.parametrize(
    "typed", ["860226118", "+370 602 26118", "8 602 26118", "8-602-26118", "+37060226118"]
)
def test_lithuanian_phone_numbers_are_accepted_as_patients_type_them(client, typed):
    response = client.post(form_url("lt"), FormDataFactory(phone=typed))
    assert response.status_code == 303
    assert AppointmentRequest.objects.get().phone == "+37060226118"


def test_foreign_number_with_country_code_is_accepted(client):
    client.post(form_url("en"), FormDataFactory(phone="+44 20 7946 0958"))
    assert AppointmentRequest.objects.get().phone == "+442079460958"


@pytest.mark.parametrize(
    ("language", "advice"),
    [
        ("en", "For a number outside Lithuania, add + and the country code, like +49 30 12345678"),
        ("lt", "Jei numeris ne Lietuvos, pridėkite + ir šalies kodą, pvz., +49 30 12345678"),
    ],
)
def test_a_foreign_number_typed_the_local_way_is_told_to_add_the_country_code(
    client, language, advice
):
    response = client.post(form_url(language), FormDataFactory(phone="030 12345678"))
    assert response.status_code == 200
    assert advice in response.content.decode()
    assert not AppointmentRequest.objects.exists()


@pytest.mark.parametrize("language", ["lt", "en"])
def test_message_field_shows_its_limit_and_does_not_cut_a_longer_text(client, language):
    html = client.get(form_url(language)).content.decode()
    hint = re.search(r'<span class="hint" id="id_message_helptext">(.*?)</span>', html).group(1)
    assert "1000" in hint
    textarea = re.search(r"<textarea[^>]*>", html).group(0)
    assert "maxlength" not in textarea
    assert 'aria-describedby="id_message_helptext"' in textarea


@pytest.mark.parametrize("typed", ["12345", "telefonas", "8 602 26118 000"])
def test_a_number_that_cannot_be_called_is_refused_in_english(client, typed):
    response = client.post(form_url("en"), FormDataFactory(phone=typed))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Enter a phone number we can call, like 8 602 26118 or +370 602 26118" in content
    assert not AppointmentRequest.objects.exists()


def test_a_missing_phone_number_is_named_in_lithuanian_next_to_the_field(client):
    response = client.post(form_url("lt"), FormDataFactory(phone=""))
    content = response.content.decode()
    message = in_language("lt", "Enter your phone number")
    assert '<html lang="lt">' in content
    assert re.search(rf'<span class="error-message" id="id_phone_error">.*{message}', content)
    assert f'<a href="#id_phone">{message}</a>' in content


def test_errors_are_listed_at_the_top_linking_to_each_field(client):
    data = FormDataFactory(name="", phone="", consent="", preferred_time="")
    content = client.post(form_url("en"), data).content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', content, re.S).group(0)
    assert 'tabindex="-1" autofocus' in summary
    links = re.findall(r'<a href="#([^"]+)">', summary)
    assert links == ["id_name", "id_phone", "id_preferred_time_0", "id_consent"]
    assert content.index("error-summary") < content.index("<h1>")
    assert "<title>Error:" in content


def test_field_with_an_error_is_marked_invalid_and_described_by_its_message(client):
    content = client.post(form_url("en"), FormDataFactory(name="")).content.decode()
    name_input = re.search(r'<input[^>]*name="name"[^>]*>', content).group(0)
    assert 'aria-invalid="true"' in name_input
    assert 'aria-describedby="id_name_error"' in name_input
    assert "Enter your full name" in content


def test_entered_values_are_kept_when_the_form_comes_back_with_errors(client):
    data = FormDataFactory(phone="12345", name="Petras Petraitis", message="Skauda petį.")
    content = client.post(form_url("lt"), data).content.decode()
    assert input_value(content, "name") == "Petras Petraitis"
    assert input_value(content, "phone") == "12345"
    assert input_value(content, "email") == "jonas@example.lt"
    assert "Skauda petį.</textarea>" in content
    afternoon = re.search(r'<input type="radio"[^>]*value="afternoon"[^>]*>', content).group(0)
    assert "checked" in afternoon


@pytest.mark.parametrize("language", ["lt", "en"])
def test_consent_is_required(client, language):
    response = client.post(form_url(language), FormDataFactory(consent=""))
    message = in_language(
        language,
        "To send the request, tick the box to agree that we may use your details to contact you",
    )
    assert message in response.content.decode()
    assert not AppointmentRequest.objects.exists()


def test_e_mail_address_is_optional_but_checked_when_given(client):
    response = client.post(form_url("en"), FormDataFactory(email="jonas@"))
    assert "Enter an e-mail address like name@example.com, or leave it empty" in (
        response.content.decode()
    )
    response = client.post(form_url("en"), FormDataFactory(email=""))
    assert response.status_code == 303


def test_message_longer_than_the_limit_is_refused_with_its_length(client):
    response = client.post(form_url("en"), FormDataFactory(message="a" * 1001))
    assert "Shorten your message to 1000 characters or fewer (it has 1001)" in (
        response.content.decode()
    )
    assert not AppointmentRequest.objects.exists()


@pytest.mark.parametrize("language", ["lt", "en"])
def test_form_from_an_article_asks_about_that_article_in_the_page_language(client, language):
    article = ArticleFactory(
        title_lt="Trigerinio taško injekcija", title_en="Trigger point injection"
    )
    content = client.get(f"{form_url(language)}?article={article.pk}").content.decode()
    expected = {"lt": "Trigerinio taško injekcija", "en": "Trigger point injection"}[language]
    assert input_value(content, "topic") == expected


@pytest.mark.parametrize("article", ["999999", "abc", "-1"])
def test_an_unknown_article_leaves_the_topic_empty(client, article):
    response = client.get(f"{form_url('en')}?article={article}")
    assert response.status_code == 200
    assert input_value(response.content.decode(), "topic") == ""


def test_a_draft_article_is_not_revealed_through_the_topic(client):
    article = ArticleFactory(status="draft", title_en="Secret draft")
    content = client.get(f"{form_url('en')}?article={article.pk}").content.decode()
    assert "Secret draft" not in content


def test_form_page_does_not_link_to_itself_in_the_contact_block(client):
    content = client.get(form_url("en")).content.decode()
    assert f'href="{form_url("en")}"' not in content.split('<footer class="site-footer">')[1]


def test_redirect_after_sending_reveals_nothing_about_the_patient(client):
    response = client.post(form_url("lt"), FormDataFactory())
    location = response["Location"]
    stored = AppointmentRequest.objects.get()
    assert location == thanks_url("lt")
    assert str(stored.pk) not in location
    assert "Jonas" not in location and "26118" not in location and "?" not in location


def test_sending_the_same_form_twice_stores_one_request(client):
    data = FormDataFactory()
    first = client.post(form_url("lt"), data)
    second = client.post(form_url("lt"), data)
    assert first.status_code == second.status_code == 303
    assert second["Location"] == thanks_url("lt")
    assert AppointmentRequest.objects.count() == 1


def test_two_page_loads_make_two_requests(client):
    client.post(form_url("lt"), FormDataFactory())
    client.post(form_url("lt"), FormDataFactory())
    assert AppointmentRequest.objects.count() == 2


@pytest.mark.parametrize("language", ["lt", "en"])
def test_thanks_page_says_when_to_expect_a_call_and_how_to_call_now(client, language):
    response = client.get(thanks_url(language))
    content = response.content.decode()
    assert response.status_code == 200
    assert in_language(language, "Thank you, we have your request") in content
    when = (
        "Our reception will call you within one working day, at the time you chose where possible."
    )
    assert in_language(language, when) in content
    assert '<a href="tel:+37060226118">+370 602 26118</a>' in content
    assert "112" in content


def test_thanks_page_does_not_offer_the_form_again(client):
    content = client.get(thanks_url("en")).content.decode()
    assert form_url("en") not in content.split("<main", 1)[1].split("</main>")[0]
    assert 'class="contact-block"' not in content


def test_thanks_page_sets_no_cookie_and_is_never_cached(client):
    response = client.get(thanks_url("en"))
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


def test_form_works_before_a_privacy_notice_is_published(client, privacy_notice):
    privacy_notice.delete()
    response = client.post(form_url("lt"), FormDataFactory())
    assert response.status_code == 303
    assert AppointmentRequest.objects.get().privacy_notice_version == ""


def test_a_back_dated_stamp_made_with_the_secret_key_is_accepted(client):
    """How a load-test script makes its own stamps (docs/reception.md)."""
    stamp = FormStamp.issue(issued_at=time.time() - 10).signed()
    response = client.post(form_url("en"), FormDataFactory(form_stamp=stamp))
    assert response.status_code == 303
