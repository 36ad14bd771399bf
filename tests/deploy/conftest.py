"""The deployment test's fixtures: one deployment for the whole run (tests/deploy/
deployment.py), started before the first test and stopped after the last, whatever
happened. `make test-deploy` runs these tests (`-m deploy`); every other run leaves them
out."""

import shutil
import signal
import tempfile
from pathlib import Path

import pytest

from tests.deploy.deployment import Deployment


def pytest_ignore_collect(collection_path, config):
    """These tests exist only for `pytest -m deploy` (make test-deploy): any other run,
    `-m "not browser"` included, does not even collect them."""
    return config.option.markexpr != "deploy" or None


def _stop_on_sigterm(signum, frame):
    # A time limit (make test-deploy's `timeout`) ends the run like Ctrl-C does, so the
    # servers started here are stopped by the fixtures below.
    raise KeyboardInterrupt(f"signal {signum}")


@pytest.fixture(scope="session")
def deployment(request):
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    # Under /tmp, not pytest's private folder: nginx's unprivileged workers read files here.
    state = Path(tempfile.mkdtemp(prefix="clinic-deploy-"))
    site = Deployment(state)
    started = False
    try:
        site.start()
        started = True
        print(f"\nDeployment on 127.0.0.1: {site.start_figures}")
        yield site
    finally:
        site.stop()
        if not started or request.session.testsfailed:
            print(f"\nThe deployment's files and logs are kept in {state}")
        else:
            shutil.rmtree(state, ignore_errors=True)


@pytest.fixture
def site_db(django_db_blocker):
    """The deployment's own database (DATABASE_URL), read from the test process."""
    from django.db import connection

    with django_db_blocker.unblock():
        yield
        connection.close()


@pytest.fixture
def running_app_servers(deployment):
    """Both app servers are running after the test, even if it stopped one."""
    yield deployment.app_servers
    stopped = [server for server in deployment.app_servers if not server.running]
    for server in stopped:
        server.start()
    if stopped:
        deployment.wait_until_nginx_uses_every_app_server()


# The suite-wide fixtures of tests/conftest.py prepare Django's test settings in this
# process; the deployment has its own settings and files, so here they do nothing.
@pytest.fixture(scope="session", autouse=True)
def collected_static_files():
    yield


@pytest.fixture(scope="session", autouse=True)
def own_cache_folder():
    yield


@pytest.fixture(autouse=True)
def empty_caches():
    yield
