import pytest

from tests.registration.factories import StaffUserFactory


@pytest.fixture
def receptionist(db):
    return StaffUserFactory(groups=["Reception"])


@pytest.fixture
def editor(db):
    return StaffUserFactory(groups=["Editors"])


@pytest.fixture
def signed_in(client):
    """The client after the password step only (no second factor yet), in English."""

    def sign_in(user):
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in
