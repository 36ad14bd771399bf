import pytest

from tests.registration.conftest import editor, receptionist  # noqa: F401


@pytest.fixture
def signed_in(client):
    """The client after the password step only (no second factor yet), in English."""

    def sign_in(user):
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in
