import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "news.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "REDIS_URL": "redis://127.0.0.1:6379/7",  # not connected to by these checks
}
S3_ENV = {
    "NEWSROOM_MEDIA_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": "caricc-media",
    "AWS_S3_REGION_NAME": "eu-central-1",
    "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
    "DJANGO_STATIC_URL": "https://static.example.org/static/",
}


def manage(*args, **env):
    ours = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "NEWSROOM_", "AWS_")
    base = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PROD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"]
)
def test_production_settings_refuse_to_start_without_required_values(missing):
    env = {k: v for k, v in PROD_ENV.items() if k != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_development_settings_default_to_sqlite_and_read_database_url():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    sqlite = manage("shell", "--no-imports", "-c", code)
    assert sqlite.stdout.strip() == "django.db.backends.sqlite3", sqlite.stderr
    postgres = manage(
        "shell", "--no-imports", "-c", code, DATABASE_URL="postgres://u@127.0.0.1:5432/x"
    )
    assert postgres.stdout.strip() == "django.db.backends.postgresql", postgres.stderr


def settings_of(*names, **env):
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_keeps_sessions_and_cache_in_redis_and_the_database():
    found = settings_of("CACHES", "SESSION_ENGINE", "STORAGES", **PROD_ENV)
    assert found["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert found["SESSION_ENGINE"] == "newsroom.sessions"  # cached_db, outliving a Redis outage
    assert found["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_production_with_media_in_a_bucket_behind_a_cdn():
    env = {**PROD_ENV, **S3_ENV}
    result = manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stdout + result.stderr

    found = settings_of("STORAGES", "MEDIA_URL", "STATIC_URL", "SECURE_CSP", **env)
    storage = found["STORAGES"]["default"]
    assert storage["BACKEND"] == "newsroom.storage.MediaStorage"
    assert storage["OPTIONS"]["bucket_name"] == "caricc-media"
    assert storage["OPTIONS"]["custom_domain"] == "media.example.org"
    assert storage["OPTIONS"]["querystring_auth"] is False
    assert storage["OPTIONS"]["file_overwrite"] is False
    assert "access_key" not in storage["OPTIONS"] and "secret_key" not in storage["OPTIONS"]
    assert found["MEDIA_URL"] == "https://media.example.org/"
    csp = found["SECURE_CSP"]
    assert "https://media.example.org" in csp["img-src"]
    for directive in ("script-src", "style-src", "img-src", "font-src"):
        assert "https://static.example.org" in csp[directive]
    assert "https://media.example.org" not in csp["script-src"]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "https://caricc-media.s3.eu-central-1.amazonaws.com/"),
        (
            {"AWS_S3_ENDPOINT_URL": "http://minio.internal:9000"},
            "http://minio.internal:9000/caricc-media/",
        ),
        (
            {"AWS_LOCATION": "newsroom/"},
            "https://caricc-media.s3.eu-central-1.amazonaws.com/newsroom/",
        ),
    ],
)
def test_media_urls_without_a_cdn_are_the_buckets_own(env, expected):
    bucket = {k: v for k, v in S3_ENV.items() if k != "AWS_S3_CUSTOM_DOMAIN"}
    found = settings_of("MEDIA_URL", "SECURE_CSP", **PROD_ENV, **bucket, **env)
    assert found["MEDIA_URL"] == expected
    assert expected.split("/")[2] in " ".join(found["SECURE_CSP"]["img-src"])


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"NEWSROOM_MEDIA_STORAGE": "s3"}, "AWS_STORAGE_BUCKET_NAME"),
        ({"NEWSROOM_MEDIA_STORAGE": "nfs"}, "NEWSROOM_MEDIA_STORAGE"),
    ],
)
def test_a_media_storage_that_cannot_work_is_refused(env, message):
    result = manage("check", **PROD_ENV, **env)
    assert result.returncode != 0
    assert message in result.stderr
