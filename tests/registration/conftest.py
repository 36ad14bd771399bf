import pytest
from django.conf import settings as django_settings

from tests.registration.factories import PrivacyNoticeFactory, StaffUserFactory


@pytest.fixture(autouse=True)
def private_shared_cache(settings, tmp_path):
    """The shared cache (rate-limit counts) of the configured kind, but this test's own:
    another test run on the machine clearing var/test-cache must not reset a count."""
    default = dict(django_settings.CACHES["default"])
    if default["BACKEND"].endswith("FileBasedCache"):
        default["LOCATION"] = str(tmp_path / "cache")
    settings.CACHES = {**django_settings.CACHES, "default": default}


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
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return log_in
