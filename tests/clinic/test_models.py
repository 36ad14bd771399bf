import pytest

from tests.clinic.factories import ClinicDetailsFactory

pytestmark = pytest.mark.django_db


def test_about_text_keeps_its_formatting_but_loses_any_script():
    pasted = '<p>We <strong>help</strong>.</p><script>alert(1)</script><img onerror="alert(2)">'
    clinic = ClinicDetailsFactory(about_en=pasted)
    clinic.refresh_from_db()
    assert clinic.about_en == "<p>We <strong>help</strong>.</p>"


def test_phone_becomes_a_call_link_in_international_form():
    assert ClinicDetailsFactory.build(phone="8 602 26118").phone_uri == "tel:+37060226118"


def test_a_phone_that_is_no_valid_number_gives_no_call_link():
    assert ClinicDetailsFactory.build(phone="123").phone_uri == ""
