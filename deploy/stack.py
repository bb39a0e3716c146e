"""The production stack on this machine: nginx in front of gunicorn, with production settings.

    python -m deploy.stack serve     # prepare, start, stay in the foreground; Ctrl-C stops both
    python -m deploy.stack start     # prepare and start in the background (pid files)
    python -m deploy.stack stop      # stop what `start` started
    python -m deploy.stack render    # print the nginx configuration
    python -m deploy.stack check     # nginx -t on it

Everything the stack writes (the generated nginx.conf, pid files, sockets, logs, nginx's temporary
files and a generated secret key) goes into the run directory, `.run/prod/` unless
NEWSROOM_RUN_DIR says otherwise. The make targets serve-prod, serve-prod-start and serve-prod-stop
call this module; bench/ and the tests use `Stack` directly.
"""

import argparse
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEPLOY_DIR = BASE_DIR / "deploy"
NGINX_TEMPLATE = DEPLOY_DIR / "nginx.conf"
GUNICORN_CONF = DEPLOY_DIR / "gunicorn.conf.py"
DEFAULT_RUN_DIR = BASE_DIR / ".run" / "prod"
MIME_TYPES = Path("/etc/nginx/mime.types")
TEMP_DIRS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")

# What a run on this machine needs beside production settings' own defaults. The environment
# wins over these (DATABASE_URL=... make serve-prod); Stack(env=...) wins over both.
DEFAULTS = {
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/newsroom_prod",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    # Loopback has no TLS: no redirect to https (nginx would terminate TLS on a real server).
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    # nginx appends the client's address to X-Forwarded-For (newsroom.audit.client_ip).
    "NEWSROOM_TRUSTED_PROXY_COUNT": "1",
    # Persistent database connections, as a real deployment keeps them.
    "DJANGO_CONN_MAX_AGE": "60",
}

PLACEHOLDER = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")
UNSAFE_VALUE = re.compile(r"""[\s;{}"'$#]""")


class StackError(RuntimeError):
    pass


def render(template, values, sections=None):
    """`template` with each ${NAME} replaced by values[NAME], and each block between the lines
    `# <section>:begin` and `# <section>:end` left out when sections[<section>] is false."""
    sections = sections or {}
    kept, skipping = [], None
    for line in template.splitlines(keepends=True):
        marker = re.fullmatch(r"\s*# (\w+):(begin|end)\b.*\n?", line)
        if marker and marker[1] in sections:
            if marker[2] == "begin" and not sections[marker[1]]:
                skipping = marker[1]
            elif marker[2] == "end" and skipping == marker[1]:
                skipping = None
                continue
        if skipping is None:
            kept.append(line)

    def fill(match):
        name = match[1]
        if name not in values:
            raise StackError(f"No value for ${{{name}}} in the nginx template.")
        value = str(values[name])
        if not value or UNSAFE_VALUE.search(value):
            raise StackError(f"{name}={value!r} cannot go into nginx.conf as it is.")
        return value

    return PLACEHOLDER.sub(fill, "".join(kept))


