import pytest

from tests.registration.factories import PrivacyNoticeFactory, StaffUserFactory
from tests.staff_auth.sign_in import log_in_with_second_factor


@pytest.fixture
def privacy_notice(db):
    return PrivacyNoticeFactory(version="2026-11-22")


@pytest.fixture
def receptionist(db):
    return StaffUserFactory(groups=["Reception"])


@pytest.fixture
def editor(db):
    # The Editors group comes from the articles app's data migration.
    return StaffUserFactory(groups=["Editors"])


@pytest.fixture
def superuser(db):
    return StaffUserFactory(is_superuser=True)


@pytest.fixture
def login(client):
    def log_in(user):
        # The admin speaks the browser's language; these tests read it in English.
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return log_in_with_second_factor(client, user)

    return log_in
