import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Figures remembered per content version (newsroom/memo.py) do not outlive a test's rows,
    which are rolled back without a signal."""
    cache.clear()
    yield
    cache.clear()


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
