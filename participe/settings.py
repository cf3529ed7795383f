"""Participe settings: every value comes from the environment (see docs/configuration.md).

The defaults make a bare machine work: SQLite, local-memory cache, a filesystem
Celery transport, e-mails printed on the console.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from participe.core.middleware import CONTENT_SECURITY_POLICY as BASE_CONTENT_SECURITY_POLICY
from participe.env import cache_config, email_config, env_bool, env_int, env_list, env_rates

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PARTICIPE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
HTTPS = env_bool("HTTPS", False)
TESTING = env_bool("PARTICIPE_TESTING", False)  # tests/settings.py turns it on


def _secret_key():
    if key := os.environ.get("SECRET_KEY"):
        return key
    # A bare machine gets a key kept in var/, so sessions survive a restart.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["*"])

INSTALLED_APPS = [
    "participe.instances",
    "participe.accounts",
    "participe.permissions",
    "participe.backoffice",
    "participe.gestion",
    "participe.gestion.website",
    "participe.gestion.community",
    "participe.core",
    "participe.projects",
    "participe.images",
    "participe.site",
    "participe.search",
    "participe.participation",
    "participe.comments",
    "participe.votes",
    "participe.follows",
    "participe.moderation",
    "participe.notifications",
    "participe.actionlog",
    "participe.attachments",
    "participe.forms",
    "participe.exports",
    "participe.translations",
    # Participatory modules: each registers its step types; remove one and the platform still works.
    "participe.modules.consultation",
    "participe.modules.proposals",
    "participe.modules.questionnaires",
    "participe.modules.votations",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rules.apps.AutodiscoverRulesConfig",
    # The rich-text editor's static files (participe/core/richtext_widget.py builds the editor itself).
    "django_prose_editor",
] + env_list("PARTICIPE_EXTRA_APPS", [])

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "participe.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "participe.instances.middleware.InstanceMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The instance's languages only: ?lang=, the cookie, the browser, the default (participe/translations).
    "participe.translations.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Benchmarks serve extra baseline views through their own URLconf (bench/README.md).
ROOT_URLCONF = os.environ.get("PARTICIPE_URLCONF", "participe.urls")
WSGI_APPLICATION = "participe.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "participe" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "participe.instances.context_processors.instance",
                "participe.translations.context_processors.languages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'participe.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get("SQLITE_TEST_NAME") or None

# The hottest lookups (participe.core.prepared) are planned once per connection by PostgreSQL.
PARTICIPE_PREPARED_STATEMENTS = env_bool("PARTICIPE_PREPARED_STATEMENTS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": cache_config(os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL"))}
# With a shared cache (Redis), sessions are read from it and written through to the database: a logged-in
# request then costs no session query, and a cache flush logs nobody out.
_SHARED_CACHE = CACHES["default"]["BACKEND"].endswith("RedisCache")
SESSION_ENGINE = os.environ.get("SESSION_ENGINE") or (
    "django.contrib.sessions.backends.cached_db" if _SHARED_CACHE else "django.contrib.sessions.backends.db"
)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "participe.accounts.backends.InstanceEmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; the suite checks behaviour, not hashing cost.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
ACCOUNT_CONFIRMATION_MAX_AGE = 60 * 60 * 24 * 3

# Password guessing (participe.accounts.throttle): an account's first failures are free, then each
# attempt waits longer (LOGIN_DELAY_BASE seconds, doubling, at most LOGIN_DELAY_MAX); failures are
# forgotten LOGIN_FAILURE_WINDOW seconds after the last one. Per IP, a fixed window (RATE_LIMITS).
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 5)
LOGIN_DELAY_BASE = env_int("LOGIN_DELAY_BASE", 15)
LOGIN_DELAY_MAX = env_int("LOGIN_DELAY_MAX", 10 * 60)
LOGIN_FAILURES_PER_IP = env_int("LOGIN_FAILURES_PER_IP", 30)
LOGIN_FAILURE_WINDOW = env_int("LOGIN_FAILURE_WINDOW", 24 * 60 * 60)

# Every rate limit, one table: group → "hits/period" (period in s, m, h or d: "5/900s" is 5 per 15
# minutes), counted per instance in fixed windows by participe.core.ratelimit. RATE_LIMITS_OVERRIDES
# ("search=300/m,comment=20/m") changes some without editing code.
RATE_LIMITS = env_rates(
    "RATE_LIMITS_OVERRIDES",
    {
        # Accounts (per address: the address typed, whether it has an account or not)
        "login-ip": f"{LOGIN_FAILURES_PER_IP}/15m",
        "register-ip": "10/h",
        "register-address": "3/h",
        "resend-confirmation": "3/h",
        "password-reset-ip": "10/h",
        "password-reset-account": "3/h",
        "email-change-account": "5/h",
        "email-change-ip": "20/h",
        "email-change-address": "3/h",
        # Participation, per account unless the group says otherwise
        "vote": "120/m",
        "comment": "10/m",
        "follow": "60/m",
        "report": "20/h",
        "attach": "30/h",
        "step-requirements": "30/h",
        "event-registration": "30/h",
        "consultation-write": "30/h",
        "debate-anonymous-vote": "10/h",
        "proposal-submit": "10/h",
        "proposal-ballot": "60/m",
        "questionnaire-reply": "300/h",
        "votation-ballot": "20/h",
        "search": "120/m",
    },
)
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or "REMOTE_ADDR"
SILENCED_SYSTEM_CHECKS = [
    # Accounts are unique per (instance, e-mail), enforced by a constraint, not by the field.
    "auth.W004",
    # HSTS preloading binds every subdomain of an institution's domain for years: the operator opts in
    # with SECURE_HSTS_PRELOAD=1, it is not a default.
    "security.W021",
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "participe" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "participe" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Published content's images live in MEDIA_ROOT/public/, served under MEDIA_URL: by the embedded default
# itself, in production by the reverse proxy. Private files (questionnaire answers, attachments, exports)
# live outside any URL and go out only through views that check who asks (participe.core.private_files).
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
# With a reverse proxy: the internal location that serves PRIVATE_MEDIA_ROOT (e.g. /_private/), see
# docs/deployment.md. Empty: Python streams the file itself.
PRIVATE_MEDIA_ACCEL_PREFIX = os.environ.get("PRIVATE_MEDIA_ACCEL_PREFIX", "")
EXPORT_RETENTION_DAYS = env_int("EXPORT_RETENTION_DAYS", 7)
VOTATION_BATCH_MIN = env_int("VOTATION_BATCH_MIN", 10)
STORAGES = {
    "default": {"BACKEND": "participe.core.storage.PublicStorage"},
    "public": {"BACKEND": "participe.core.storage.PublicStorage"},
    "private": {"BACKEND": "participe.core.storage.PrivateStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

globals().update(email_config(os.environ.get("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Participe <no-reply@participe.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Domains the operator has set up to send from (SPF/DKIM): an instance's own sender address must be on one
# of them, otherwise its mail goes out from DEFAULT_FROM_EMAIL's address under the instance's name.
VERIFIED_SENDER_DOMAINS = env_list("VERIFIED_SENDER_DOMAINS", [])
# Links in e-mails: the instance's primary domain, the scheme of HTTPS, and this port when it is not the
# scheme's default (`participe demo` sets the port it serves on).
PUBLIC_PORT = env_int("PUBLIC_PORT", None)

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {}
)
for _folder in ("data_folder_in", "processed_folder", "control_folder"):
    if _folder in CELERY_BROKER_TRANSPORT_OPTIONS:
        # Queued jobs hold e-mail addresses and rendered mails: the folders are the service account's only.
        _path = Path(CELERY_BROKER_TRANSPORT_OPTIONS[_folder])
        _path.mkdir(mode=0o700, parents=True, exist_ok=True)
        for _private in (_path, _path.parent):
            if _private.stat().st_uid == os.getuid():
                _private.chmod(0o700)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", TESTING)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Hosts that are not an instance's domain but should open one (the demo uses them).
PARTICIPE_HOST_ALIASES = {}

# Public statistics (questionnaire results) leave out what fewer people than this answered (0: show all).
PUBLIC_STATS_MIN_COUNT = env_int("PUBLIC_STATS_MIN_COUNT", 5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}, "null": {"class": "logging.NullHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Django logs a refused Host header as an ERROR with its traceback; InstanceMiddleware answers
        # 400 and logs one WARNING line on "participe.security" instead.
        "django.security.DisallowedHost": {"handlers": ["null"], "propagate": False},
    },
}

# Map of proposals (Leaflet files from django-leaflet): the tile server and its attribution. The CSP's
# img-src admits the tile server's origin (also when it is a plain-HTTP server on a local network).
def _leaflet_static():
    """django-leaflet's copy of Leaflet (static/leaflet/), served as /static/leaflet/ without installing
    the app (its admin needs GDAL); find_spec does not import the package."""
    from importlib.util import find_spec

    spec = find_spec("leaflet")
    return [("leaflet", Path(spec.origin).parent / "static" / "leaflet")] if spec else []


STATICFILES_DIRS = [*STATICFILES_DIRS, *_leaflet_static()]
PARTICIPE_MAP_TILES_URL = os.environ.get("PARTICIPE_MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
PARTICIPE_MAP_ATTRIBUTION = os.environ.get("PARTICIPE_MAP_ATTRIBUTION", "© OpenStreetMap contributors")

# Geocoding of typed addresses (participe/core/geocoding.py), in a background job after the save: "ban" (France's
# api-adresse.data.gouv.fr), "nominatim", "none", or a provider class's dotted path. Off in tests (no network).
GEOCODER = os.environ.get("PARTICIPE_GEOCODER", "none" if TESTING else "ban")
GEOCODER_URL = os.environ.get("PARTICIPE_GEOCODER_URL", "")  # empty: the provider's public service
GEOCODER_USER_AGENT = os.environ.get("PARTICIPE_GEOCODER_USER_AGENT", "Participe (participatory democracy platform)")


def _csp_with_tiles(tiles_url):
    """The CSP whose img-src admits the tile server (`{s}.tile…` subdomains as a wildcard)."""
    parts = urlsplit(tiles_url.replace("{s}.", "subdomain."))
    host = parts.netloc.replace("subdomain.", "*.", 1)
    return BASE_CONTENT_SECURITY_POLICY.replace("img-src 'self' data: https:", f"img-src 'self' data: https: {parts.scheme}://{host}")


CONTENT_SECURITY_POLICY = _csp_with_tiles(PARTICIPE_MAP_TILES_URL)
