"""What a superuser reads on the admin's index for the sign-in libraries' pages."""

import pytest
from django.contrib.auth import get_user_model

from tests.staff_auth.sign_in import log_in_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_index(client):
    def index(language):
        user = get_user_model().objects.create_superuser("vadove", "vadove@example.lt", "x")
        log_in_with_second_factor(client, user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
        return client.get("/admin/").content.decode()

    return index


def test_the_superuser_finds_the_authenticators_under_lithuanian_names(superuser_index):
    content = superuser_index("lt")
    assert "Autentifikavimo programėlės" in content
    assert "Atsarginių kodų rinkiniai" in content
    assert "Prisijungimų apsauga" in content


def test_no_library_name_is_left_in_english(superuser_index):
    content = superuser_index("lt")
    for english in ("TOTP devices", "Static devices", "Otp_totp", "Otp_static", ">Axes<"):
        assert english not in content


def test_the_english_admin_names_them_in_plain_english(superuser_index):
    assert "Authenticator apps" in superuser_index("en")
