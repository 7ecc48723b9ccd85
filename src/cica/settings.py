"""Settings for CICA Secretariat, read from CICA_* environment variables.

Every variable is documented in the README. The defaults are safe for a local install served on
127.0.0.1; `CICA_ENV=production` switches on the settings for a deployment behind a TLS proxy.
"""

import secrets
from pathlib import Path
from typing import Any

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from cica.core.proxies import parse_networks

PACKAGE_DIR = Path(__file__).resolve().parent

env = environ.Env()

CICA_ENV = env.str("CICA_ENV", default="local")
if CICA_ENV not in {"local", "production"}:
    raise environ.ImproperlyConfigured("CICA_ENV must be 'local' or 'production'")
PRODUCTION = CICA_ENV == "production"

DATA_DIR = Path(env.str("CICA_DATA_DIR", default=str(Path.home() / ".local/share/cica")))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use CICA_SECRET_KEY, else a random key kept in the data folder (created once, owner-only)."""
    if key := env.str("CICA_SECRET_KEY", default=""):
        return key
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env.bool("CICA_DEBUG", default=False)
ALLOWED_HOSTS = env.list("CICA_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CICA_CSRF_TRUSTED_ORIGINS", default=[])
# The reverse proxies whose X-Forwarded-For is believed (cica.core.proxies); none by default, so
# a client cannot choose the address its sign-in attempts count against.
try:
    CICA_TRUSTED_PROXIES = parse_networks(env.list("CICA_TRUSTED_PROXIES", default=[]))
except ValueError as error:
    raise environ.ImproperlyConfigured(f"CICA_TRUSTED_PROXIES: {error}") from error

INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "cica.core",
    "cica.accounts",
    "cica.registry",
    "cica.decisions",
    "cica.meetings",
    "cica.documents",
    "cica.cbm",
    "cica.reference",
    "cica.portal",
    # After CICA's apps, whose templates (the allauth layout) take precedence.
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Caching headers and compression: it sees what every middleware below added to a response.
    "cica.core.conditional.HttpCaching",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cica.accounts.middleware.RequireTwoFactor",
    "cica.core.denials.DenialLog",
    "cica.core.limits.RefuseOversizedBodies",
    "cica.core.unstorable.RefuseUnstorableText",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that its process_exception runs first: a DomainError of a view is its page.
    "cica.core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "cica.urls"
WSGI_APPLICATION = "cica.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "account_login"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# Database: an SQLite file in the data folder unless CICA_DATABASE_URL names another database.
DATABASES = {
    "default": env.db_url("CICA_DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'cica.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE: a write transaction takes the lock at BEGIN, so concurrent read-then-write
        # transactions queue behind the busy timeout instead of failing with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file too, not shared-cache memory, so concurrent tests lock as production does.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
# A worker keeps its connection between requests instead of opening one for each.
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The records cache (cica.core.cache) keys its entries by the head of the audit chain, so no
# entry outlives a change: each worker may keep its own in memory (the default, for one machine),
# or every worker of every machine shares one in Redis when CICA_CACHE_URL names it
# (redis://host:6379/0, rediss:// for TLS, unix:///path/redis.sock).
CICA_CACHE_URL = env.str("CICA_CACHE_URL", default="")
if CICA_CACHE_URL and not CICA_CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise environ.ImproperlyConfigured(
        "CICA_CACHE_URL must be a Redis URL (redis://, rediss:// or unix://), "
        f"not {CICA_CACHE_URL.split('://')[0]!r}"
    )
CACHES: dict[str, dict[str, Any]] = {
    # Shared by every worker, in the database, even when Redis holds the records: sign-in rate
    # limits and used TOTP codes must hold across workers and machines, and must not be evicted
    # when the cache fills with pages or lost when Redis restarts; they are written only at a
    # sign-in, never on a read.
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "cica_cache",
    },
    "records": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "TIMEOUT": 3600,
        # Derived reads and whole public pages (core.conditional), a few MB at most.
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }
    if not CICA_CACHE_URL
    else {
        # Django's RedisCache, for which Redis out of reach is a miss, not an error. Redis bounds
        # its memory itself (maxmemory, allkeys-lru): entries of an old version age out.
        "BACKEND": "cica.core.redis_cache.SharedRecordsCache",
        "LOCATION": CICA_CACHE_URL,
        "KEY_PREFIX": "cica",
        "TIMEOUT": 3600,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
    },
}

# Passwords after OWASP ASVS 5.0 (V6.2): at least 12 characters, any length beyond (a passphrase
# of 64 and more is welcome), no rules of composition; refused if common or like the username.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Accounts (django-allauth): sign-in by username; accounts are made by the Secretariat, never by
# sign-up. Five failed sign-ins to one account within 15 minutes lock it for the rest of them, as
# do ten failed a minute from one address; more than 30 sign-ins a minute from one address get
# 429 (allauth's default).
ACCOUNT_ADAPTER = "cica.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CICA] "
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/15m/key"}
# A TOTP code given within this many seconds counts as a recent step: officers and delegates
# create an API token only after one (allauth's re-authentication with the authenticator).
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Two-factor sign-in: TOTP with recovery codes; officers and delegates must set it up
# (cica.accounts.middleware.RequireTwoFactor).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# TOTP secrets and recovery-code seeds are stored encrypted (cica.accounts.mfa) with the key in
# this file, made by `cica init`: keep it outside the database and its backups.
MFA_ADAPTER = "cica.accounts.mfa.MFAAdapter"
CICA_MFA_KEY_FILE = env.str("CICA_MFA_KEY_FILE", default=str(DATA_DIR / "mfa.key"))
MFA_TOTP_ISSUER = "CICA Secretariat"
# A code of the previous or next 30 seconds is accepted too: clocks drift, people type slowly.
MFA_TOTP_TOLERANCE = 1

# Languages: English and Russian are CICA's working languages (RoP Art. 1.9).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True

# Time: stored in UTC, shown in Astana time. Kazakhstan's single zone (UTC+5 since 2024-03-01)
# is "Asia/Almaty" in the tz database; there is no separate Asia/Astana.
USE_TZ = True
TIME_ZONE = "Asia/Almaty"

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = DATA_DIR / "media"

# The bundled reference data, loaded by `cica init` and `cica load-reference`.
CICA_REFERENCE_PATH = PACKAGE_DIR / "reference" / "data" / "cica.yaml"
CICA_API_MAX_PAGE_SIZE = 200
# A request's body, files aside: room for a document's two texts of core.limits.TEXT characters
# (a million each), sent as JSON that escapes each character in 6 bytes (\uXXXX). Beyond it the
# API answers 413 (core.limits.RefuseOversizedBodies).
DATA_UPLOAD_MAX_MEMORY_SIZE = 13 * 1024 * 1024

# API tokens: how many days a new one lasts unless its owner says otherwise, and at most.
CICA_API_TOKEN_DAYS = env.int("CICA_API_TOKEN_DAYS", default=90)
CICA_API_TOKEN_MAX_DAYS = env.int("CICA_API_TOKEN_MAX_DAYS", default=365)
if not 1 <= CICA_API_TOKEN_DAYS <= CICA_API_TOKEN_MAX_DAYS:
    raise environ.ImproperlyConfigured(
        "CICA_API_TOKEN_DAYS must be at least 1 and at most CICA_API_TOKEN_MAX_DAYS"
    )
# The largest official text the Secretariat may attach to a document.
CICA_UPLOAD_MAX_BYTES = env.int("CICA_UPLOAD_MAX_MB", default=20) * 1024 * 1024
# A DOCX is a zip archive, checked from its directory before anything is inflated: a small file
# can inflate a thousandfold, and parsing 190 MB of XML held a worker for 30 s and 3.7 GB.
CICA_UPLOAD_MAX_INFLATED_BYTES = env.int("CICA_UPLOAD_MAX_INFLATED_MB", default=100) * 1024 * 1024
CICA_UPLOAD_MAX_PARTS = env.int("CICA_UPLOAD_MAX_PARTS", default=1000)
CICA_UPLOAD_MAX_RATIO = env.int("CICA_UPLOAD_MAX_RATIO", default=100)
# The text of a PDF or DOCX is extracted by the worker, in a child process with these limits.
CICA_EXTRACT_MAX_PAGES = env.int("CICA_EXTRACT_MAX_PAGES", default=2000)
CICA_EXTRACT_MEMORY_BYTES = env.int("CICA_EXTRACT_MEMORY_MB", default=1024) * 1024 * 1024
CICA_EXTRACT_SECONDS = env.int("CICA_EXTRACT_SECONDS", default=60)

# Security headers on every response; the rest of the HTTPS settings follow CICA_ENV.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("CICA_SESSION_SECONDS", default=8 * 3600)
# Officers and delegates act on the record: their sessions end sooner (set at sign-in).
CICA_PRIVILEGED_SESSION_SECONDS = env.int("CICA_PRIVILEGED_SESSION_SECONDS", default=2 * 3600)
if PRODUCTION:
    # TLS ends at the reverse proxy, which sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("CICA_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Background tasks (notices, adoptions at deadlines) wait in the database; `cica worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Delegates are reminded this long before a silence deadline.
CICA_REMINDER_HOURS = env.int("CICA_REMINDER_HOURS", default=24)
# The Ed25519 key that signs the audit chain's head (`cica audit keygen PATH`, then
# `cica audit anchor`): a file outside the database, ideally readable by the operator only.
CICA_AUDIT_KEY_FILE = env.str("CICA_AUDIT_KEY_FILE", default="")
# What a 503 asks clients to wait when the database is locked, full or restarting.
CICA_RETRY_AFTER_SECONDS = env.int("CICA_RETRY_AFTER_SECONDS", default=5)
# How long a proxy, a CDN or a browser may show an anonymous page or API read without asking
# again; then a conditional request costs one query (core.conditional).
CICA_PUBLIC_MAX_AGE = env.int("CICA_PUBLIC_MAX_AGE", default=60)
# A kept read (cica.core.kept: the CBM review, the calendar feed, the home page's figures) whose
# last build took longer than this is rebuilt by the worker while its readers get the version
# before; a quicker one is rebuilt on the request that finds it stale.
CICA_KEPT_INLINE_MS = env.int("CICA_KEPT_INLINE_MS", default=250)
# The portal's public address, for links in e-mail.
CICA_SITE_URL = env.str("CICA_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

EMAIL_BACKEND = env.str(
    "CICA_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str("CICA_DEFAULT_FROM_EMAIL", default="secretariat@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("CICA_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
