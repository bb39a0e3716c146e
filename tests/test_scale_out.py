"""Two app servers, one site: gunicorn twice, on two ports, over the same PostgreSQL, Redis and
bucket (moto's S3 emulator), with the production settings behind a TLS-terminating load balancer.

A sign-in on one server is valid on the other, and an article published through one is on the
other's pages at once: the servers keep nothing of their own. Runs on PostgreSQL only (CI's second
run; `make test-postgres`), in a database of its own that it creates, migrates and drops.
"""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .s3 import media_bucket
from .test_images import article_form, photo_bytes

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("NEWSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
REQUIRED = os.environ.get("NEWSROOM_SCALE_OUT_TESTS") == "required"
PASSWORD = "scale-out-" + secrets.token_urlsafe(12)

pytestmark = [
    pytest.mark.scale_out,
    pytest.mark.skipif(
        not DATABASE_URL.startswith(("postgres://", "postgresql://")),
        reason="two servers share a PostgreSQL database: run with DATABASE_URL=postgres://…",
    ),
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        message = f"Redis at {REDIS_URL} is not reachable ({exc})"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    return REDIS_URL


@pytest.fixture(scope="module")
def database_url():
    """A database of the test's own on DATABASE_URL's server, dropped afterwards."""
    import psycopg

    name = f"scale_out_{uuid.uuid4().hex[:12]}"
    on_server = urlsplit(DATABASE_URL)
    maintenance = on_server._replace(scheme="postgresql", path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield on_server._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def bucket(s3_endpoint):
    with media_bucket(s3_endpoint, prefix="scale-out") as bucket:
        yield bucket


@pytest.fixture(scope="module")
def site_env(database_url, redis_url, bucket, tmp_path_factory):
    """The environment every app server gets: the production settings, the shared services."""
    ours = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "NEWSROOM_", "AWS_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),  # one key for all servers, as in production
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        DJANGO_REQUIRE_2FA="0",  # the sign-in form without a code; two-factor has its own tests
        DJANGO_STATIC_ROOT=str(tmp_path_factory.mktemp("static")),
        **bucket.env,
    )
    # A release, as docs/deployment.md describes it: migrate once, collect the static files.
    for command in (
        ["migrate", "--noinput"],
        ["sync_roles"],
        ["collectstatic", "--noinput"],
        ["createsuperuser", "--noinput", "--username", "editor", "--email", "e@example.org"],
    ):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env={**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, f"manage.py {command[0]}: {result.stderr[-3000:]}"
    return env


class AppServer:
    def __init__(self, env, log):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            "2",
            # Else every gunicorn on the machine wants the same control socket in ~/.gunicorn/.
            "--no-control-socket",
        ]
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
            )

    def wait_until_up(self, timeout=60):
        import requests

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn on {self.port} exited:\n{self.log.read_text()[-3000:]}")
            try:
                response = requests.get(
                    f"{self.url}/robots.txt",
                    headers={"X-Forwarded-Proto": "https"},
                    allow_redirects=False,
                    timeout=10,
                )
                if response.status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):  # still starting
                pass
            time.sleep(0.2)
        pytest.fail(f"gunicorn on {self.port} did not answer:\n{self.log.read_text()[-3000:]}")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # graceful: the workers finish first
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="module")
def servers(site_env, tmp_path_factory):
    logs = tmp_path_factory.mktemp("gunicorn")
    started = [AppServer(site_env, logs / f"server-{n}.log") for n in "ab"]
    try:
        for server in started:
            server.wait_until_up()
        yield started
    finally:
        for server in started:
            server.stop()


class Browser:
    """One reader's browser behind the load balancer, which terminates TLS and may send each
    request to any server: it keeps its cookies across them (the load balancer's side of
    HTTPS is X-Forwarded-Proto, which the production settings trust)."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, url, *, origin=None, **kwargs):
        import requests

        headers = {"X-Forwarded-Proto": "https", **kwargs.pop("headers", {})}
        if origin:  # what a browser sends with a form, and CSRF protection checks
            headers["Origin"] = origin.replace("http://", "https://")
        response = requests.request(
            method,
            url,
            headers=headers,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )
        for cookie in response.cookies:
            if cookie.value:
                self.cookies[cookie.name] = cookie.value
            else:
                self.cookies.pop(cookie.name, None)
        return response

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def post_form(self, server, path, data, files=None, action=None):
        """Fetch the page at `path` for its form's CSRF token, then send the form (to `action`
        when it posts elsewhere)."""
        page = self.get(server.url + path)
        assert page.status_code == 200, (path, page.status_code, page.headers.get("Location"))
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self.request(
            "POST",
            server.url + (action or path),
            origin=server.url,
            data={**data, "csrfmiddlewaretoken": token},
            files=files,
        )


def sign_in(browser, server):
    response = browser.post_form(
        server,
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": PASSWORD, "otp_token": "", "next": "/admin/"},
    )
    assert response.status_code == 302, response.text[-2000:]
    assert response.headers["Location"] == "/admin/"


def test_a_sign_in_on_one_server_is_valid_on_the_other(servers):
    a, b = servers
    browser = Browser()
    assert browser.get(f"{b.url}/admin/").status_code == 302  # to the sign-in page

    sign_in(browser, a)

    for server in (b, a, b):
        response = browser.get(f"{server.url}/admin/")
        assert response.status_code == 200, (server.port, response.headers.get("Location"))
        assert "editor" in response.text

    # Signing out on B ends the session on A as well.
    response = browser.post_form(b, "/admin/", {}, action="/admin/logout/")
    assert response.status_code in (200, 302)
    assert browser.get(f"{a.url}/admin/").status_code == 302


def test_an_article_published_through_one_server_is_on_the_others_pages_at_once(servers, bucket):
    import requests

    a, b = servers
    editor, reader = Browser(), Browser()
    sign_in(editor, a)
    title = f"Precursors seized in Termez {uuid.uuid4().hex[:8]}"
    slug = f"precursors-seized-{uuid.uuid4().hex[:8]}"
    for _ in range(2):  # warm whatever B caches
        listing = reader.get(f"{b.url}/news/")
        assert listing.status_code == 200
        assert title not in listing.text

    data = article_form(
        title_en=title, slug_en=slug, hero_alt="Barrels of acetic anhydride on a truck"
    )
    data.update({"published_at_0": "", "published_at_1": ""})  # now
    response = editor.post_form(
        a,
        "/admin/newsroom/article/add/",
        data,
        files={"hero_image": ("barrels.jpg", photo_bytes(size=(1600, 900)), "image/jpeg")},
    )
    errors = re.findall(r'class="errorlist[^"]*">(.*?)</ul>', response.text, re.S)
    assert response.status_code == 302, errors

    listing = reader.get(f"{b.url}/news/")
    assert listing.status_code == 200
    assert title in listing.text
    page = reader.get(f"{b.url}/news/{slug}/")
    assert page.status_code == 200
    assert title in page.text
    # Its image is in the shared bucket, made by A, shown by B at the bucket's address.
    source = re.search(r'<source [^>]*srcset="([^" ]+)', page.text).group(1)
    assert source.startswith(f"{bucket.url}renditions/")
    image = requests.get(source, timeout=10)
    assert image.status_code == 200 and image.headers["Content-Type"] == "image/webp"
    # The original, too, under a random name (its renditions' folder is named after it).
    original = source.removeprefix(f"{bucket.url}renditions/").rsplit("/", 1)[0]
    assert original in bucket.keys("articles/")
    assert re.fullmatch(r"articles/\d{4}/\d{2}/[0-9a-f]{20}\.jpg", original), original
