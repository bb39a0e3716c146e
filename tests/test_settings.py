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
}


def manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
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


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"])
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
