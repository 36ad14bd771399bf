import pytest

from tests.registration.factories import StaffUserFactory
from tests.staff_auth.sign_in import log_in_with_second_factor


@pytest.fixture
def receptionist(db):
    return StaffUserFactory(groups=["Reception"])


@pytest.fixture
def superuser(db):
    return StaffUserFactory(is_superuser=True)


@pytest.fixture
def login(client):
    def log_in(user):
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return log_in_with_second_factor(client, user)

    return log_in
