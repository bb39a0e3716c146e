"""The production stack (deploy/): the nginx template, gunicorn's settings, and the stack itself.

The tests that run nginx skip when it is missing and the full-stack test also when PostgreSQL is
not reachable, unless NEWSROOM_STACK_TESTS=required (CI): then they fail instead.
"""

import http.client
import json
import os
import re
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import pytest
from django.conf import settings

from deploy.stack import (
    GUNICORN_CONF,
    NGINX_TEMPLATE,
    Stack,
    StackError,
    ensure_database,
    free_port,
    maintenance_connection,
    read_pid,
    render,
)

REQUIRED = os.environ.get("NEWSROOM_STACK_TESTS") == "required"
VALUES = {
    "RUN_DIR": "/srv/run",
    "MIME_TYPES": "/etc/nginx/mime.types",
    "LISTEN": "127.0.0.1:8088",
    "SERVER_NAME": "localhost",
    "UPSTREAM": "unix:/srv/run/gunicorn.sock",
    "STATIC_ROOT": "/srv/static",
    "MEDIA_ROOT": "/srv/media",
    "WORKER_USER": "newsroom",
}


def unavailable(reason):
    if REQUIRED:
        pytest.fail(f"{reason} (NEWSROOM_STACK_TESTS=required)")
    pytest.skip(reason)


@pytest.fixture
def nginx():
    nginx_installed()


def nginx_installed():
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        unavailable("nginx is not installed (make prod-deps)")


def directive(config, name):
    found = re.findall(rf"^\s*{name}\s+([^;]+);", config, re.MULTILINE)
    assert found, f"no {name} in nginx.conf"
    return found


def size_in_bytes(value):
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    return int(value[:-1]) * units[value[-1].lower()] if value[-1].isalpha() else int(value)


# --- The template -------------------------------------------------------------------------------


def test_template_renders_every_placeholder_and_leaves_nginx_variables_alone():
    config = render(NGINX_TEMPLATE.read_text(), VALUES, {"media": True, "root": True})
    assert "${" not in config
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in config
    assert "listen 127.0.0.1:8088 default_server;" in config
    assert "server unix:/srv/run/gunicorn.sock" in config
    assert "alias /srv/static/;" in config and "alias /srv/media/;" in config
    assert directive(config, "user") == ["newsroom"]


def test_template_holds_the_limits_and_protections_a_deployment_needs():
    config = render(NGINX_TEMPLATE.read_text(), VALUES, {"media": True, "root": False})
    assert directive(config, "underscores_in_headers") == ["off"]
    assert directive(config, "server_tokens") == ["off"]
    assert directive(config, "proxy_buffering") == ["on"]
    assert directive(config, "gzip") == ["on"]
    assert directive(config, "proxy_set_header X-Forwarded-Proto") == ["$scheme"]
    assert "pid /srv/run/nginx.pid;" in config
    assert "access_log /srv/run/nginx-access.log" in config
    assert not re.search(r"^\s*user\s", config, re.MULTILINE), "only when started as root"


def test_body_limit_lets_the_largest_upload_through_and_nothing_much_larger():
    config = render(NGINX_TEMPLATE.read_text(), VALUES, {"media": True, "root": False})
    [limit] = directive(config, "client_max_body_size")
    limit = size_in_bytes(limit)
    assert limit > settings.NEWSROOM_MAX_IMAGE_BYTES
    assert limit > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert limit <= 2 * settings.NEWSROOM_MAX_IMAGE_BYTES


def test_media_location_is_left_out_when_uploads_are_stored_elsewhere():
    config = render(NGINX_TEMPLATE.read_text(), VALUES, {"media": False, "root": False})
    assert "/media/" not in config
    assert "location /static/" in config


@pytest.mark.parametrize(
    "values",
    [
        {key: value for key, value in VALUES.items() if key != "STATIC_ROOT"},
        {**VALUES, "STATIC_ROOT": "/srv/my static"},
        {**VALUES, "STATIC_ROOT": "/srv/static; include /etc/passwd"},
    ],
)
def test_rendering_refuses_a_missing_or_unsafe_value(values):
    with pytest.raises(StackError):
        render(NGINX_TEMPLATE.read_text(), values, {"media": True, "root": False})


# --- gunicorn -----------------------------------------------------------------------------------


def gunicorn_settings(monkeypatch, **env):
    for name in [n for n in os.environ if n.startswith("GUNICORN_")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(GUNICORN_CONF))


