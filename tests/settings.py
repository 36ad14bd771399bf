"""Settings for the test suite: the real settings module, with the defaults a test run
needs, so that `pytest tests/any_file.py::any_test` works with no environment variables.

Production refuses to start without a secret key and host names; the tests supply
throwaway ones. Anything set in the environment (DATABASE_URL, REDIS_URL for the
PostgreSQL and Redis run) still wins.
"""

import os

TEST_DEFAULTS = {
    "DJANGO_SECRET_KEY": "insecure-key-for-tests-only",
    "DJANGO_ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    # The test client speaks plain HTTP.
    "DJANGO_SECURE_SSL_REDIRECT": "false",
}
for name, value in TEST_DEFAULTS.items():
    os.environ.setdefault(name, value)

from clinic_site.settings import *  # noqa: E402, F403