def free_port(host="127.0.0.1"):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def process_alive(pid, name):
    """Whether `pid` is a live process whose command line mentions `name` (stale pid files)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z" and name.encode() in cmdline


def read_pid(path):
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


class Stack:
    """gunicorn (production settings) and nginx in front of it, on 127.0.0.1:`port`."""

    def __init__(self, run_dir=None, *, port=None, host="127.0.0.1", env=None, python=None):
        self.run_dir = Path(run_dir or os.environ.get("NEWSROOM_RUN_DIR") or DEFAULT_RUN_DIR)
        self.host = host
        self.port = int(port or os.environ.get("NEWSROOM_PROD_PORT") or 8088)
        self.overrides = dict(env or {})
        self.python = python or sys.executable
        self.processes = {}
        self._paths = None

    # --- Configuration ---------------------------------------------------------------------

    @property
    def url(self):
        return f"http://{self.host}:{self.port}"

    def path(self, name):
        return self.run_dir / name

    def secret_key(self):
        """The run directory's own secret key, made on first use (never in the repository)."""
        key_file = self.path("secret_key")
        if not key_file.exists():
            self.run_dir.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as out:
                out.write(secrets.token_urlsafe(64))
        return key_file.read_text().strip()

    def environment(self):
        env = {**os.environ}
        for name, value in DEFAULTS.items():
            env.setdefault(name, value)
        env.setdefault("DJANGO_SECRET_KEY", self.secret_key())
        env.setdefault("GUNICORN_BIND", f"unix:{self.path('gunicorn.sock')}")
        env.setdefault("GUNICORN_CONTROL_SOCKET", str(self.path("gunicorn.ctl")))
        env.setdefault("GUNICORN_ACCESS_LOG", str(self.path("gunicorn-access.log")))
        env.update(self.overrides)
        # Whatever settings the caller runs under (pytest's, dev's), the stack runs production's.
        env["DJANGO_SETTINGS_MODULE"] = "config.settings.prod"
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def django_paths(self):
        """STATIC_ROOT, and MEDIA_ROOT when uploads are stored on this file system (else None)."""
        if self._paths is None:
            code = (
                "import json, django; django.setup(); from django.conf import settings; "
                "local = settings.STORAGES['default']['BACKEND'].endswith('FileSystemStorage'); "
                "print(json.dumps([str(settings.STATIC_ROOT), "
                "str(settings.MEDIA_ROOT) if local else None]))"
            )
            output = self.run_python("-c", code, capture=True)
            self._paths = json.loads(output.strip().splitlines()[-1])
        return self._paths

    def upstream(self):
        bind = self.environment()["GUNICORN_BIND"]
        return bind if bind.startswith("unix:") else bind.removeprefix("http://")

    def nginx_config(self):
        static_root, media_root = self.django_paths()
        values = {
            "RUN_DIR": self.run_dir.resolve(),
            "MIME_TYPES": MIME_TYPES,
            "LISTEN": f"{self.host}:{self.port}",
            "SERVER_NAME": "localhost",
            "UPSTREAM": self.upstream(),
            "STATIC_ROOT": Path(static_root).resolve(),
            "MEDIA_ROOT": Path(media_root).resolve() if media_root else "-",
            "WORKER_USER": pwd.getpwuid(BASE_DIR.stat().st_uid).pw_name,
        }
        sections = {"media": media_root is not None, "root": os.geteuid() == 0}
        return render(NGINX_TEMPLATE.read_text(), values, sections)

    def write_nginx_config(self):
        for name in TEMP_DIRS:
            self.path("tmp").joinpath(name).mkdir(parents=True, exist_ok=True)
        config = self.path("nginx.conf")
        config.write_text(self.nginx_config())
        return config

    def nginx_command(self, *extra):
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise StackError("nginx is not installed: run `make prod-deps`.")
        run_dir = str(self.run_dir.resolve())
        config = str(self.path("nginx.conf").resolve())
        return [nginx, "-p", run_dir, "-c", config, "-e", f"{run_dir}/nginx-error.log", *extra]

    def check_nginx(self):
        """nginx -t on the generated configuration; returns nginx's report."""
        self.write_nginx_config()
        result = subprocess.run(
            self.nginx_command("-t"), capture_output=True, text=True, check=False
        )
        if result.returncode:
            raise StackError(f"nginx -t refused the configuration:\n{result.stderr}")
        return result.stderr

    # --- Preparing the database and the static files ---------------------------------------

    def run_python(self, *args, capture=False):
        result = subprocess.run(
            [self.python, *args],
            cwd=BASE_DIR,
            env=self.environment(),
            capture_output=capture,
            text=True,
            check=False,
        )
        if result.returncode:
            detail = f"\n{result.stdout}\n{result.stderr}" if capture else ""
            raise StackError(f"{' '.join(args[:3])} failed ({result.returncode}).{detail}")
        return result.stdout

    def manage(self, *args, capture=False):
        return self.run_python("manage.py", *args, capture=capture)

    def ensure_database(self):
        """Create the PostgreSQL database DATABASE_URL names, if it does not exist yet."""
        ensure_database(self.environment()["DATABASE_URL"])

    def prepare(self, *, migrate=True, collectstatic=True):
        self.run_dir.mkdir(parents=True, exist_ok=True)
        if migrate:
            self.ensure_database()
            self.manage("migrate", "--noinput", "-v", "0")
            self.manage("sync_roles", capture=True)
        if collectstatic:
            self.manage("collectstatic", "--noinput", "-v", "0")

    # --- Running -----------------------------------------------------------------------------

    def start(self, *, detach=True, timeout=60):
        """Start gunicorn, then nginx, and return once a page answers through nginx."""
        self.stop(quiet=True)  # whatever a previous run left behind
        self.start_gunicorn(detach=detach, timeout=timeout)
        self.start_nginx(detach=detach, timeout=timeout)
        return self

    def start_gunicorn(self, *, detach=True, timeout=60):
        env = self.environment()
        bind = env["GUNICORN_BIND"]
        if bind.startswith("unix:"):
            Path(bind.removeprefix("unix:")).unlink(missing_ok=True)
        command = [
            *(self.python, "-m", "gunicorn", "-c", str(GUNICORN_CONF)),
            *("--pid", str(self.path("gunicorn.pid"))),
        ]
        self.processes["gunicorn"] = self._spawn(command, "gunicorn", env, detach)
        self._wait_for_gunicorn(bind, timeout)

    def start_nginx(self, *, detach=True, timeout=60, ready_path="/robots.txt"):
        self.write_nginx_config()
        command = self.nginx_command()
        self.processes["nginx"] = self._spawn(command, "nginx", self.environment(), detach)
        self._wait_for_http(ready_path, timeout)

    def _spawn(self, command, name, env, detach):
        # Its own session: a Ctrl-C in the terminal reaches this process only, which then stops
        # the two servers in order (and `stop` finds them by their pid files).
        output = open(self.path(f"{name}.log"), "ab") if detach else None
        try:
            return subprocess.Popen(
                command,
                cwd=BASE_DIR,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT if detach else None,
                start_new_session=True,
            )
        finally:
            if output:
                output.close()

    def _check_running(self):
        for name, process in self.processes.items():
            if process.poll() is not None:
                log = self.path(f"{name}.log")
                tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
                self.stop(quiet=True)
                raise StackError(f"{name} exited with status {process.returncode}.\n{tail}")

    def _wait_for_gunicorn(self, bind, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._check_running()
            try:
                if bind.startswith("unix:"):
                    with socket.socket(socket.AF_UNIX) as probe:
                        probe.connect(bind.removeprefix("unix:"))
                else:
                    host, _, port = bind.rpartition(":")
                    socket.create_connection((host, int(port)), timeout=1).close()
                return
            except OSError:
                time.sleep(0.2)
        self.stop(quiet=True)
        raise StackError(f"gunicorn did not listen on {bind} within {timeout} s.")

    def _wait_for_http(self, path, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._check_running()
            try:
                with urllib.request.urlopen(f"{self.url}{path}", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:  # refused, or an HTTP error (HTTPError is an OSError)
                pass
            time.sleep(0.2)
        self.stop(quiet=True)
        raise StackError(f"{self.url}{path} did not answer within {timeout} s.")

    def worker_pids(self):
        """gunicorn's workers: the children of its master."""
        master = read_pid(self.path("gunicorn.pid"))
        if master is None:
            return []
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                pids.append(int(entry.name))
        return pids

    def stop(self, *, quiet=False, timeout=30):
        """Stop nginx (finishing the requests under way), then gunicorn (its workers likewise)."""
        targets = [
            ("nginx", self.path("nginx.pid"), signal.SIGQUIT),
            ("gunicorn", self.path("gunicorn.pid"), signal.SIGTERM),
        ]
        for name, pid_file, signum in targets:
            process = self.processes.pop(name, None)
            pid = process.pid if process else read_pid(pid_file)
            if pid is None or not process_alive(pid, name):
                if process:
                    process.wait()
                pid_file.unlink(missing_ok=True)
                continue
            if not quiet:
                print(f"Stopping {name} ({pid})", flush=True)
            os.kill(pid, signum)
            if not self._wait_gone(pid, name, process, timeout):
                os.kill(pid, signal.SIGKILL)
                self._wait_gone(pid, name, process, 5)
            pid_file.unlink(missing_ok=True)

    @staticmethod
    def _wait_gone(pid, name, process, timeout):
        if process:
            try:
                process.wait(timeout)
                return True
            except subprocess.TimeoutExpired:
                return False
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not process_alive(pid, name):
                return True
            time.sleep(0.1)
        return False

    def serve(self):
        """Run in the foreground until Ctrl-C or SIGTERM, or until one of the servers stops."""
        stopping = threading.Event()

        def request_stop(signum, frame):
            stopping.set()

        previous = {s: signal.signal(s, request_stop) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            self.start(detach=False)
            print(f"\nThe production stack is serving {self.url}/ (Ctrl-C stops it)", flush=True)
            print(f"Logs and pid files: {self.run_dir}", flush=True)
            while not stopping.wait(0.5):
                for name, process in self.processes.items():
                    if process.poll() is not None:
                        print(f"{name} exited with status {process.returncode}", file=sys.stderr)
                        stopping.set()
        finally:
            self.stop()
            for signum, handler in previous.items():
                signal.signal(signum, handler)


def ensure_database(url):
    """Create the PostgreSQL database `url` names if it is missing; other databases: nothing."""
    import dj_database_url
    from psycopg import sql

    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        return False
    with maintenance_connection(config) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if exists:
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
    return True


def maintenance_connection(config):
    """An autocommit connection to the server's `postgres` database (for CREATE/DROP DATABASE)."""
    import psycopg

    return psycopg.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        autocommit=True,
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["serve", "start", "stop", "render", "check"])
    parser.add_argument("--port", type=int, help="nginx's port (default NEWSROOM_PROD_PORT, 8088)")
    parser.add_argument("--run-dir", help="default NEWSROOM_RUN_DIR, else .run/prod")
    parser.add_argument("--no-prepare", action="store_true", help="skip migrate and collectstatic")
    args = parser.parse_args(argv)
    stack = Stack(args.run_dir, port=args.port)
    try:
        if args.command == "render":
            sys.stdout.write(stack.nginx_config())
        elif args.command == "check":
            sys.stderr.write(stack.check_nginx())
        elif args.command == "stop":
            stack.stop()
        else:
            if not args.no_prepare:
                stack.prepare()
            if args.command == "serve":
                stack.serve()
            else:
                stack.start(detach=True)
                print(f"The production stack is serving {stack.url}/ (stop: make serve-prod-stop)")
    except StackError as error:
        sys.exit(f"error: {error}")


if __name__ == "__main__":
    main()
