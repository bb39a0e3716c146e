"""Test run: fast hashing, in-memory cache and e-mail, plain static storage."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off unless asked for: most tests count a view's queries or read response.context, which a
# cached page has not. tests/test_cache.py and the browser tests turn it on.
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", False)
SESSION_ENGINE = "django.contrib.sessions.backends.db"  # whatever REDIS_URL says
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
NEWSROOM_FETCH_MODE = "raise"
# Lockouts stay on. Tests sign in with client.force_login (axes needs a request, which
# client.login does not pass); the lockout tests post to the admin's sign-in form.
AXES_ENABLED = True
REQUIRE_2FA = False  # whatever the environment says; tests that need it switch it on
