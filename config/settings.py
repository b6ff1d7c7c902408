"""Tyndau settings: one module, driven by the environment (see .env.example).

Zero configuration gives a working development portal on embedded SQLite.
Production sets DEBUG=0, SECRET_KEY, DATABASE_URL (PostgreSQL), REDIS_URL,
ALLOWED_HOSTS and the e-mail variables; `manage.py check --deploy` must be clean.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import os
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from config.env import database_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("TYNDAU_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)
TESTING = env_bool("TYNDAU_TESTING", False)
# One-step petition signing answered before the middleware chain (tyndau/petitions/surge/lane.py, ADR 0009).
TYNDAU_SIGNING_LANE = env_bool("TYNDAU_SIGNING_LANE", True)

# Development only: never used when DEBUG is off (SECRET_KEY is then required).
_DEV_SECRET = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = _DEV_SECRET

# Keys for personal data at rest. IIN_HASH_KEY makes the keyed hash used for
# uniqueness (HMAC-SHA256); FIELD_ENCRYPTION_KEYS are Fernet keys, newest first,
# for the encrypted copy officials may read. Both must be set in production.
IIN_HASH_KEY = env_str("IIN_HASH_KEY", "" if not DEBUG else "dev-only-iin-hash-key")
FIELD_ENCRYPTION_KEYS = env_list(
    "FIELD_ENCRYPTION_KEYS",
    [] if not DEBUG else ["ZGV2LW9ubHktZmllbGQta2V5LTAxMjM0NTY3ODlhYmM="],
)
if not DEBUG and (not IIN_HASH_KEY or not FIELD_ENCRYPTION_KEYS):
    raise ImproperlyConfigured("IIN_HASH_KEY and FIELD_ENCRYPTION_KEYS must be set when DEBUG is off")
if not DEBUG and (len(SECRET_KEY) < 50 or len(IIN_HASH_KEY) < 32):
    # Django's own check (security.W009) asks for 50+ characters; refuse to start instead of warning.
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters and IIN_HASH_KEY at least 32")
for _position, _key in enumerate(FIELD_ENCRYPTION_KEYS, start=1):
    try:
        Fernet(_key.encode())
    except ValueError:
        # Fail at start-up, not at the first encryption of a citizen's IIN.
        raise ImproperlyConfigured(
            f"FIELD_ENCRYPTION_KEYS item {_position} is not a Fernet key (Fernet.generate_key())"
        ) from None

# Ed25519 key that signs the audit log head (tyndau.audit, docs/audit-log.md):
# base64 of the raw 32-byte private key. The development default is derived from
# a public phrase, so anyone can forge it: DEV ONLY, required when DEBUG is off.
AUDIT_SIGNING_KEY = env_str(
    "AUDIT_SIGNING_KEY",
    "" if not DEBUG else base64.b64encode(hashlib.sha256(b"tyndau dev-only audit signing key").digest()).decode(),
)
if not DEBUG and not AUDIT_SIGNING_KEY:
    raise ImproperlyConfigured("AUDIT_SIGNING_KEY must be set when DEBUG is off")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:" + env_str("PORT", "8000")).rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "tyndau.core",
    "tyndau.audit",
    "tyndau.authorities",
    "tyndau.accounts",
    "tyndau.notifications",
    "tyndau.following",
    "tyndau.appeals",
    "tyndau.petitions",
    "tyndau.assemblies",
    "tyndau.associations",
    "tyndau.transparency",
    "tyndau.intermediaries",
    "tyndau.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tyndau.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A declared body over UPLOAD_MAX_REQUEST_BYTES gets a translated 413 before it is read.
    "tyndau.core.uploads.UploadLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Access is denied by default: every public view is marked explicitly.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Opted-in public read-only views read from the replica, if one is configured (tyndau/core/replica.py).
    "tyndau.core.replica.ReplicaMiddleware",
    # The database away (a restart, a failover): a translated 503 with Retry-After, not a 500.
    "tyndau.core.unavailable.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "tyndau.core.context_processors.site",
            ],
        },
    }
]

DATABASE_URL = env_str("DATABASE_URL", "sqlite:///var/tyndau.sqlite3")
DATABASES = {"default": database_from_url(DATABASE_URL, base_dir=str(BASE_DIR))}
# A streaming replica for public read-only pages (tyndau/core/replica.py): unset, everything uses "default".
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = database_from_url(DATABASE_REPLICA_URL, base_dir=str(BASE_DIR))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# A connection straight to the primary when DATABASE_URL goes through PgBouncer in transaction mode: the
# periodic leader's session lock needs a real session (TYNDAU_LEADER_DATABASE=direct; scripts/cluster.py).
DATABASE_DIRECT_URL = env_str("DATABASE_DIRECT_URL", "")
if DATABASE_DIRECT_URL:
    DATABASES["direct"] = database_from_url(DATABASE_DIRECT_URL, base_dir=str(BASE_DIR))
    DATABASES["direct"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["tyndau.core.replica.ReplicaRouter"]
# Reads go to the primary when the replica lags more than this, and for this long after a person writes.
TYNDAU_REPLICA_MAX_LAG_SECONDS = env_int("TYNDAU_REPLICA_MAX_LAG_SECONDS", 5)
TYNDAU_READ_YOUR_WRITES_SECONDS = env_int("TYNDAU_READ_YOUR_WRITES_SECONDS", 30)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "tyndau.core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tyndau",
            # A Redis that is away must cost a request little: the backend then works without it.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
    # Sessions are read from Redis (no database query per signed-in request) but written
    # through to the database too: "cached_db", not "cache", so a Redis flush or outage
    # signs nobody out — the next request falls back to the session table.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tyndau"}}

# Background work: the queue is a database table (ADR 0003). Tests run tasks
# immediately so that "after commit" side effects are observable.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend" if TESTING else "django_tasks_db.DatabaseBackend"
        ),
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["tyndau.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Internationalisation: Kazakh is the state language and the default.
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
LOCALE_PATHS: list[Path] = []  # every app keeps its catalogue in <app>/locale
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True
# Dates, times and numbers in each language's own CLDR formats (Django has none for Kazakh): ADR 0023.
FORMAT_MODULE_PATH = ["tyndau.core.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Development and tests serve static files straight from the apps (no collectstatic step).
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": VAR_DIR / "media"}},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "tyndau.core.storage.StaticFilesStorage"
        )
    },
}
# Attachments are private: never under a public URL, served only through views
# that check access.
MEDIA_URL = "/media-private-not-served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest request body accepted at all (tyndau.core.uploads): five 5 MB attachments and the form.
UPLOAD_MAX_REQUEST_BYTES = env_int("UPLOAD_MAX_REQUEST_BYTES", 26 * 1024 * 1024, minimum=1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# E-mail: console in development, SMTP in production. Mail is always sent by a
# background task after commit, retried on failure (tyndau.notifications).
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
# A sender that died holding an outbox row frees it after this long; another sender then delivers it with
# the same Message-ID (tyndau/notifications/delivery.py). Longer than EMAIL_TIMEOUT by a wide margin.
TYNDAU_MAIL_CLAIM_LEASE_SECONDS = env_int("TYNDAU_MAIL_CLAIM_LEASE_SECONDS", 600, minimum=5)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Tyndau <noreply@tyndau.kz>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people write for help, to report an accessibility barrier or to use their data rights (shown on
# the help, accessibility and privacy pages).
TYNDAU_SUPPORT_EMAIL = env_str("TYNDAU_SUPPORT_EMAIL", "help@tyndau.kz")

# Maps (docs/maps.md, ADR 0036): the tile server as a Leaflet URL template ({z}/{x}/{y}, optional {s}),
# and the attribution its licence requires (shown on every map, linked). The Content-Security-Policy's
# img-src allows exactly this host. The default is OpenStreetMap's own server, whose usage policy does
# not allow heavy use: set this in production (a national or your own OSM-compatible tile server).
# Tests use a local tile fixture served by the test server itself, never the internet.
TYNDAU_MAP_TILES_URL = env_str(
    "TYNDAU_MAP_TILES_URL",
    "/static/tyndau/maps/tile-fixture.png" if TESTING else "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
)
TYNDAU_MAP_ATTRIBUTION = env_str("TYNDAU_MAP_ATTRIBUTION", "© OpenStreetMap contributors")
TYNDAU_MAP_ATTRIBUTION_URL = env_str("TYNDAU_MAP_ATTRIBUTION_URL", "https://www.openstreetmap.org/copyright")
# Text messages (tyndau/intermediaries/sms.py, docs/intermediaries.md): "console" prints them (development),
# "mail" sends them through the e-mail outbox to <digits>@TYNDAU_SMS_MAIL_DOMAIN (an e-mail-to-SMS gateway;
# tests capture them), "disabled" refuses (no provider is built in).
TYNDAU_SMS_BACKEND = env_str("TYNDAU_SMS_BACKEND", "mail" if TESTING else ("console" if DEBUG else "disabled"))
if TYNDAU_SMS_BACKEND not in {"console", "mail", "disabled"}:
    raise ImproperlyConfigured("TYNDAU_SMS_BACKEND must be console, mail or disabled")
TYNDAU_SMS_MAIL_DOMAIN = env_str("TYNDAU_SMS_MAIL_DOMAIN", "sms.invalid")

# Security. HTTPS settings switch on with DEBUG off; `check --deploy` is clean.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
# /healthz answers on plain HTTP too: a load balancer probes the backend directly.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Reverse proxies whose X-Forwarded-For is believed (CIDR list; tyndau/core/client_ip.py, ADR 0020).
# Empty: REMOTE_ADDR is the client. Every per-IP limit reads the address through that one function.
# The database alias whose sessions hold the periodic leader's advisory lock (tyndau/notifications/leader.py);
# it must reach PostgreSQL directly, not through PgBouncer in transaction mode.
TYNDAU_LEADER_DATABASE = env_str("TYNDAU_LEADER_DATABASE", "default")
TYNDAU_TRUSTED_PROXIES = env_list("TYNDAU_TRUSTED_PROXIES", [])
for _network in TYNDAU_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TYNDAU_TRUSTED_PROXIES: {_network!r} is not an IP network (CIDR)") from None

# Login throttling against brute force (tyndau.accounts).
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5, minimum=1)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 900, minimum=1)

# /healthz fails when the task worker or the periodic runner has not written its heartbeat for this long.
HEALTH_STALE_SECONDS = env_int("HEALTH_STALE_SECONDS", 300, minimum=10)

# Demo data may be loaded only in development unless forced (seed_demo --force).
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "tyndau-demo-2026")

LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Request logs carry URLs only; personal data is never put in a URL.
    "loggers": {"django.server": {"level": "WARNING" if TESTING else "INFO"}},
}

VAR_DIR.mkdir(parents=True, exist_ok=True)

# --- Routing suggestions (tyndau.appeals.routing, docs/routing.md) ----------------------
# The model file `train_routing` writes and every process reads lazily; missing = the fallback serves.
# Only ever a file this platform wrote (it is a pickle): never point it at a file from elsewhere.
# Tests never share a model file with `make run` (or with another test process).
_ROUTING_DIR = Path(tempfile.gettempdir()) / f"tyndau-test-routing-{os.getpid()}" if TESTING else VAR_DIR / "routing"
ROUTING_MODEL_PATH = Path(env_str("TYNDAU_ROUTING_MODEL_PATH", str(_ROUTING_DIR / "model.joblib")))
# Seconds between retrainings by the periodic runner.
ROUTING_TRAIN_INTERVAL = env_int("TYNDAU_ROUTING_TRAIN_INTERVAL", 86400, minimum=600)

# --- Audit log trust (tyndau.audit, docs/audit-log.md) ----------------------------------
# The published Ed25519 verifier keys that audit_verify and receipts trust, comma-separated:
# "<name>+<key id hex>+<base64 key>[|<valid from>[|<valid until>]]" (ISO dates, UTC). The key
# stored beside a signed head only picks which published key to use. Empty under DEBUG: the
# development signing key's own public key is trusted (DEV ONLY).
AUDIT_PUBLIC_KEYS = env_list("TYNDAU_AUDIT_PUBLIC_KEYS", [])
AUDIT_TRUST_OWN_KEY = DEBUG and not AUDIT_PUBLIC_KEYS
# The log's name in checkpoints and the name of its signing key (never change it once published).
AUDIT_LOG_ORIGIN = env_str("TYNDAU_AUDIT_LOG_ORIGIN", "")
# When the log began (ISO 8601): a log with no signed head after it is reported broken, so an
# emptied log cannot pass as a new one. Required outside DEBUG for audit_verify to pass.
AUDIT_LOG_START = env_str("TYNDAU_AUDIT_LOG_START", "")
AUDIT_LOG_START_REQUIRED = not DEBUG
# How often the periodic signer signs the head (seconds); a head is overdue after two intervals.
AUDIT_HEAD_INTERVAL = env_int("TYNDAU_AUDIT_HEAD_INTERVAL", 900, minimum=60)
# Witnesses that cosign the checkpoints (c2sp.org/tlog-witness), comma-separated:
# "<cosigner key: name+key id hex+base64(0x04 ‖ key)>|<submission URL prefix>". audit_sign_head submits
# each new checkpoint with a consistency proof; receipts and the bundle page require QUORUM cosignatures.
AUDIT_WITNESSES = env_list("TYNDAU_AUDIT_WITNESSES", [])
AUDIT_WITNESS_QUORUM = env_int("TYNDAU_AUDIT_WITNESS_QUORUM", 0, minimum=0)
# record_event refuses an action code nobody registered (tyndau.audit.actions) in development and tests.
AUDIT_STRICT_ACTIONS = env_bool("TYNDAU_AUDIT_STRICT_ACTIONS", DEBUG or TESTING)
