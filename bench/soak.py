"""The soak: the production stack under steady load, while its database, its cache and one of its
workers fail in turn. Loopback only, bounded in time (about five minutes with the defaults).

    python -m bench.soak                      # what `make soak` runs; writes docs/reliability.md
    python -m bench.soak --seconds 10 --outage 4 --no-write    # a quick look

It starts a PostgreSQL cluster of its own (initdb in a temporary directory, on a free port) and a
redis-server of its own (free port, nothing saved): the machine's PostgreSQL and Redis are never
touched. It loads the demo content and generated articles, starts nginx + gunicorn with
production settings against them (deploy/stack.py), and drives the site with a pool of
keep-alive clients (30% of the requests miss the page cache and query the database),
while another client asks /healthz twice a second. Then, under that load:

1. **sustained**: `--seconds` of load after a warm-up; no 5xx; each worker's resident memory is
   sampled and must stay flat (median of the last fifth against the first fifth);
2. **PostgreSQL restarted**: stopped (fast shutdown) for `--outage` seconds, then started again:
   meanwhile every answer is a 200 (a page from the cache) or the 503 page, none slow; afterwards
   the site recovers by itself (no restart of gunicorn);
3. **Redis stopped** for `--outage` seconds: every page still a 200 (from the database), /healthz
   says "degraded", then "ok" once Redis is back;
4. **a worker killed** (SIGKILL) in the middle of the load: gunicorn starts another; at most the
   request that worker was serving fails (nginx's 502), the others are served.

It prints a table of the expectations and what was measured, writes it to docs/reliability.md
between the soak markers, and exits with 1 if any expectation failed. The gunicorn and nginx
logs of the run are in .run/soak/.
"""

import argparse
import datetime
import http.client
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from bench.report import rewrite_between
from deploy.stack import BASE_DIR, Stack, StackError, free_port

RUN_DIR = BASE_DIR / ".run" / "soak"
OUTPUT = BASE_DIR / "docs" / "reliability.md"
BEGIN, END = "<!-- soak:begin -->", "<!-- soak:end -->"
PG_BIN = Path(os.environ.get("SOAK_PG_BIN", "/usr/lib/postgresql/15/bin"))
HOST = "127.0.0.1"

# What the run must show.
MAX_OUTAGE_LATENCY = 5.0  # s: the slowest answer while PostgreSQL is down (connect_timeout is 3)
MAX_RECOVERY = 10.0  # s from PostgreSQL accepting connections to a page from the database
MAX_MEMORY_GROWTH = 0.10  # of a worker's resident memory, last fifth against the first
SETTLE = 3.0  # s after a fault ends before everything must be 200 again

STATIC_PAGES = ["/", "/news/", "/events/", "/tags/", "/people/", "/organisations/", "/ru/news/"]
WORDS = ["heroin", "seizure", "precursors", "border", "training", "cooperation", "almaty"]


def log(message):
    print(message, flush=True)


# --- PostgreSQL and Redis of our own -------------------------------------------------------------


