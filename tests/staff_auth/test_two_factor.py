"""Two-factor sign-in: who needs it, setting it up, and signing in with it."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.registration.factories import StaffUserFactory
from tests.staff_auth.sign_in import authenticator, current_code, log_in_with_second_factor

pytestmark = pytest.mark.django_db

SETUP = "/admin/two-factor/setup/"
VERIFY = "/admin/two-factor/verify/"
REQUESTS = "/admin/registration/appointmentrequest/"


def setup_key(content):
    return re.search(r'class="two-factor-key">([A-Z2-7 ]+)<', content).group(1)


def test_a_receptionist_without_an_authenticator_reaches_only_the_setup_page(
    signed_in, receptionist
):
    client = signed_in(receptionist)
    for path in ["/admin/", REQUESTS]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(SETUP)
    assert client.get(SETUP).status_code == 200


def test_a_superuser_without_an_authenticator_reaches_only_the_setup_page(signed_in):
    client = signed_in(StaffUserFactory(is_superuser=True))
    assert client.get("/admin/auth/user/")["Location"].startswith(SETUP)


def test_an_editor_works_without_a_second_factor(signed_in, editor):
    assert signed_in(editor).get("/admin/").status_code == 200


def test_an_editor_who_opted_in_must_give_the_code(signed_in, editor):
    authenticator(editor)
    response = signed_in(editor).get("/admin/")
    assert response["Location"].startswith(VERIFY)


def test_the_setup_page_shows_a_qr_code_drawn_on_the_page_and_the_key_in_text(
    signed_in, receptionist
):
    content = signed_in(receptionist).get(SETUP).content.decode()
    assert "<svg" in content and "<?xml" not in content
    assert "otpauth://" not in content  # the key is drawn, not linked anywhere
    key = setup_key(content).replace(" ", "")
    assert len(key) == 32


def test_the_first_code_confirms_the_app_and_shows_recovery_codes_once(signed_in, receptionist):
    client = signed_in(receptionist)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=receptionist, confirmed=False)
    response = client.post(SETUP, {"code": current_code(device)})
    content = response.content.decode()
    assert "These are your recovery codes" in content
    assert StaticToken.objects.filter(device__user=receptionist).count() == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(REQUESTS).status_code == 200


def test_a_wrong_code_is_refused_with_a_clear_message(signed_in, receptionist):
    client = signed_in(receptionist)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=receptionist, confirmed=True).exists()


def test_after_the_password_the_desk_asks_for_the_code_then_opens(signed_in, receptionist):
    device = authenticator(receptionist)
    client = signed_in(receptionist)
    response = client.get(REQUESTS)
    assert response["Location"] == f"{VERIFY}?next={REQUESTS.replace('/', '%2F')}"
    response = client.post(response["Location"], {"code": current_code(device)})
    assert response["Location"] == REQUESTS
    assert client.get(REQUESTS).status_code == 200


def test_a_code_typed_with_a_space_as_the_app_shows_it_works(signed_in, receptionist):
    device = authenticator(receptionist)
    code = current_code(device)
    response = signed_in(receptionist).post(VERIFY, {"code": f"{code[:3]} {code[3:]}"})
    assert response.status_code == 302


def test_a_recovery_code_signs_in_once(signed_in, receptionist, client):
    client = signed_in(receptionist)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=receptionist, confirmed=False)
    client.post(SETUP, {"code": current_code(device)})
    code = StaticToken.objects.filter(device__user=receptionist).first().token
    client.logout()

    signed_in(receptionist)
    assert client.post(VERIFY, {"code": code.upper()}).status_code == 302
    client.logout()
    signed_in(receptionist)
    response = client.post(VERIFY, {"code": code})
    assert "That code is not right, or it was used already" in response.content.decode()


def test_the_next_address_never_leads_off_the_site(signed_in, receptionist):
    device = authenticator(receptionist)
    response = signed_in(receptionist).post(
        f"{VERIFY}?next=https://evil.example/", {"code": current_code(device)}
    )
    assert response["Location"] == "/admin/"


def test_the_setting_turns_the_rule_off_for_a_trial(signed_in, receptionist, settings):
    settings.TWO_FACTOR_REQUIRED = False
    assert signed_in(receptionist).get(REQUESTS).status_code == 200


def test_the_two_factor_pages_are_never_cached(signed_in, receptionist):
    response = signed_in(receptionist).get(SETUP)
    assert "no-store" in response["Cache-Control"]


def test_the_test_helper_signs_in_with_a_verified_device(client, receptionist):
    log_in_with_second_factor(client, receptionist)
    assert client.get(REQUESTS).status_code == 200


def test_after_several_wrong_codes_even_the_right_one_waits(signed_in, receptionist):
    device = authenticator(receptionist)
    client = signed_in(receptionist)
    for _ in range(5):
        client.post(VERIFY, {"code": "000000"})
    response = client.post(VERIFY, {"code": current_code(device)})
    assert response.status_code == 200
    assert "wait a little before the next try" in response.content.decode()


def test_an_editor_finds_the_two_factor_setup_from_every_admin_page(client):
    editor = StaffUserFactory(groups=["Editors"])
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    content = client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse("staff_auth:setup")}"' in content