def test_gunicorn_defaults_to_two_sync_workers_on_loopback_recycled_now_and_then(monkeypatch):
    conf = gunicorn_settings(monkeypatch)
    assert conf["bind"] == ["127.0.0.1:8001"]
    assert (conf["workers"], conf["worker_class"]) == (2, "sync")
    assert conf["max_requests"] > 0 and conf["max_requests_jitter"] > 0
    assert conf["graceful_timeout"] < conf["timeout"]
    assert conf["forwarded_allow_ips"] == "127.0.0.1,::1"
    assert conf["control_socket_disable"], "no socket shared with other gunicorns"
    assert "%(M)s" in conf["access_log_format"], "the time each request took"


def test_gunicorn_takes_its_settings_from_the_environment(monkeypatch):
    conf = gunicorn_settings(
        monkeypatch,
        GUNICORN_BIND="unix:/srv/run/gunicorn.sock",
        GUNICORN_WORKERS="4",
        GUNICORN_MAX_REQUESTS="0",
        GUNICORN_CONTROL_SOCKET="/srv/run/gunicorn.ctl",
    )
    assert conf["bind"] == ["unix:/srv/run/gunicorn.sock"]
    assert conf["workers"] == 4 and conf["max_requests"] == 0
    assert not conf["control_socket_disable"]


def test_stack_runs_production_settings_whatever_the_caller_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "config.settings.test")
    env = Stack(tmp_path / "run", env={"DJANGO_DEBUG": "1"}).environment()
    assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.prod"
    assert env["NEWSROOM_TRUSTED_PROXY_COUNT"] == "1"
    assert len(env["DJANGO_SECRET_KEY"]) >= 50
    key_file = tmp_path / "run" / "secret_key"
    assert key_file.stat().st_mode & 0o077 == 0, "readable by its owner only"
    assert Stack(tmp_path / "run").environment()["DJANGO_SECRET_KEY"] == env["DJANGO_SECRET_KEY"]


@pytest.mark.django_db
def test_the_benchmark_reference_page_is_off_unless_asked_for(client):
    assert not settings.NEWSROOM_BENCH_PING
    assert client.get("/bench/ping").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/bench/floor-list").status_code == HTTPStatus.NOT_FOUND


# --- nginx itself -------------------------------------------------------------------------------


def nginx_stack(run_dir, upstream):
    """A Stack whose nginx proxies to `upstream`, without asking Django for its paths."""
    stack = Stack(run_dir, port=free_port(), env={"GUNICORN_BIND": upstream})
    static, media = run_dir / "static", run_dir / "media"
    static.mkdir(parents=True)
    media.mkdir()
    stack._paths = [str(static), str(media)]
    return stack


def test_nginx_accepts_the_rendered_configuration(nginx, tmp_path):
    stack = nginx_stack(tmp_path / "run", "127.0.0.1:9")
    assert "test is successful" in stack.check_nginx()


