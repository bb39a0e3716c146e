"""Production: every secret and host comes from the environment, or start-up fails."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")  # noqa: F405
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random string of 50+ characters."
    )
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the site's host names.")
if not os.environ.get("DATABASE_URL"):  # noqa: F405
    raise ImproperlyConfigured("DATABASE_URL must point at the production database.")
# The cache (and the sessions read through it) must be shared by every app server: an in-process
# cache would give each server its own idea of what is cached.
if not REDIS_URL:  # noqa: F405
    raise ImproperlyConfigured("REDIS_URL must point at the Redis server every app server shares.")

# Connections are kept between requests (each is checked before reuse: CONN_HEALTH_CHECKS in
# base.py), so a restart of PostgreSQL is survived without a connection per request.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DJANGO_CONN_MAX_AGE", 60))  # noqa: F405

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# A load balancer asks /healthz over plain HTTP, past the redirect (newsroom/outage.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
REQUIRE_2FA = env_bool("DJANGO_REQUIRE_2FA", True)

STORAGES = {
    "default": MEDIA_STORAGE,  # noqa: F405 (NEWSROOM_MEDIA_STORAGE: the file system, or S3)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": os.environ.get("DJANGO_EMAIL_HOST", "localhost")},  # noqa: F405
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "newsroom@localhost")  # noqa: F405
