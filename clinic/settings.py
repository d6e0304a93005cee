"""Settings for the clinic site, read once from environment variables (12-factor).

With no variables set the site runs with production-safe defaults (DEBUG off, so a secret
key is required) and SQLite under ./var/; `make run` and the tests turn DEBUG on.
Every variable is documented in .env.example and in README.md.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # git-ignored: SQLite file, media, generated admin password


def env_str(name, default=""):
    return os.environ.get(name, default).strip()


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


# --- Core -----------------------------------------------------------------

# Off unless asked for: a forgotten variable must never show tracebacks and settings to the
# internet. `make run` (the Makefile) and tests/settings.py turn it on.
DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"  # noqa: S105
# Earlier keys, still accepted after a rotation: signed values, sessions, and the backup codes
# (hashed with the key, staff_access/backup_codes.py) keep working.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

AUTH_USER_MODEL = "clinic.User"

INSTALLED_APPS = [
    "clinic",
    "caching",
    "articles",
    "treatments",
    "intake",
    "search",
    "backups",
    "edge",
    "wagtail_localize",
    "wagtail_localize.locales",  # in place of wagtail.locales
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "crispy_forms",
    "crispy_bootstrap5",
    "phonenumber_field",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Kept installed only for its migrations: staff_sign_in's 0002 moved its backup codes
    # (plain text) into hashed ones of our own and emptied its tables.
    "django_otp.plugins.otp_static",
    "staff_access",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "clinic.middleware.ClinicCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "caching.page_cache.PublicPageHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "clinic.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "staff_access.sessions.StaffSessionMiddleware",
    "staff_access.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "clinic.middleware.AutosaveAfterFirstSaveMiddleware",
    # After the middleware whose headers every response needs; before Wagtail routes a page.
    "caching.page_cache.PageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinic.urls"
WSGI_APPLICATION = "clinic.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "caching.context_processors.content_version",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    VAR_DIR.mkdir(exist_ok=True)  # the embedded SQLite file of a fresh checkout lives here
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default under the admin's real load (gunicorn workers, db_worker, timers,
    # autosave every half second; tests/test_sqlite_under_load.py). WAL: readers never wait
    # for the writer, nor it for them. IMMEDIATE: a transaction takes the write lock when it
    # begins, so it waits its turn (up to `timeout` seconds) instead of failing at once with
    # "database is locked" when it first reads and then writes (SQLite cannot wait there
    # without risking a deadlock). Measured in docs/benchmarks.md.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
# The shared cache: Redis with REDIS_URL, else each process's own memory. Nothing a visitor
# sees depends on it being shared (the content version is in the database), and an outage only
# makes the site slower: caching/resilient_cache.py answers as an empty cache meanwhile, and the
# short time-outs keep a dead or stuck Redis to milliseconds a request.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "caching.resilient_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "clinic",
            "OPTIONS": {
                "socket_connect_timeout": 0.25,
                "socket_timeout": 0.25,
                "OUTAGE_RETRY_SECONDS": 2,
            },
        }
    }
else:
    # Each process's own: entries are retired with the content version (what Wagtail keeps
    # here, such as the sites' root paths, must agree between processes).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_FUNCTION": "caching.content_version.versioned_cache_key",
        }
    }
# Entries whose keys carry the content version (routes, settings, rendered fragments, pages)
# never change under their key, so each process keeps its own copy: no round trip to Redis.
CACHES["versioned"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "versioned",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
# Whole pages, 20 to 60 kB each: fewer of them per process.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "OPTIONS": {"MAX_ENTRIES": 500},
}
# How long a process may reuse the content version it read from the database: a change made
# by another process or server shows everywhere within this time (0: read on every request).
CONTENT_VERSION_MAX_AGE = float(env_str("CONTENT_VERSION_MAX_AGE") or 0.5)

# Whole-page cache for anonymous visitors (caching/page_cache.py), and what CDNs may keep.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 * 60)
# Pages are kept in each process ("pages") and, with Redis, also in the shared cache, so one
# process's render serves the others.
PAGE_CACHE_SHARED_CACHE = "default" if REDIS_URL else ""
# The query parameters a cached page may have, each with the check its value must pass for
# the page to be stored (any other value is answered but not stored, so nobody can fill the
# cache with copies of one page). Other parameters bypass the cache.
PAGE_CACHE_QUERY_PARAMS = {
    "page": "caching.page_cache.in_canonical_url",
    "topic": "caching.page_cache.in_canonical_url",
    "from": "intake.forms.is_live_page_id",
}
# Hidden form fields that cached pages get fresh for every visitor (see caching/page_cache.py).
PAGE_CACHE_PER_VISITOR_FIELDS = {
    "csrfmiddlewaretoken": "django.middleware.csrf.get_token",
    "started": "intake.spam.form_started_token",
}
CDN_CACHE_SECONDS = env_int("CDN_CACHE_SECONDS", 300)
CDN_STALE_WHILE_REVALIDATE_SECONDS = env_int("CDN_STALE_WHILE_REVALIDATE_SECONDS", 60)
# The edge cache (Varnish, deploy/varnish/clinic.vcl), purged whole by the process that made a
# change as it commits (edge/purging.py): the addresses the PURGE requests go to, one per
# Varnish, e.g. http://127.0.0.1:6081/ (empty: no edge). A failed purge is retried by the
# task queue every EDGE_PURGE_RETRY_SECONDS; /healthz and the dashboard report one older than
# EDGE_PURGE_LATE_SECONDS.
EDGE_PURGE_URLS = env_list("EDGE_PURGE_URLS")
EDGE_PURGE_TIMEOUT_SECONDS = float(env_str("EDGE_PURGE_TIMEOUT_SECONDS") or 2)
EDGE_PURGE_RETRY_SECONDS = env_int("EDGE_PURGE_RETRY_SECONDS", 30)
EDGE_PURGE_LATE_SECONDS = env_int("EDGE_PURGE_LATE_SECONDS", 60)
# A CDN in front instead of (or before) Varnish gets the same site-wide purge (edge/cdn.py):
# Cloudflare's purge_everything for the zone, or a CloudFront invalidation of /*.
CLOUDFLARE_API_TOKEN = env_str("CLOUDFLARE_API_TOKEN")
CLOUDFLARE_ZONE_ID = env_str("CLOUDFLARE_ZONE_ID")
CLOUDFLARE_API_URL = env_str("CLOUDFLARE_API_URL") or "https://api.cloudflare.com/client/v4"
CLOUDFRONT_DISTRIBUTION_ID = env_str("CLOUDFRONT_DISTRIBUTION_ID")

# Background tasks (Django's task framework through the django-tasks backport, which
# Wagtail 8 uses too). Development runs tasks immediately; production queues them in
# the database for `manage.py db_worker`, so a failed email is retried, never lost.
TASKS_BACKEND = env_str(
    "TASKS_BACKEND",
    "django_tasks.backends.immediate.ImmediateBackend"
    if DEBUG
    else "django_tasks_db.DatabaseBackend",
)
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}

# --- Files ----------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT") or VAR_DIR / "media")
# Uploaded images are served by the front web server (nginx) or object storage in
# production; the app serves them itself only in development and `make serve`.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", default=DEBUG)

# Media on S3-compatible object storage when a bucket is named (several app servers then
# share uploads); on the local disk otherwise.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID") or None
AWS_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY") or None
AWS_DEFAULT_ACL = None  # objects inherit the bucket's (private) policy
AWS_S3_FILE_OVERWRITE = False
AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", default=True)
MEDIA_STORAGE_BACKEND = (
    "storages.backends.s3.S3Storage"
    if AWS_STORAGE_BUCKET_NAME
    else "django.core.files.storage.FileSystemStorage"
)

STORAGES = {
    "default": {"BACKEND": MEDIA_STORAGE_BACKEND},
    "staticfiles": {
        # Hashed, compressed (gzip + Brotli) files, served with far-future cache headers.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0

# --- Backups --------------------------------------------------------------
# `manage.py backup` / `restore` (backups/; docs/deploy.md, "Backups"). The key is an age
# secret key (`manage.py new_backup_key` makes one): it encrypts and opens archives. Keys
# used before a rotation go in BACKUP_OLD_KEYS, which only open archives.
BACKUP_KEY = env_str("BACKUP_KEY")
BACKUP_OLD_KEYS = env_list("BACKUP_OLD_KEYS")
# Where scheduled backups go, and beside them the erasure ledger (erasures.jsonl). Best on
# another disk, copied off the machine (docs/deploy.md).
BACKUP_DIR = Path(env_str("BACKUP_DIR") or VAR_DIR / "backups")
# Scheduled backups older than this are deleted after each new one.
BACKUP_KEEP_DAYS = env_int("BACKUP_KEEP_DAYS", 14)
# /healthz says "degraded" when the newest backup is older than this.
BACKUP_MAX_AGE_HOURS = env_int("BACKUP_MAX_AGE_HOURS", 24)
# Commands `restore` runs once the data are back and erasures re-applied, before the site
# serves again: nothing past its retention date may come back with an old backup.
BACKUP_AFTER_RESTORE_COMMANDS = ["purge_enquiries"]

# --- Email ----------------------------------------------------------------

EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
# Mail to an SMTP server is encrypted (STARTTLS) unless switched off, e.g. for a relay on the
# same machine; TLS from the first byte (EMAIL_USE_SSL) replaces it (Django allows one).
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=bool(EMAIL_HOST) and not EMAIL_USE_SSL)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST or not DEBUG
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "clinic@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# How many proxies of ours stand in front of the site (a load balancer, nginx, a CDN). Each
# appends the address it was sent the request from to X-Forwarded-For, so the client's address
# is the Nth entry from the right; entries further left came from the client and may be forged.
# 0: no proxy, REMOTE_ADDR is the client. DJANGO_BEHIND_PROXY=1 (the older setting) means 1.
TRUSTED_PROXY_COUNT = env_int(
    "DJANGO_TRUSTED_PROXY_COUNT", 1 if env_bool("DJANGO_BEHIND_PROXY") else 0
)
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# X-Forwarded-Host is read only when the proxy in front sets it (replacing any a client sent):
# otherwise it is the visitor's to choose. The documented nginx passes the Host instead.
# Absolute URLs never come from it either way (caching/site_urls.py).
USE_X_FORWARDED_HOST = env_bool("DJANGO_USE_X_FORWARDED_HOST", default=False)

# Everything is served by the site itself: no CDN, font host, analytics or embeds.
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
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "upgrade-insecure-requests": not DEBUG,
    }
}
ADMIN_URL_PREFIX = "/admin/"
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "browsing-topics",
    )
}

# Staff sessions end after SESSION_IDLE_TIMEOUT_MINUTES without a request a person made (the
# admin's background pings don't count), and SESSION_ABSOLUTE_LIFETIME_HOURS after signing in
# whatever the activity (staff_access/sessions.py). A session is saved, which moves
# its expiry on, only when it changes: a ping alone never keeps it alive.
SESSION_IDLE_TIMEOUT_MINUTES = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30)
SESSION_ABSOLUTE_LIFETIME_HOURS = env_int("SESSION_ABSOLUTE_LIFETIME_HOURS", 12)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Staff messages name people ("Rowan Okafor (#12): Left voicemail recorded."): they wait in
# the session on the server, never in a cookie (Django's default keeps them in a signed but
# readable `messages` cookie).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Staff sign-in --------------------------------------------------------
# Lockout after repeated wrong passwords (django-axes) and two-factor sign-in (django-otp,
# staff_access/). README.md ("Security") describes both for administrators.

AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out sign-in before the password is checked, and counts failures.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# Failures count per username *and* client address. By username alone, anyone on the internet
# could lock every colleague out by typing their names; by address alone, a clinic whose staff
# share one office address would lock itself out. Guessing from many addresses is slowed by
# the 12-character password minimum and stopped by two-factor sign-in.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Every attempt during a lockout starts the cool-off again, so "try again in 15 minutes" holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "staff_access.lockout.lockout_response"
# One rule for the client address across the site: the Nth X-Forwarded-For entry from the
# right behind N trusted proxies (TRUSTED_PROXY_COUNT), REMOTE_ADDR with none; the contact
# form's rate limit uses it too.
AXES_CLIENT_IP_CALLABLE = "intake.spam.client_ip"
# Axes never stores passwords; its log lines also mask the username and address (the
# defaults, kept explicit). Attempt rows keep the username and address the lockout needs.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address"]

# Two-factor sign-in is required of everyone with any permission on enquiries (health
# information), in every mode, development included: a clinic may well run the demo as its
# site. Only an explicit STAFF_REQUIRE_2FA=0 turns it off, and then every admin page says in
# red that patient data is not protected. A value that is neither on nor off is refused.
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}
staff_require_2fa_value = env_str("STAFF_REQUIRE_2FA").lower() or "1"
if staff_require_2fa_value not in TRUE_WORDS | FALSE_WORDS:
    raise ImproperlyConfigured(
        f"STAFF_REQUIRE_2FA={staff_require_2fa_value!r} is neither on (1) nor off (0). Leave it "
        "unset to require two-factor sign-in of everyone who can read enquiries."
    )
STAFF_REQUIRE_2FA = staff_require_2fa_value in TRUE_WORDS
# A first authenticator needs more than the password: a set-up link from an administrator
# (or from `manage.py two_factor_link`), valid once and for this many hours.
STAFF_2FA_SETUP_LINK_HOURS = env_int("STAFF_2FA_SETUP_LINK_HOURS", 24)
# The name staff see in their authenticator app (the same variable as Wagtail's site name).
OTP_TOTP_ISSUER = env_str("WAGTAIL_SITE_NAME", "Clinic")
# After each wrong code a device waits 1, 2, 4, 8... seconds before it checks another
# (django-otp's defaults, kept explicit: 0 would switch the brute-force protection off).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# --- Internationalisation -------------------------------------------------

# English at the site's plain URLs, Spanish under /es/ (i18n_patterns in clinic/urls.py). The
# language is the URL's, never guessed from the browser (clinic.middleware.LanguageMiddleware).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A new translation starts as a draft, whatever the English page's status: it goes live
# through its own medical review (wagtail-localize would otherwise publish it at once, in
# English until translated).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# The site's own words in Spanish: locale/es/LC_MESSAGES/django.po, compiled to django.mo
# with polib by `make` (manage.py compile_catalogue), so no system gettext is needed.
LOCALE_PATHS = [BASE_DIR / "locale"]
# The clinic's own time zone: the admin, exports and publication dates read in it. The
# default is the demo clinic's (Oregon).
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "America/Los_Angeles")
USE_I18N = True
USE_TZ = True

# --- Logging --------------------------------------------------------------
# Logs carry ids and counts only; enquiry content never reaches a handler.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django logs the request (with its POST body in some handlers) on 4xx/5xx;
        # keep the level but never attach request data to the record's message.
        "django.request": {"level": "ERROR", "propagate": True},
        # One INFO line per background task run is noise; failures still show.
        "django_tasks": {"level": "WARNING"},
        # Axes announces itself at start-up in every process; lockouts are warnings.
        "axes": {"level": "WARNING"},
    },
}

# --- Wagtail --------------------------------------------------------------

WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Clinic")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# search.backends: on PostgreSQL, each page stemmed in its own language (see there).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends",
        "SEARCH_CONFIG": "english",
        "LANGUAGE_CONFIGS": {"es": "spanish"},
    }
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]  # no SVG
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party requests, in the admin either: no Gravatar avatars.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Purge a reverse proxy's copies of a changed page's own addresses
# (wagtail.contrib.frontend_cache), if one is configured. Varnish, Cloudflare and CloudFront
# are purged whole by the edge app instead (EDGE_PURGE_URLS and the CDN settings above).
WAGTAILFRONTENDCACHE = {}
if env_str("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env_str("FRONTEND_CACHE_PURGE_URL"),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
WAGTAILADMIN_COMMENTS_ENABLED = True
# A submission for review is announced to the members of the reviewing task's groups, once
# each. With superusers included, Wagtail would send every superuser two notices (one for
# the workflow, one for its task), reviewer or not. Superusers already may do everything, so
# one who wants the notices joins the reviewing group and gets one.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Forms ----------------------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
PHONENUMBER_DEFAULT_REGION = env_str("PHONENUMBER_DEFAULT_REGION", "US")
PHONENUMBER_DB_FORMAT = "E164"

# --- Intake ---------------------------------------------------------------
# Contact form and enquiry triage (intake/). Defaults are documented in README.md ("Intake").

# Per-client-address limit of sent enquiries, counted in the database (SubmissionWindow), so
# every process and app server counts the same submissions.
INTAKE_RATE_LIMIT_SUBMISSIONS = env_int("INTAKE_RATE_LIMIT_SUBMISSIONS", 5)
INTAKE_RATE_LIMIT_WINDOW_SECONDS = env_int("INTAKE_RATE_LIMIT_WINDOW_SECONDS", 60 * 60)
# A form sent sooner than this after it was rendered was filled by a program.
INTAKE_MIN_FILL_SECONDS = env_int("INTAKE_MIN_FILL_SECONDS", 3)
# More links than this in a message marks it as spam (kept, never dropped).
INTAKE_SPAM_MAX_LINKS = env_int("INTAKE_SPAM_MAX_LINKS", 2)
# A notice still "sending" after this long was interrupted; retry_notifications sends it again.
INTAKE_NOTIFICATION_STALE_MINUTES = env_int("INTAKE_NOTIFICATION_STALE_MINUTES", 15)
# purge_enquiries: days after an enquiry was closed or booked / marked as spam.
INTAKE_RETENTION_DAYS_CLOSED = env_int("INTAKE_RETENTION_DAYS_CLOSED", 365)
INTAKE_RETENTION_DAYS_SPAM = env_int("INTAKE_RETENTION_DAYS_SPAM", 30)
# Escalation alerts about urgent enquiries from one client address, at most, per hour: a bot
# that ticks the self-harm question on every post must not flood the on-call phone. Every
# such enquiry is still stored urgent and listed first.
INTAKE_ESCALATIONS_PER_ADDRESS_PER_HOUR = env_int("INTAKE_ESCALATIONS_PER_ADDRESS_PER_HOUR", 3)
# The crisis model's embedding library (WordLlama) reads its tokenizer file from this folder;
# it is copied there from the library's own wheel on first use. Nothing is ever downloaded.
CRISIS_MODEL_CACHE_DIR = Path(
    env_str("CRISIS_MODEL_CACHE_DIR", str(BASE_DIR / "var" / "crisis-model"))
)