class Echo(BaseHTTPRequestHandler):
    """The upstream: answers with the headers that reached it."""

    def do_GET(self):
        body = json.dumps([[name, value] for name, value in self.headers.items()]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def echo_upstream():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def request(port, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


def test_nginx_drops_headers_with_underscores_and_sets_the_forwarded_ones(
    nginx, tmp_path, echo_upstream
):
    stack = nginx_stack(tmp_path / "run", echo_upstream)
    stack.start_nginx(ready_path="/")
    try:
        response, body = request(
            stack.port,
            "GET",
            "/news/",
            {
                "X_Forwarded_For": "6.6.6.6",
                "X-Client-Note": "kept",
                "X-Forwarded-For": "7.7.7.7",
                "X-Forwarded-Proto": "https",
            },
        )
    finally:
        stack.stop(quiet=True)
    assert response.status == HTTPStatus.OK
    assert response.getheader("Server") == "nginx", "no version"
    received = {name.lower(): value for name, value in json.loads(body)}
    assert "x_forwarded_for" not in received
    assert received["x-client-note"] == "kept"
    # The client's own entries stay to the left; the address nginx saw is appended last.
    assert received["x-forwarded-for"] == "7.7.7.7, 127.0.0.1"
    assert received["x-forwarded-proto"] == "http", "what the client claims is replaced"
    assert received["host"] == f"127.0.0.1:{stack.port}"


def test_nginx_refuses_a_body_over_its_limit_before_the_upstream_sees_it(
    nginx, tmp_path, echo_upstream
):
    stack = nginx_stack(tmp_path / "run", echo_upstream)
    stack.start_nginx(ready_path="/")
    try:
        small, _ = request(stack.port, "POST", "/upload/", body=b"x" * 1024)
        large, _ = request(stack.port, "POST", "/upload/", body=b"x" * (11 * 1024 * 1024))
    finally:
        stack.stop(quiet=True)
    assert small.status == HTTPStatus.OK
    assert large.status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE


# --- The whole stack ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """A PostgreSQL database of its own, migrated, and the static files collected: the stack's
    environment (with Redis). The database is dropped afterwards."""
    nginx_installed()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        base = "postgres://postgres@127.0.0.1:5432/postgres"
    config = dj_database_url.parse(base)
    host, port = config.get("HOST") or "127.0.0.1", int(config.get("PORT") or 5432)
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError:
        unavailable(f"PostgreSQL is not reachable on {host}:{port}")
    redis_url = os.environ.get("NEWSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
    redis_address = urlsplit(redis_url)
    try:
        socket.create_connection(
            (redis_address.hostname or "127.0.0.1", redis_address.port or 6379), timeout=2
        ).close()
    except OSError:
        unavailable(f"Redis is not reachable at {redis_url}")
    name = f"deploy_stack_test_{os.getpid()}"
    root = tmp_path_factory.mktemp("stack")
    env = {
        "DATABASE_URL": f"{base.rpartition('/')[0]}/{name}",
        # Production settings want the Redis every app server shares (NEWSROOM_TEST_REDIS_URL).
        "REDIS_URL": redis_url,
        "DJANGO_STATIC_ROOT": str(root / "static"),
        "DJANGO_MEDIA_ROOT": str(root / "media"),
        "GUNICORN_WORKERS": "1",
        "NEWSROOM_BENCH_PING": "1",
    }
    ensure_database(env["DATABASE_URL"])
    try:
        Stack(root / "run", env=env).prepare()
        yield env
    finally:
        with maintenance_connection(config) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def gone(run_dir, pids):
    return not any(Path(f"/proc/{pid}").exists() for pid in pids) and not any(
        (run_dir / name).exists() for name in ("gunicorn.pid", "nginx.pid")
    )


@pytest.mark.stack
def test_the_stack_serves_pages_and_static_files_through_nginx_and_stops_cleanly(
    tmp_path, prepared
):
    stack = Stack(tmp_path / "run", port=free_port(), env=prepared)
    stack.start()
    try:
        pids = [*stack.worker_pids(), *(p.pid for p in stack.processes.values())]
        home, body = request(stack.port, "GET", "/", {"X-Forwarded-For": "6.6.6.6"})
        manifest = Path(prepared["DJANGO_STATIC_ROOT"], "staticfiles.json")
        site_css = json.loads(manifest.read_text())["paths"]["css/site.css"]
        css, _ = request(stack.port, "GET", f"/static/{site_css}")
        large, _ = request(stack.port, "POST", "/search/", body=b"x" * (11 * 1024 * 1024))
        ping, pong = request(stack.port, "GET", "/bench/ping")
    finally:
        stack.stop(quiet=True)

    assert home.status == HTTPStatus.OK
    assert b"<html" in body
    assert home.getheader("Server") == "nginx"
    assert css.status == HTTPStatus.OK
    assert "max-age=31536000" in css.getheader("Cache-Control")
    assert large.status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert (ping.status, pong) == (HTTPStatus.OK, b"pong")
    access_log = (tmp_path / "run" / "gunicorn-access.log").read_text()
    assert '6.6.6.6, 127.0.0.1 "GET / HTTP/1.1" 200' in access_log
    assert len(pids) == 3, "nginx, gunicorn's master and its one worker"
    assert gone(tmp_path / "run", pids)


@pytest.mark.stack
def test_serve_prod_stays_in_the_foreground_until_sigterm_then_stops_both(tmp_path, prepared):
    run_dir, port = tmp_path / "run", free_port()
    env = {**os.environ, **prepared, "NEWSROOM_RUN_DIR": str(run_dir)}
    env["NEWSROOM_PROD_PORT"] = str(port)
    serving = subprocess.Popen(
        [sys.executable, "-m", "deploy.stack", "serve", "--no-prepare"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        for line in serving.stdout:
            if f"serving http://127.0.0.1:{port}/" in line:
                break
        home, _ = request(port, "GET", "/")
        pids = [read_pid(run_dir / "gunicorn.pid"), read_pid(run_dir / "nginx.pid")]
        serving.send_signal(signal.SIGTERM)
        assert serving.wait(timeout=60) == 0
    finally:
        if serving.poll() is None:
            serving.kill()
    assert home.status == HTTPStatus.OK
    assert None not in pids
    assert gone(run_dir, pids)