class PrivatePostgres:
    """A throw-away PostgreSQL cluster on 127.0.0.1:port (trust authentication, no fsync)."""

    def __init__(self, root):
        self.root = Path(root)
        self.data = self.root / "data"
        self.port = free_port(HOST)
        self.log = self.root / "postgres.log"
        # initdb and the server refuse to run as root: then as the postgres user.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def url(self):
        return f"postgres://postgres@{HOST}:{self.port}/newsroom_soak"

    def run(self, tool, *args, timeout=120):
        command = [*self.as_user, str(PG_BIN / tool), *args]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        if result.returncode:
            raise StackError(f"{tool} failed ({result.returncode}):\n{result.stderr[-2000:]}")
        return result

    def init(self):
        if not (PG_BIN / "initdb").exists():
            raise StackError(f"No PostgreSQL in {PG_BIN} (SOAK_PG_BIN says where).")
        self.root.mkdir(parents=True, exist_ok=True)
        if self.as_user:  # the postgres user must reach its directory in ours
            self.root.parent.chmod(0o755)
            shutil.chown(self.root, "postgres", "postgres")
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        return self

    def start(self):
        options = (
            f"-p {self.port} -c listen_addresses={HOST} -c unix_socket_directories={self.root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self, mode="fast"):
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def running(self):
        return (self.data / "postmaster.pid").exists()


class PrivateRedis:
    def __init__(self, root):
        self.root = Path(root)
        self.port = free_port(HOST)
        self.process = None

    @property
    def url(self):
        return f"redis://{HOST}:{self.port}/0"

    def start(self):
        redis_server = shutil.which("redis-server")
        if not redis_server:
            raise StackError("redis-server is not installed.")
        command = [
            *(redis_server, "--port", str(self.port), "--bind", HOST),
            *("--save", "", "--appendonly", "no", "--dir", str(self.root)),
        ]
        output = open(self.root / "redis.log", "ab")
        self.process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        output.close()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection((HOST, self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        raise StackError(f"redis-server did not listen on {self.port}.")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None


# --- Load ----------------------------------------------------------------------------------------


@dataclass
class Result:
    started: float  # time.monotonic()
    seconds: float
    status: int  # 0: no answer (connection refused or reset)
    path: str
    cached: bool = False


@dataclass
class Load:
    """`clients` threads, each on its own keep-alive connection to nginx, until stopped."""

    port: int
    pages: list
    clients: int = 6
    uncached_share: float = 0.3
    results: list = field(default_factory=list)
    health: list = field(default_factory=list)  # (sent, answered, status, body)

    def __post_init__(self):
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.threads = []

    def next_path(self, rng):
        if rng.random() < self.uncached_share:  # a new query: rendered from the database
            if rng.random() < 0.3:
                return f"/search/?q={rng.choice(WORDS)}+{rng.randrange(10**9)}"
            return f"{rng.choice(self.pages)}?v={rng.randrange(10**9)}"
        return rng.choice(self.pages)

    def request(self, connection, path):
        started = time.monotonic()
        try:
            connection.request("GET", path, headers={"Host": f"{HOST}:{self.port}"})
            response = connection.getresponse()
            response.read()
            status, cached = response.status, response.getheader("X-Page-Cache") == "hit"
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        except (OSError, http.client.HTTPException):
            connection.close()
            status, cached = 0, False
        return Result(started, time.monotonic() - started, status, path, cached)

    def client(self, seed):
        rng = random.Random(seed)
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        while not self.stopping.is_set():
            result = self.request(connection, self.next_path(rng))
            with self.lock:
                self.results.append(result)
            if result.status == 0:
                time.sleep(0.05)
        connection.close()

    def monitor(self):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        while not self.stopping.wait(0.5):
            started = time.monotonic()
            try:
                connection.request("GET", "/healthz", headers={"Host": f"{HOST}:{self.port}"})
                response = connection.getresponse()
                body = json.loads(response.read() or b"{}")
                self.health.append((started, time.monotonic(), response.status, body))
            except (OSError, http.client.HTTPException, ValueError):
                connection.close()
                self.health.append((started, time.monotonic(), 0, {}))

    def start(self):
        for number in range(self.clients):
            self.threads.append(threading.Thread(target=self.client, args=(number,), daemon=True))
        self.threads.append(threading.Thread(target=self.monitor, daemon=True))
        for thread in self.threads:
            thread.start()
        return self

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(35)

    def between(self, start, end):
        with self.lock:
            return [r for r in self.results if start <= r.started < end]

    def health_between(self, start, end):
        """The /healthz probes sent and answered within [start, end)."""
        return [
            (t, status, body) for t, done, status, body in self.health if start <= t and done < end
        ]


def rss_kb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def summary(results, seconds):
    statuses = {}
    for result in results:
        statuses[result.status] = statuses.get(result.status, 0) + 1
    latencies = sorted(r.seconds for r in results) or [0.0]
    return {
        "requests": len(results),
        "per_s": len(results) / seconds if seconds else 0.0,
        "statuses": dict(sorted(statuses.items())),
        "p50_ms": latencies[len(latencies) // 2] * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "max_ms": latencies[-1] * 1000,
    }


def server_errors(results):
    return sum(1 for r in results if r.status >= 500 or r.status == 0)


# --- The run -------------------------------------------------------------------------------------


@dataclass
class Check:
    name: str
    expected: str
    measured: str
    ok: bool


class Soak:
    def __init__(self, args, run_dir=RUN_DIR):
        self.args = args
        self.run_dir = Path(run_dir)
        self.checks = []
        self.phases = []  # (name, summary)
        self.notes = {}
        self.seconds = 0.0

    def check(self, name, expected, measured, ok):
        self.checks.append(Check(name, expected, measured, bool(ok)))
        log(f"  {'ok  ' if ok else 'FAIL'} {name}: {measured} (expected {expected})")

    def phase(self, name, results, seconds):
        found = summary(results, seconds)
        self.phases.append((name, found))
        log(
            f"  {name}: {found['requests']} requests, {found['per_s']:.0f}/s, "
            f"statuses {found['statuses']}, p99 {found['p99_ms']:.0f} ms, "
            f"max {found['max_ms']:.0f} ms"
        )
        return found

    def run(self):
        args = self.args
        shutil.rmtree(self.run_dir, ignore_errors=True)
        self.run_dir.mkdir(parents=True)
        started = time.monotonic()
        scratch = Path(tempfile.mkdtemp(prefix="newsroom-soak-"))
        postgres, redis, stack, load = PrivatePostgres(scratch / "pg"), None, None, None
        try:
            log(f"PostgreSQL of our own on {HOST}:{postgres.port} ...")
            postgres.init().start()
            redis = PrivateRedis(scratch)
            redis.start()
            log(f"Redis of our own on {HOST}:{redis.port}")
            stack = Stack(
                self.run_dir / "run",
                port=free_port(HOST),
                env={
                    "DATABASE_URL": postgres.url,
                    "REDIS_URL": redis.url,
                    "DJANGO_STATIC_ROOT": str(self.run_dir / "static"),
                    "DJANGO_MEDIA_ROOT": str(self.run_dir / "media"),
                    "GUNICORN_WORKERS": str(args.workers),
                    # The same workers all along: their memory is the run's.
                    "GUNICORN_MAX_REQUESTS": "0",
                    # Persistent connections as production keeps them (its default).
                    "DJANGO_CONN_MAX_AGE": "60",
                    "DJANGO_LOG_LEVEL": "WARNING",
                },
            )
            log("Migrating, loading content, collecting static files ...")
            stack.prepare()
            stack.manage("load_demo", capture=True)
            stack.manage(
                "generate_content",
                *("--articles", str(args.articles), "--events", str(args.articles // 10)),
                capture=True,
            )
            with psycopg.connect(postgres.url, autocommit=True) as connection:
                connection.execute("VACUUM ANALYZE")  # the planner's statistics, as in production
            stack.start()
            log(f"The stack serves {stack.url}/ with {args.workers} workers")
            pages = [*STATIC_PAGES, *self.detail_pages(stack.port)]
            load = Load(stack.port, pages, clients=args.clients).start()
            self.sustained(stack, load)
            self.postgres_restart(postgres, load)
            self.redis_stop(redis, load)
            self.worker_kill(stack, load)
            load.stop()
            self.logs(stack)
        finally:
            if load:
                load.stop()
            if stack:
                stack.stop(quiet=True)
            if redis:
                redis.stop()
            if postgres.running():
                postgres.stop("immediate")
            shutil.rmtree(scratch, ignore_errors=True)
            self.seconds = time.monotonic() - started
        return all(check.ok for check in self.checks)

    @staticmethod
    def detail_pages(port):
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        connection.request("GET", "/news/", headers={"Host": f"{HOST}:{port}"})
        body = connection.getresponse().read().decode()
        connection.close()
        found = sorted(set(re.findall(r'href="(/news/(?!\d+/)[a-z0-9-]+/)"', body)))
        return found[:10]

    # --- the phases ---

    def sustained(self, stack, load):
        args = self.args
        log(f"Warm-up {args.warmup} s, then {args.seconds} s of sustained load")
        time.sleep(args.warmup)
        start = time.monotonic()
        samples = []  # (time, {pid: kB})
        while time.monotonic() - start < args.seconds:
            samples.append({pid: rss_kb(pid) for pid in stack.worker_pids()})
            time.sleep(min(2.0, max(0.0, args.seconds - (time.monotonic() - start))))
        end = time.monotonic()
        results = load.between(start, end)
        self.phase("sustained load", results, end - start)
        self.check(
            "sustained load: server errors",
            "0",
            str(server_errors(results)),
            server_errors(results) == 0,
        )
        self.check("sustained load: requests", "> 0", str(len(results)), results)
        (self.run_dir / "memory.json").write_text(json.dumps(samples))  # {pid: kB} every 2 s
        fifth = max(1, len(samples) // 5)
        pids = set(samples[0]) if samples else set()
        growths = []
        for pid in sorted(pids):
            first = [s[pid] for s in samples[:fifth] if s.get(pid)]
            last = [s[pid] for s in samples[-fifth:] if s.get(pid)]
            if first and last:
                growths.append((pid, statistics.median(first), statistics.median(last)))
        self.notes["memory"] = growths
        worst = max(((last - first) / first for _pid, first, last in growths), default=None)
        measured = ", ".join(
            f"{first / 1024:.0f} → {last / 1024:.0f} MB" for _p, first, last in growths
        )
        self.check(
            "sustained load: worker memory flat",
            f"≤ +{MAX_MEMORY_GROWTH:.0%} per worker",
            f"{measured} (worst {worst:+.1%})" if worst is not None else "no samples",
            worst is not None and worst <= MAX_MEMORY_GROWTH and len(growths) == self.args.workers,
        )

    def postgres_restart(self, postgres, load):
        args = self.args
        log(f"PostgreSQL stopped for {args.outage} s under load, then started again")
        time.sleep(3)
        down = time.monotonic()
        postgres.stop("fast")
        time.sleep(args.outage)
        starting = time.monotonic()
        postgres.start()
        up = time.monotonic()
        recovered = None
        deadline = up + MAX_RECOVERY + 20
        while time.monotonic() < deadline:
            fresh = [r for r in load.between(up, time.monotonic()) if not r.cached]
            if any(r.status == 200 for r in fresh):
                recovered = min(r.started + r.seconds for r in fresh if r.status == 200) - up
                break
            time.sleep(0.1)
        time.sleep(SETTLE + 5)
        end = time.monotonic()
        during = load.between(down, up)
        self.phase("PostgreSQL down", during, up - down)
        statuses = {r.status for r in during}
        self.check(
            "PostgreSQL down: answers",
            "only 200 (cache hits) and 503",
            ", ".join(f"{s}: {sum(1 for r in during if r.status == s)}" for s in sorted(statuses)),
            statuses <= {200, 503} and 503 in statuses,
        )
        slowest = max((r.seconds for r in during), default=0.0)
        self.check(
            "PostgreSQL down: slowest answer",
            f"< {MAX_OUTAGE_LATENCY:.0f} s (fail fast, no hang)",
            f"{slowest * 1000:.0f} ms",
            slowest < MAX_OUTAGE_LATENCY,
        )
        health = {status for _t, status, _b in load.health_between(down + 1, starting)}
        self.check(
            "PostgreSQL down: /healthz", "503", ", ".join(map(str, sorted(health))), health == {503}
        )
        self.check(
            "PostgreSQL back: recovery without restart",
            f"a page from the database within {MAX_RECOVERY:.0f} s",
            f"{recovered:.1f} s" if recovered is not None else "never",
            recovered is not None and recovered <= MAX_RECOVERY,
        )
        after = load.between(up + (recovered or 0) + SETTLE, end)
        self.phase("PostgreSQL back", after, end - up - (recovered or 0) - SETTLE)
        self.check(
            "PostgreSQL back: every answer 200",
            f"{SETTLE:.0f} s after recovery",
            f"{sum(1 for r in after if r.status != 200)} not 200 of {len(after)}",
            after and all(r.status == 200 for r in after),
        )

    def redis_stop(self, redis, load):
        args = self.args
        log(f"Redis stopped for {args.outage} s under load, then started again (empty)")
        time.sleep(3)
        down = time.monotonic()
        redis.stop()
        time.sleep(args.outage)
        starting = time.monotonic()
        redis.start()
        up = time.monotonic()
        # Each worker leaves the cache alone for newsroom.cache.RETRY_AFTER s after an error.
        time.sleep(SETTLE + 10)
        end = time.monotonic()
        during = load.between(down, up)
        self.phase("Redis down", during, up - down)
        self.check(
            "Redis down: every page 200 (from the database)",
            "0 not 200",
            f"{sum(1 for r in during if r.status != 200)} not 200 of {len(during)}",
            during and all(r.status == 200 for r in during),
        )
        health = {
            (status, body.get("status"))
            for _t, status, body in load.health_between(down + 1, starting)
        }
        self.check(
            "Redis down: /healthz",
            "200 degraded",
            ", ".join(f"{s} {b}" for s, b in sorted(health)),
            health == {(200, "degraded")},
        )
        after = load.between(up + SETTLE, end)
        self.phase("Redis back", after, end - up - SETTLE)
        healthy = {(s, b.get("status")) for _t, s, b in load.health_between(up + SETTLE, end)}
        self.check(
            "Redis back: pages from the cache again, /healthz ok",
            "cache hits, 200 ok",
            f"{sum(1 for r in after if r.cached)} hits, "
            + ", ".join(f"{s} {b}" for s, b in sorted(healthy)),
            any(r.cached for r in after) and healthy == {(200, "ok")},
        )

    def worker_kill(self, stack, load):
        log("A gunicorn worker killed (SIGKILL) under load")
        time.sleep(3)
        before = set(stack.worker_pids())
        victim = sorted(before)[0]
        killed = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        replaced, deadline = None, killed + 30
        while time.monotonic() < deadline:
            now = set(stack.worker_pids())
            if len(now - before) >= 1 and len(now) == len(before):
                replaced = time.monotonic() - killed
                break
            time.sleep(0.1)
        time.sleep(SETTLE + 5)
        end = time.monotonic()
        results = load.between(killed - 1, end)
        self.phase("worker killed", results, end - killed + 1)
        failed = server_errors(results)
        self.check(
            "worker killed: failed requests",
            "≤ 1 (the one it was serving)",
            f"{failed} of {len(results)}",
            failed <= 1,
        )
        self.check(
            "worker killed: replaced by gunicorn",
            "within 10 s",
            f"{replaced:.1f} s" if replaced is not None else "never",
            replaced is not None and replaced <= 10,
        )
        after = load.between(killed + SETTLE, end)
        self.check(
            "worker killed: serving continues",
            "every answer 200 afterwards",
            f"{sum(1 for r in after if r.status == 200)} of {len(after)}",
            after and all(r.status == 200 for r in after),
        )

    def logs(self, stack):
        text = stack.path("gunicorn.log").read_text(errors="replace")
        tracebacks = text.count("Traceback")
        outage_lines = text.count("Database unavailable: 503")
        self.check(
            "logs: the outage reported, no traceback",
            "'Database unavailable' lines, 0 tracebacks",
            f"{outage_lines} lines, {tracebacks} tracebacks",
            outage_lines > 0 and tracebacks == 0,
        )

    # --- the report ---

    def report(self, command):
        args = self.args
        passed = all(check.ok for check in self.checks)
        verdict = "All expectations met" if passed else "FAILED"
        lines = [
            f"Run on {datetime.date.today().isoformat()} with `{command}`: {args.workers} gunicorn "
            f"workers, {args.clients} clients, {args.articles:,} generated articles, "
            f"{args.seconds} s of sustained load, outages of {args.outage} s "
            f"({platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python "
            f"{platform.python_version()}; {self.seconds / 60:.1f} minutes in all). **{verdict}.**",
            "",
            "| check | expected | measured | |",
            "| --- | --- | --- | --- |",
        ]
        for check in self.checks:
            mark = "pass" if check.ok else "**FAIL**"
            lines.append(f"| {check.name} | {check.expected} | {check.measured} | {mark} |")
        lines += [
            "",
            "| phase | requests | per s | statuses | p50 | p99 | max |",
            "| --- | ---: | ---: | --- | ---: | ---: | ---: |",
        ]
        for name, found in self.phases:
            statuses = ", ".join(f"{s or 'no answer'}: {n}" for s, n in found["statuses"].items())
            lines.append(
                f"| {name} | {found['requests']:,} | {found['per_s']:.0f} | {statuses} | "
                f"{found['p50_ms']:.0f} ms | {found['p99_ms']:.0f} ms | {found['max_ms']:.0f} ms |"
            )
        return "\n".join(lines) + "\n"


def write_report(path, body):
    rewrite_between(path, body, BEGIN, END, "Reliability")


def env_int(name, default):
    return int(os.environ.get(name) or default)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds",
        type=int,
        default=env_int("SOAK_SECONDS", 150),
        help="sustained load after the warm-up (SOAK_SECONDS, default 150)",
    )
    parser.add_argument(
        "--outage",
        type=int,
        default=env_int("SOAK_OUTAGE_SECONDS", 10),
        help="how long PostgreSQL and Redis stay down (SOAK_OUTAGE_SECONDS, 10)",
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=env_int("SOAK_WARMUP_SECONDS", 30),
        help="load before the sustained phase: the workers' caches fill (default 30)",
    )
    parser.add_argument(
        "--workers", type=int, default=env_int("SOAK_WORKERS", 2), help="gunicorn's (default 2)"
    )
    parser.add_argument(
        "--clients",
        type=int,
        default=env_int("SOAK_CLIENTS", 6),
        help="concurrent keep-alive clients (default 6)",
    )
    parser.add_argument("--articles", type=int, default=env_int("SOAK_ARTICLES", 1000))
    parser.add_argument("--output", type=Path, default=OUTPUT, help="default docs/reliability.md")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    soak = Soak(args)
    try:
        passed = soak.run()
    except StackError as error:
        sys.exit(f"error: {error}")
    if os.environ.get("MAKELEVEL"):
        knobs = [f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("SOAK_")]
        command = " ".join(["make soak", *knobs])
    else:
        command = " ".join(["python -m bench.soak", *(sys.argv[1:] if argv is None else argv)])
    body = soak.report(command)
    print("\n" + body)
    if not args.no_write:
        write_report(args.output, body)
        print(f"Written to {args.output}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
