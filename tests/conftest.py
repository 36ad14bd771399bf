import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from tests.clinic.factories import ClinicDetailsFactory


@pytest.fixture(scope="session", autouse=True)
def collected_static_files(tmp_path_factory):
    """Tests run as production does, with hashed static file names, so they need
    collectstatic's manifest. WhiteNoise reads STATIC_ROOT at the first request.

    Production also pre-compresses every file (gzip and Brotli); that takes most of a
    minute and changes no page, so the tests keep the hashing and skip the compressing.
    """
    from django.conf import settings

    hashed_only = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    override = override_settings(
        STATIC_ROOT=tmp_path_factory.mktemp("static"),
        STORAGES={**settings.STORAGES, "staticfiles": hashed_only},
    )
    override.enable()
    call_command("collectstatic", interactive=False, verbosity=0)
    yield
    override.disable()


@pytest.fixture(scope="session", autouse=True)
def own_cache_folder(tmp_path_factory):
    """The file cache lives in this run's own folder, so two test runs on one machine
    never clear each other's rate-limit counters or page-cache generation."""
    from django.conf import settings

    default = settings.CACHES["default"]
    if default["BACKEND"] != "django.core.cache.backends.filebased.FileBasedCache":
        yield
        return
    own_folder = {**default, "LOCATION": str(tmp_path_factory.mktemp("cache"))}
    with override_settings(CACHES={**settings.CACHES, "default": own_folder}):
        yield


@pytest.fixture(autouse=True)
def empty_caches(settings, tmp_path):
    """Every test starts with empty caches and its own uploads folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def language_restored():
    """The test client leaves the language of the last page it asked for active; each
    test starts with the language the one before it started with."""
    before = translation.get_language()
    yield
    if before is None:
        translation.deactivate_all()
    else:
        translation.activate(before)


@pytest.fixture
def clinic(db):
    return ClinicDetailsFactory()
