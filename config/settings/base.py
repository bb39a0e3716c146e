"""Settings shared by every environment. Per-environment values come from os.environ."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_list(name, default=()):
    value = os.environ.get(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def origin(url):
    """The origin (https://cdn.example.org) of an absolute URL; None for a path on this site."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def s3_media_storage(environ):
    """STORAGES["default"] for uploads in an S3-compatible bucket, read from AWS_* variables.

    The keys stay in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY; without them
    boto3 looks for an instance role): boto3 reads them there, so no setting holds them.
    Media are public and their URLs unsigned, built from the file's name alone, so a page never
    asks the bucket anything: under AWS_S3_CUSTOM_DOMAIN (the CDN) when set, else under the
    bucket's own address.
    """
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        raise ImproperlyConfigured("NEWSROOM_MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    endpoint = environ.get("AWS_S3_ENDPOINT_URL") or None
    region = environ.get("AWS_S3_REGION_NAME") or None
    domain = environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip("/")
    protocol = environ.get("AWS_S3_URL_PROTOCOL") or "https:"
    if not domain and endpoint:  # MinIO, Ceph, a test's emulator: the bucket under the endpoint
        parts = urlsplit(endpoint)
        domain, protocol = f"{parts.netloc}{parts.path.rstrip('/')}/{bucket}", f"{parts.scheme}:"
    elif not domain:  # Amazon S3
        domain = f"{bucket}.s3.{region}.amazonaws.com" if region else f"{bucket}.s3.amazonaws.com"
    return {
        "BACKEND": "newsroom.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "region_name": region,
            "addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "location": environ.get("AWS_LOCATION", "").strip("/"),
            "custom_domain": domain,
            "url_protocol": protocol,
            "querystring_auth": False,
            # A second upload called "map.jpg" gets a name of its own instead of replacing the
            # first (whose renditions and cached copies are named after it).
            "file_overwrite": False,
        },
    }


def media_base_url(storage):
    """The URL media names are appended to, for an s3_media_storage()."""
    options = storage["OPTIONS"]
    location = f"{options['location']}/" if options["location"] else ""
    return f"{options['url_protocol']}//{options['custom_domain']}/{location}"


# --- Core -------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Applications ------------------------------------------------------------
DJANGO_APPS = [
    # Before the admin: django-modeltranslation adds the per-language fields and admin widgets.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]
THIRD_PARTY_APPS = [
    "simple_history",
    "django_countries",
    "django_filters",
    "django_prose_editor",
    "taggit",
    "imagekit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
LOCAL_APPS = ["newsroom"]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsroom.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsroom.middleware.LocaleMiddleware",
    # Right after the language is known: a page-cache hit skips everything below it.
    "newsroom.cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signs out a session past its idle timeout or lifetime, before anything else uses it.
    "newsroom.security.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "newsroom.security.TwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # After Django's, so that it picks the admin's policy before Django's writes the header.
    "newsroom.middleware.AdminContentSecurityPolicyMiddleware",
    "newsroom.middleware.LegacyRedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

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
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "newsroom.context_processors.site",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------
# DATABASE_URL selects the database (postgres://user@host:5432/name); without it,
# the embedded SQLite file keeps a fresh clone runnable with nothing installed.
# A persistent connection (DJANGO_CONN_MAX_AGE seconds; production keeps them) is checked before
# it is reused, so a restarted PostgreSQL costs no request: the next one connects again.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
# A database that cannot be reached fails a request within this many seconds (then a 503 page,
# newsroom/outage.py), instead of holding a worker for the operating system's TCP timeout.
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", 3))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = DATABASE_CONNECT_TIMEOUT

# --- Caches ------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that stops answering costs a request a second at most; pages then come
            # from the database (newsroom.cache).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous readers' pages, kept in that cache and dropped on any content change
# (newsroom/cache.py). Off ("off"/0) for benchmarks of the uncached site; the ETags stay.
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", True)
NEWSROOM_PAGE_CACHE_TIMEOUT = int(os.environ.get("NEWSROOM_PAGE_CACHE_TIMEOUT", 600))

# --- Authentication ------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
# django-axes' backend comes first: it refuses a locked-out sign-in before a password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Sessions are rows in the database, which every app server shares; with Redis they are read
# through the cache (cached_db), and a flushed cache loses none of them.
# newsroom.sessions is Django's cached_db made to outlive a Redis outage (sign-in and sign-out).
SESSION_ENGINE = "newsroom.sessions" if REDIS_URL else "django.contrib.sessions.backends.db"
# A staff session ends SESSION_COOKIE_AGE after sign-in however busy it is, and after
# NEWSROOM_SESSION_IDLE_TIMEOUT without a request (newsroom.security.SessionLifetimeMiddleware).
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_COOKIE_AGE", 60 * 60 * 8))
NEWSROOM_SESSION_IDLE_TIMEOUT = int(os.environ.get("DJANGO_SESSION_IDLE_TIMEOUT", 60 * 30))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie (the admin's forms carry the token), so scripts may not.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# How many reverse proxies stand in front of Django, each appending to X-Forwarded-For. 0 (no
# proxy) means the header is ignored: anyone can write it. Behind one nginx, set 1. The audit
# trail and the sign-in lockouts both take the client address from it (newsroom.audit.client_ip).
NEWSROOM_TRUSTED_PROXY_COUNT = int(os.environ.get("NEWSROOM_TRUSTED_PROXY_COUNT", 0))

# --- Sign-in lockouts (django-axes) ------------------------------------------------
# Failures are counted per user name *and* address, so nobody elsewhere can lock an editor out;
# an address that fails against many names is stopped separately (newsroom.security).
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", 5))
NEWSROOM_IP_FAILURE_LIMIT = int(os.environ.get("NEWSROOM_IP_FAILURE_LIMIT", 20))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_AXES_COOLOFF_MINUTES", 15)))
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "newsroom.security.NewsroomAxesHandler"
AXES_CLIENT_IP_CALLABLE = "newsroom.audit.client_ip"
AXES_LOCKOUT_CALLABLE = "newsroom.security.lockout_response"
# Masked in the form data axes keeps with each attempt (the password always is).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token"]

# --- Two-factor authentication (django-otp) -------------------------------------------
# On: Editors and Administrators must confirm an authenticator app before using the admin.
REQUIRE_2FA = env_bool("DJANGO_REQUIRE_2FA", False)
# Nobody, not even an administrator, reads another person's secret or recovery codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- Internationalisation ------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Almaty"  # CARICC sits in Almaty; dates in its texts are local.
USE_I18N = True
USE_TZ = True
# Content translations (django-modeltranslation, newsroom/translation.py): a column per language.
# Reading a field in one language falls back to the other where it is empty, so a person or an
# organisation entered in English only still has a name on the Russian pages; articles and events
# are listed only in the languages they are written in (querysets.in_language()).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ru")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "ru")}
# Fixtures and code that set `title` set the active language's column; nothing is copied.
MODELTRANSLATION_AUTO_POPULATE = False

# --- Static files and uploads ----------------------------------------------------
# WhiteNoise serves the static files from STATIC_ROOT (`collectstatic`); DJANGO_STATIC_URL may
# name a CDN that pulls them from the site (https://cdn.example.org/static/).
STATIC_URL = os.environ.get("DJANGO_STATIC_URL", "static/")
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Where uploads and their renditions are kept: "filesystem" (MEDIA_ROOT: one server, or a folder
# every server mounts) or "s3", a bucket every app server shares (s3_media_storage() below).
NEWSROOM_MEDIA_STORAGE = os.environ.get("NEWSROOM_MEDIA_STORAGE", "filesystem")
if NEWSROOM_MEDIA_STORAGE == "s3":
    MEDIA_STORAGE = s3_media_storage(os.environ)
    MEDIA_URL = media_base_url(MEDIA_STORAGE)
elif NEWSROOM_MEDIA_STORAGE == "filesystem":
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured(
        f"NEWSROOM_MEDIA_STORAGE must be filesystem or s3, not {NEWSROOM_MEDIA_STORAGE!r}."
    )
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploaded images larger than this are refused by the models' validators.
NEWSROOM_MAX_IMAGE_BYTES = 8 * 1024 * 1024
NEWSROOM_MAX_IMAGE_PIXELS = 40_000_000
# Image renditions (django-imagekit, newsroom/images.py): made when an image is saved, under
# renditions/ in the media storage; pages only compute their URLs (the Optimistic strategy).
IMAGEKIT_CACHEFILE_DIR = "renditions"
IMAGEKIT_DEFAULT_FILE_STORAGE = "default"  # the originals' storage, bucket or folder
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"

# --- Security --------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# Static files and media may come from a CDN or the bucket: their origins are allowed too.
STATIC_ORIGINS = [o for o in [origin(STATIC_URL)] if o]
MEDIA_ORIGINS = [o for o in [origin(MEDIA_URL)] if o and o not in STATIC_ORIGINS]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE, *STATIC_ORIGINS],
    "style-src": [CSP.SELF, *STATIC_ORIGINS],
    "img-src": [CSP.SELF, "data:", *STATIC_ORIGINS, *MEDIA_ORIGINS],
    "font-src": [CSP.SELF, "data:", *STATIC_ORIGINS],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
# The admin's pages (under ADMIN_URL): the same, except that the rich-text editor (ProseMirror)
# draws its nodes with style attributes and a <style> element, so inline styles are allowed
# there. Scripts are not. (newsroom.middleware.AdminContentSecurityPolicyMiddleware)
NEWSROOM_ADMIN_CSP = {**SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE, *STATIC_ORIGINS]}
# Browser features no page of the site uses, refused to the pages and anything they embed
# (newsroom.middleware.PermissionsPolicyMiddleware). browsing-topics replaces FLoC's
# interest-cohort, which browsers no longer recognise.
NEWSROOM_PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# --- Newsroom ---------------------------------------------------------------------
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "CARICC")
OTP_TOTP_ISSUER = f"{NEWSROOM_SITE_NAME} newsroom"  # the name authenticator apps show
NEWSROOM_PAGE_SIZE = 20
# Counts and lists over the whole archive are remembered per content version (newsroom/memo.py);
# this bounds how long, in seconds. Several workers need a shared cache (REDIS_URL) to see an
# edit at once; with the in-process cache the others see it within this time.
NEWSROOM_MEMO_TIMEOUT = int(os.environ.get("NEWSROOM_MEMO_TIMEOUT", 300))
# How public pages treat a relation nobody loaded: "peers" loads it for the whole page at once;
# the test settings say "raise", so a missing select_related fails a test instead of adding queries.
NEWSROOM_FETCH_MODE = "peers"
TAGGIT_CASE_INSENSITIVE = True
COUNTRIES_FIRST = ["AZ", "KZ", "KG", "RU", "TJ", "TM", "UZ"]
COUNTRIES_FIRST_BREAK = "──────────"
# /bench/ping: the smallest page the whole stack can serve, the benchmark's reference (bench/).
# Off unless the benchmark turns it on.
NEWSROOM_BENCH_PING = env_bool("NEWSROOM_BENCH_PING", False)

# --- Logging ------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # A database outage is logged in one line by newsroom.outage, not a traceback per request.
    "filters": {"database_outage": {"()": "newsroom.outage.QuietOutageFilter"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.request": {"filters": ["database_outage"]},
    },
}
