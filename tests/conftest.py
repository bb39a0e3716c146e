import logging

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from config.settings.base import media_base_url, s3_media_storage
from newsroom import cache as page_cache

from .s3 import S3_KEYS, media_bucket


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "pw-editor-123"
    )
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture(autouse=True)
def english_to_begin_with():
    """Each test starts in the default language; a request to /ru/ activates Russian in the
    test's thread, as in a server's, and must not leak into the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """The in-memory cache outlives a test's database: no test sees another's cached pages or
    the figures remembered per content version (newsroom/memo.py) of rows rolled back without a
    signal."""
    cache.clear()
    page_cache.reset()
    yield
    page_cache.reset()


# --- S3: moto's emulator on loopback ------------------------------------------------------------


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3 server on a free port of 127.0.0.1, for the whole run."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint):
    """A new media bucket (tests/s3.py), removed afterwards."""
    with media_bucket(s3_endpoint) as bucket:
        yield bucket


@pytest.fixture
def s3_media(settings, s3_bucket, monkeypatch):
    """Uploads and renditions go to `s3_bucket`, configured as NEWSROOM_MEDIA_STORAGE=s3 does."""
    for name, value in S3_KEYS.items():
        monkeypatch.setenv(name, value)
    storage = s3_media_storage(s3_bucket.env)
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.MEDIA_URL = media_base_url(storage)
    return s3_bucket
