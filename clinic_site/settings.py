"""Settings for the clinic site: one module, driven by environment variables.

Every variable is documented in `.env.example`. Production is the default: debug is
off unless DJANGO_DEBUG says otherwise, and then the site refuses to start without
its secret key.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from clinic.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from clinic.languages import LANGUAGES as SITE_LANGUAGES

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    return int(os.environ.get(name) or default)


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# --- Core -----------------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production mode (DJANGO_DEBUG off) needs a long "
            "random secret key: export DJANGO_SECRET_KEY=... (see .env.example), or set "
            "DJANGO_DEBUG=true for local development."
        )
    SECRET_KEY = "insecure-key-for-local-development-only"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set. List the site's host names, comma-separated."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# The admin lives outside the language prefixes, at a path that can be moved.
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_prose_editor",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "reversion",
    "clinic",
    "articles",
    "registration",
    "staff_auth",
    "access_log",
    "reviews",
    "feedback",
]

MIDDLEWARE = [
    # Above everything that adds headers to a page, so a kept page is served complete.
    "clinic.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "clinic.middleware.ExtraSecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session passed a second factor?
    "django_otp.middleware.OTPMiddleware",
    "staff_auth.middleware.SecondFactorRequiredMiddleware",
    # Before anything reads a body (the CSRF check reads the form in process_view):
    # refuses bodies the site will not read (clinic/bad_requests.py).
    "clinic.bad_requests.RequestBodyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Axes goes last so that it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinic_site.urls"
WSGI_APPLICATION = "clinic_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clinic.context_processors.clinic",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one connection writes; IMMEDIATE transactions take
    # the write lock up front, so a second writer waits (up to the timeout) instead of
    # failing half-way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("DJANGO_SQLITE_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------

# The default cache holds the page cache's generation number and the rate-limit counters
# (the form's, page feedback's), so every worker process must see the same one: Redis
# when REDIS_URL is set (several servers), otherwise files on this server's disk.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "clinic"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR", str(VAR_DIR / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Rendered pages are kept in each worker's memory, plain, gzip and Brotli; the generation
# number in the shared cache above tells every worker when they are out of date. They
# are also shared, so a new or recycled worker takes a page another worker rendered
# instead of rendering it again: in a cache of their own, so that pages never push out
# the rate-limit counters, and for PAGE_CACHE_SECONDS at most.
if REDIS_URL:
    CACHES["shared-pages"] = {
        **CACHES["default"],
        "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"] + "-pages",
    }
else:
    CACHES["shared-pages"] = {
        **CACHES["default"],
        "LOCATION": CACHES["default"]["LOCATION"] + "-pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
CACHES["pages"] = {
    "BACKEND": "clinic.page_cache.KeptPages",
    "OPTIONS": {"MAX_ENTRIES": env_int("DJANGO_PAGE_CACHE_MAX_PAGES", 1000)},
}

# How long a reading page may be served from the cache. Any content change invalidates
# it (see PAGE_CACHE_CHECK_MS); this only bounds how stale a browser's or proxy's copy
# can get.
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 300)
# How often each worker asks the shared cache whether content changed, in milliseconds:
# a change saved on one server is seen by every worker of every server within this
# time (the worker that saved sees it at once). 0 asks on every request.
PAGE_CACHE_CHECK_MS = env_int("DJANGO_PAGE_CACHE_CHECK_MS", 50)

# --- Authentication and sessions ------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = f"/{ADMIN_URL}login/"

# Staff sessions end after a working day, or when the browser closes.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Two-factor sign-in (staff_auth/): required for every account that can see appointment
# requests. Turn it off only for a trial on your own machine.
TWO_FACTOR_REQUIRED = env_bool("DJANGO_TWO_FACTOR_REQUIRED", True)
# The name authenticator apps show next to the account.
OTP_TOTP_ISSUER = os.environ.get("DJANGO_OTP_ISSUER", "Clinic")

# Brute-force protection on the admin login: five failures lock the user name from that
# address for an hour, counted from the failure that locked it: further tries during the
# lockout do not extend it. A superuser lets someone back in sooner (docs/deploying.md).
AXES_FAILURE_LIMIT = env_int("DJANGO_AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("DJANGO_AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Records of staff logins and failed attempts (user name, address, browser) are deleted
# this many days after the attempt by `purge_login_records` (cron, docs/deploying.md).
LOGIN_RECORDS_RETENTION_DAYS = env_int("DJANGO_LOGIN_RECORDS_RETENTION_DAYS", 90)
AXES_CLIENT_IP_CALLABLE = "clinic.client.client_address"
AXES_USERNAME_CALLABLE = "clinic.client.login_username"
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
# Axes would otherwise log user names and IP addresses.
AXES_VERBOSE = False

# --- Internationalisation -------------------------------------------------------------

LANGUAGE_CODE = DEFAULT_LANGUAGE
LANGUAGES = SITE_LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# The admin's language switch keeps the staff member's choice in a cookie that only the
# admin's pages receive: reading pages stay cookie-free and cached whole.
LANGUAGE_COOKIE_PATH = f"/{ADMIN_URL}"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
TIME_ZONE = "Europe/Vilnius"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = DEFAULT_LANGUAGE
MODELTRANSLATION_LANGUAGES = tuple(LANGUAGE_CODES)
# A missing English text falls back to the Lithuanian one, never to an empty page.
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": (DEFAULT_LANGUAGE,),
    DEFAULT_LANGUAGE: tuple(LANGUAGE_CODES[1:]),
}
# The admin's language tabs need jQuery UI; modeltranslation would load it from a CDN.
# A path relative to the static files is served from here (static/vendor/jquery-ui/).
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# --- Static files and uploads ---------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# Uploaded images are served by Django only for development and single-server trials;
# in production the proxy (nginx) or shared storage serves MEDIA_ROOT.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", DEBUG)

# Request bodies (clinic/bad_requests.py). Forms, the admin's included, stay far below
# Django's 2.5 MB; only signed-in staff may send files (multipart), and at most
# UPLOAD_MAX_BYTES in one request, the size the admin states beside the image field.
# nginx's client_max_body_size (docs/deploying.md) should be the same.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DJANGO_DATA_UPLOAD_MAX_BYTES", 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
UPLOAD_MAX_BYTES = env_int("DJANGO_UPLOAD_MAX_MEGABYTES", 10) * 1024 * 1024
# Uploads larger than this are spooled to a file in FILE_UPLOAD_TEMP_DIR while read.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 365 * 24 * 60 * 60 if not DEBUG else 0

# --- E-mail ---------------------------------------------------------------------------

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where new appointment requests are announced (the e-mail carries no patient data).
RECEPTION_EMAIL = os.environ.get("DJANGO_RECEPTION_EMAIL", "reception@localhost")
# The site's public address, for links in e-mails sent without a web request (cron).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Appointment requests (see docs/reception.md) -------------------------------------

# Accepted requests per client and window; 0 turns the limit off (load tests).
REGISTRATION_RATE_LIMIT = env_int("DJANGO_REGISTRATION_RATE_LIMIT", 5)
REGISTRATION_RATE_WINDOW_SECONDS = env_int("DJANGO_REGISTRATION_RATE_WINDOW_SECONDS", 3600)
# A form sent back sooner than this after it was shown (a robot, or a browser's autofill)
# is kept with status "To check" for reception, with no e-mail (docs/reception.md).
REGISTRATION_MIN_FILL_SECONDS = env_int("DJANGO_REGISTRATION_MIN_FILL_SECONDS", 2)
# Closed and spam requests are anonymised or deleted this many days after handling.
REGISTRATION_RETENTION_DAYS = env_int("DJANGO_REGISTRATION_RETENTION_DAYS", 180)
# Who opened, changed, exported or erased a request is kept this many days (two years).
ACCESS_LOG_RETENTION_DAYS = env_int("DJANGO_ACCESS_LOG_RETENTION_DAYS", 730)

# --- Clinical governance (see docs/articles.md) ----------------------------------------

# true: an article that no clinical reviewer has signed off cannot be published.
REQUIRE_SIGN_OFF_TO_PUBLISH = env_bool("DJANGO_REQUIRE_SIGN_OFF_TO_PUBLISH", False)
# Months from a sign-off to the article's next review, unless the reviewer picks another.
REVIEW_INTERVAL_MONTHS = env_int("DJANGO_REVIEW_INTERVAL_MONTHS", 12)
# send_review_reminders writes this many days before a review falls due.
REVIEW_REMINDER_DAYS = env_int("DJANGO_REVIEW_REMINDER_DAYS", 30)

# --- Page feedback (see docs/articles.md) ---------------------------------------------

# Answers accepted per client and window; 0 turns the limit off.
FEEDBACK_RATE_LIMIT = env_int("DJANGO_FEEDBACK_RATE_LIMIT", 10)
FEEDBACK_RATE_WINDOW_SECONDS = env_int("DJANGO_FEEDBACK_RATE_WINDOW_SECONDS", 3600)

# --- Security -------------------------------------------------------------------------

# The site runs behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many trusted proxies append to X-Forwarded-For; the client's address is the one the
# outermost of them saw (clinic/client.py).
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer probes the health check over plain HTTP: it answers there, no redirect.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A form sent without its CSRF cookie gets a short page in the visitor's language.
CSRF_FAILURE_VIEW = "clinic.bad_requests.csrf_failure"
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# "preload" asks to be listed in browsers' built-in HTTPS-only list (hstspreload.org): a
# commitment for the whole domain and its subdomains that takes months to undo. Off
# until the clinic chooses it (docs/deploying.md).
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
# `check --deploy` warns (security.W021) while preload is off: off is the choice here.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# No inline scripts anywhere; JSON-LD blocks are data, not scripts, and CSP leaves them be.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Logging --------------------------------------------------------------------------

# Logs go to stderr for the process manager. They never carry personal data: requests
# are not logged with their bodies, and the form's data stays in the database. A refused
# request (any 4xx) is one line, without the traceback Django would attach.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line": {"()": "clinic.bad_requests.OneLinePerClientError"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["one_line"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "ERROR"},
    },
}
