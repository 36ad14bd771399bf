import pytest
from django.core.cache import caches
from django.core.management import call_command

from tests.clinic.factories import ClinicDetailsFactory


@pytest.fixture(scope="session", autouse=True)
def collected_static_files(tmp_path_factory):
    """Tests run as production does, with hashed static file names, so they need
    collectstatic's manifest. WhiteNoise reads STATIC_ROOT at the first request."""
    from django.conf import settings

    settings.STATIC_ROOT = tmp_path_factory.mktemp("static")
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def empty_caches(settings, tmp_path):
    """Every test starts with empty caches and its own uploads folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def clinic(db):
    return ClinicDetailsFactory()
