"""The site under real gunicorn workers, for tests of requests sent at the same moment."""

from contextlib import contextmanager

from django.conf import settings

from harness.server import Gunicorn, free_port, manage, site_environment


@contextmanager
def gunicorn_site(state, **settings_env):
    """gunicorn with four workers on its own SQLite database in `state`. It shares this
    process's SECRET_KEY, so a test can sign form stamps as the form would; `settings_env`
    sets the site's environment variables (e.g. DJANGO_REGISTRATION_RATE_LIMIT)."""
    env = site_environment(
        state,
        settings.STATIC_ROOT,
        DJANGO_SECRET_KEY=settings.SECRET_KEY,
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        **settings_env,
    )
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    with Gunicorn(env, free_port(), state / "gunicorn.log", workers=4) as server:
        yield server
