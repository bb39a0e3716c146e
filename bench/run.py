"""The benchmark: the production stack (deploy/) on data sets of growing size, measured with wrk.

    python -m bench.run --sizes 1000,10000,100000      # what `make bench` runs
    python -m bench.run --sizes 1000 --duration 3      # a quick look

For each size it builds (or reuses) a PostgreSQL database of that many articles, starts nginx and
gunicorn against it with production settings, and measures each page with the page cache off
("cold") and on ("warm"): requests per second, p50 and p99 latency, each as a ratio to the
reference measured in the same run (a minimal view through the same stack), the SQL queries per
page and the peak memory of a gunicorn worker. docs/benchmarks.md explains the figures; the run
rewrites its results section and prints it.

It uses the Redis database of REDIS_URL (default redis://127.0.0.1:6379/1) and empties it before
each measurement.
"""

import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.report import rewrite_between
from deploy.stack import BASE_DIR, Stack, StackError, free_port, maintenance_connection

RUN_DIR = BASE_DIR / ".run" / "bench"
OUTPUT = BASE_DIR / "docs" / "benchmarks.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
# Raise when the generated content changes: data sets built before are then built again.
DATASET_VERSION = 1
SEED = 2020
IMAGES = 24
MODES = {"cold": "off", "warm": "on"}  # NEWSROOM_PAGE_CACHE for each
OPTION_DEFAULTS = {"duration": 10, "warmup": 2, "threads": 2, "connections": 8, "workers": 2}
PAGES = [
    "home",
    "news list",
    "deep list page",
    "tag filter",
    "multi-facet filter",
    "detail",
    "search",
    "feed",
    "sitemap",
]
# The floors (bench/floor.py): the least a page that reads content and renders a template costs.
# Reported beside the pages, with no target of their own.
FLOORS = ["floor: one article", "floor: 20 articles"]
# Targets (issue 6): share of the reference's throughput with the page cache off...
COLD_TARGETS = {
    "news list": 0.10,
    "tag filter": 0.08,
    "multi-facet filter": 0.08,
    "detail": 0.25,
    "search": 0.05,
}
WARM_TARGET = 0.70  # ... and of every page with it on
MAX_QUERIES = 6  # per list and detail page
QUERY_PAGES = ["home", "news list", "deep list page", "tag filter", "multi-facet filter", "detail"]
MAX_GROWTH = 1.5  # smallest to largest data set, per page
MAX_WORKER_MB = 150
# A page too slow for this many requests in the set duration is measured for longer, up to the
# maximum: its figures then rest on enough requests (or on all that the maximum allowed).
MIN_REQUESTS = 20
MAX_DURATION = 120


@dataclass
class Measure:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx responses and socket errors
    seconds: int = 0  # how long wrk ran


@dataclass
class ModeResult:
    measures: dict = field(default_factory=dict)  # name -> Measure
    references: list = field(default_factory=list)  # the reference, before and after the pages
    queries: dict = field(default_factory=dict)  # name -> count
    worker_peak_mb: float = 0.0

    @property
    def reference(self):
        return statistics.fmean(m.requests_per_s for m in self.references)

    def ratio(self, name):
        return self.measures[name].requests_per_s / self.reference


def growth(small, large):
    """How many times lower `large`'s ratio is than `small`'s (infinite when it served nothing)."""
    return small / large if large else math.inf


# --- wrk ----------------------------------------------------------------------------------------

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def to_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS_MS[unit]


def parse_wrk(output):
    """requests/s, p50, p99 and errors from the output of `wrk --latency`."""
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Measure(
        requests_per_s=float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        p50_ms=to_ms(latency["50"]),
        p99_ms=to_ms(latency["99"]),
        requests=int(re.search(r"(\d+) requests in", output)[1]),
        errors=errors,
    )


class Wrk:
    def __init__(self, *, threads, connections, duration, warmup):
        self.binary = shutil.which("wrk")
        if not self.binary:
            raise StackError("wrk is not installed: run `make prod-deps`.")
        self.threads, self.connections = threads, connections
        self.duration, self.warmup = duration, warmup

    def command(self, url, seconds, *extra):
        return [
            self.binary,
            *(f"-t{self.threads}", f"-c{self.connections}", f"-d{seconds}s"),
            "--timeout",
            "60s",  # a slow page is slow, not an error
            *extra,
            url,
        ]

    def run(self, url, seconds):
        result = subprocess.run(
            self.command(url, seconds, "--latency"), capture_output=True, text=True, check=True
        )
        measure = parse_wrk(result.stdout)
        measure.seconds = seconds
        return measure

    def measure(self, url):
        if self.warmup:
            subprocess.run(self.command(url, self.warmup), capture_output=True, check=True)
        measure = self.run(url, self.duration)
        if measure.requests < MIN_REQUESTS and self.duration < MAX_DURATION:
            rate = max(measure.requests / self.duration, MIN_REQUESTS / MAX_DURATION)
            measure = self.run(url, min(MAX_DURATION, math.ceil(MIN_REQUESTS / rate)))
        return measure


# --- Worker memory ------------------------------------------------------------------------------


class MemorySampler(threading.Thread):
    """The largest VmHWM (peak resident memory) of any gunicorn worker while it runs."""

    def __init__(self, stack, interval=0.5):
        super().__init__(daemon=True)
        self.stack, self.interval = stack, interval
        self.peak_kb = 0
        self.stopped = threading.Event()

    def sample(self):
        for pid in self.stack.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
            if found:
                self.peak_kb = max(self.peak_kb, int(found[1]))

    def run(self):
        while not self.stopped.wait(self.interval):
            self.sample()

    def stop(self):
        self.stopped.set()
        self.join()
        self.sample()
        return self.peak_kb / 1024


# --- Data sets ----------------------------------------------------------------------------------


def database_url(base, size):
    prefix, _, name = base.rpartition("/")
    return f"{prefix}/{name}_{size}"


def dataset_spec(size):
    return {
        "articles": size,
        "events": max(50, size // 10),
        "images": IMAGES,
        "seed": SEED,
        "version": DATASET_VERSION,
    }


def connect(url, **options):
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    return psycopg.connect(
        dbname=config["NAME"],
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        **options,
    )


def read_marker(url):
    """The spec the data set at `url` was built with, or None (no database, or unfinished)."""
    import psycopg

    try:
        with connect(url) as connection:
            row = connection.execute("SELECT spec FROM bench_dataset").fetchone()
    except psycopg.Error:
        return None
    return json.loads(row[0]) if row else None


def build_dataset(stack, url, size, media_root):
    """Build the data set in a new database: the demo content, then generated content. The
    marker table, written last, says it is complete and what it holds."""
    import dj_database_url
    from psycopg import sql

    config = dj_database_url.parse(url)
    name = sql.Identifier(config["NAME"])
    with maintenance_connection(config) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
    shutil.rmtree(media_root, ignore_errors=True)
    spec = dataset_spec(size)
    started = time.perf_counter()
    stack.manage("migrate", "--noinput", "-v", "0")
    stack.manage("load_demo", capture=True)
    report = stack.manage(
        "generate_content",
        *("--articles", str(spec["articles"]), "--events", str(spec["events"])),
        *("--images", str(spec["images"]), "--seed", str(spec["seed"])),
        capture=True,
    )
    spec["seconds"] = round(time.perf_counter() - started, 1)
    spec["report"] = report.strip().splitlines()[-1]
    with connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
        connection.execute("CREATE TABLE bench_dataset (spec text)")
        connection.execute("INSERT INTO bench_dataset VALUES (%s)", [json.dumps(spec)])
    return spec


def ensure_dataset(stack, url, size, media_root, rebuild, log):
    marker = read_marker(url)
    wanted = dataset_spec(size)
    if not rebuild and marker and media_root.is_dir():
        if all(marker.get(key) == value for key, value in wanted.items()):
            log(f"  data set: reusing {size:,} articles (built in {marker['seconds']} s)")
            return marker
    log(f"  data set: building {size:,} articles ...")
    spec = build_dataset(stack, url, size, media_root)
    log(f"  data set: built in {spec['seconds']} s ({spec['report']})")
    return spec


# --- One size, one mode -------------------------------------------------------------------------


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def fetch_status(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def cpu_ticks(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def wait_until_idle(stack, timeout=180, window=0.25):
    """Until gunicorn's workers have been idle for two windows in a row.

    wrk stops at the end of its time, but a worker still finishes the requests queued for it: after
    a slow page that can take seconds, and whatever is measured next would wait behind them."""
    deadline = time.monotonic() + timeout
    quiet = 0
    before = {pid: cpu_ticks(pid) for pid in stack.worker_pids()}
    while quiet < 2 and time.monotonic() < deadline:
        time.sleep(window)
        now = {pid: cpu_ticks(pid) for pid in stack.worker_pids()}
        busy = any(now[pid] - before.get(pid, 0) > 1 for pid in now)
        quiet = 0 if busy else quiet + 1
        before = now


def measure_mode(stack, mode, targets, wrk, log):
    result = ModeResult()
    flush_redis(stack.environment()["REDIS_URL"])
    stack.start(detach=True)
    sampler = MemorySampler(stack)
    sampler.start()
    try:
        for name, path in targets.items():
            status = fetch_status(stack.url + path)
            if status != 200:
                raise StackError(f"{name} ({path}) answers {status} through nginx, not 200.")
        log(f"  {mode}: reference ...")
        wait_until_idle(stack)
        result.references.append(wrk.measure(stack.url + targets["reference"]))
        for name, path in targets.items():
            if name == "reference":
                continue
            wait_until_idle(stack)
            result.measures[name] = measure = wrk.measure(stack.url + path)
            log(
                f"  {mode}: {name:<20} {measure.requests_per_s:8.1f} req/s  "
                f"p50 {measure.p50_ms:7.1f} ms  p99 {measure.p99_ms:7.1f} ms"
            )
        wait_until_idle(stack)
        result.references.append(wrk.measure(stack.url + targets["reference"]))
    finally:
        result.worker_peak_mb = sampler.stop()
        stack.stop(quiet=True)
    queries = json.loads(
        stack.run_python(
            "-m", "bench.probe", "queries", *targets.values(), capture=True
        ).splitlines()[-1]
    )
    result.queries = {name: queries[path]["queries"] for name, path in targets.items()}
    return result


def bench_size(size, args, wrk, log):
    log(f"\n== {size:,} articles")
    size_dir = RUN_DIR / str(size)
    media_root = size_dir / "media"
    url = database_url(args.database_url, size)
    base_env = {
        "DATABASE_URL": url,
        "DJANGO_MEDIA_ROOT": str(media_root),
        "DJANGO_STATIC_ROOT": str(RUN_DIR / "static"),
        "NEWSROOM_BENCH_PING": "1",
        "GUNICORN_WORKERS": str(args.workers),
        # Workers live through the run: their peak memory is the run's, and no restart is timed.
        "GUNICORN_MAX_REQUESTS": "0",
        "GUNICORN_ERROR_LOG": str(size_dir / "gunicorn-error.log"),
    }
    stack = Stack(RUN_DIR / "stack", port=free_port(), env=base_env)
    spec = ensure_dataset(stack, url, size, media_root, args.rebuild, log)
    targets = json.loads(
        stack.run_python("-m", "bench.probe", "targets", capture=True).splitlines()[-1]
    )
    results = {}
    for mode in args.modes:
        stack.overrides["NEWSROOM_PAGE_CACHE"] = MODES[mode]
        stack.port = free_port()
        results[mode] = measure_mode(stack, mode, targets, wrk, log)
    return {"size": size, "dataset": spec, "targets": targets, "modes": results}


# --- The report ---------------------------------------------------------------------------------


def command_output(*command):
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError:
        return "?"
    return (
        (result.stdout or result.stderr).strip().splitlines()[0]
        if (result.stdout or result.stderr)
        else "?"
    )


def load_average():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def machine_notes():
    cpu = "?"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        cpu = found[1] if found else cpu
    memory = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
    return {
        "cpu": f"{os.cpu_count()} × {cpu}",
        "memory": f"{int(memory[1]) / 1024 / 1024:.0f} GB" if memory else "?",
        "system": platform.platform(terse=True),
        "python": platform.python_version(),
        "django": command_output(sys.executable, "-m", "django", "--version"),
        "gunicorn": command_output(sys.executable, "-m", "gunicorn", "--version"),
        "nginx": command_output("nginx", "-v"),
        "wrk": command_output("wrk", "--version"),
        "postgresql": command_output("psql", "--version"),
        "load": load_average(),
    }


def verdict(ok):
    return "pass" if ok else "**FAIL**"


def fmt_ratio(value):
    return f"{value:.3f}" if value < 0.1 else f"{value:.2f}"


def invocation(args, runs):
    """The command for this run: `make bench SIZES=...`, with BENCH_ARGS for other options."""
    sizes = ",".join(str(run["size"]) for run in runs)
    options = [
        f"--{name} {getattr(args, name)}"
        for name, default in OPTION_DEFAULTS.items()
        if getattr(args, name, default) != default
    ]
    modes = getattr(args, "modes", list(MODES))
    if modes != list(MODES):
        options.append(f"--modes {','.join(modes)}")
    if not options:
        return f"make bench SIZES={sizes}"
    return f'make bench SIZES={sizes} BENCH_ARGS="{" ".join(options)}"'


def markdown(runs, args, notes, started, finished):
    lines = [
        f"Run on {started:%Y-%m-%d %H:%M} (took {(finished - started).seconds // 60} min):",
        "",
        "```sh",
        invocation(args, runs),
        "```",
        "",
        f"wrk: {args.threads} threads, {args.connections} connections, {args.duration} s per "
        f"page after {args.warmup} s of warm-up; gunicorn: {args.workers} sync workers.",
        "",
        "Machine: " + "; ".join(f"{key} {value}" for key, value in notes.items()),
        "",
    ]
    for run in runs:
        modes = run["modes"]
        dataset = run["dataset"]
        lines += [
            f"### {run['size']:,} articles",
            "",
            f"{dataset['articles']:,} articles, {dataset['events']:,} events, "
            f"{dataset['images']} illustrations (built in {dataset['seconds']} s).",
            "",
        ]
        header = "| page |"
        rule = "| --- |"
        for mode in modes:
            header += f" {mode} req/s | {mode} ratio | {mode} p50 ms | {mode} p99 ms |"
            rule += " ---: | ---: | ---: | ---: |"
        header += " SQL queries (cold / warm) |"
        rule += " ---: |"
        lines += [header, rule]
        for name in ["reference", "static file", *FLOORS, *PAGES]:
            if name in FLOORS and not all(name in r.measures for r in modes.values()):
                continue  # a run from before the floors
            row = f"| {name} |"
            for result in modes.values():
                measure = result.measures.get(name)
                if name == "reference":
                    refs = result.references
                    row += (
                        f" {result.reference:.0f} (start {refs[0].requests_per_s:.0f}, end "
                        f"{refs[-1].requests_per_s:.0f}) | 1.00 | {refs[0].p50_ms:.1f} | "
                        f"{refs[0].p99_ms:.1f} |"
                    )
                    continue
                notes = []
                if measure.errors:
                    notes.append(f"{measure.errors} errors")
                if measure.requests < MIN_REQUESTS:
                    notes.append(f"{measure.requests} requests in {measure.seconds} s")
                rate = f"{measure.requests_per_s:.{1 if measure.requests_per_s < 10 else 0}f}"
                note = f" ({', '.join(notes)})" if notes else ""
                row += (
                    f" {rate}{note} | {fmt_ratio(result.ratio(name))} |"
                    f" {measure.p50_ms:.1f} | {measure.p99_ms:.1f} |"
                )
            counts = " / ".join(str(result.queries.get(name, "?")) for result in modes.values())
            row += f" {counts} |"
            lines.append(row)
        peaks = ", ".join(
            f"{mode} {result.worker_peak_mb:.0f} MB" for mode, result in modes.items()
        )
        lines += ["", f"Peak memory of a gunicorn worker: {peaks}.", ""]
    lines += targets_table(runs)
    return "\n".join(lines)


def targets_table(runs):
    lines = ["### Targets", "", "| target | measured | verdict |", "| --- | --- | --- |"]
    for run in runs:
        size = f"{run['size']:,}"
        cold = run["modes"].get("cold")
        warm = run["modes"].get("warm")
        if cold:
            for name, target in COLD_TARGETS.items():
                value = cold.ratio(name)
                lines.append(
                    f"| {size}: {name}, cache off, ≥ {target:.2f} of the reference | "
                    f"{fmt_ratio(value)} | {verdict(value >= target)} |"
                )
            worst = max(QUERY_PAGES, key=lambda name: cold.queries[name])
            most = cold.queries[worst]
            lines.append(
                f"| {size}: SQL queries per list and detail page ≤ {MAX_QUERIES} | "
                f"{most} ({worst}) | {verdict(most <= MAX_QUERIES)} |"
            )
        if warm:
            worst = min(PAGES, key=warm.ratio)
            value = warm.ratio(worst)
            lines.append(
                f"| {size}: every page, cache warm, ≥ {WARM_TARGET:.2f} of the reference | "
                f"{fmt_ratio(value)} ({worst}) | {verdict(value >= WARM_TARGET)} |"
            )
        peak = max(result.worker_peak_mb for result in run["modes"].values())
        lines.append(
            f"| {size}: a worker's peak memory < {MAX_WORKER_MB} MB | {peak:.0f} MB | "
            f"{verdict(peak < MAX_WORKER_MB)} |"
        )
    if len(runs) > 1:
        small, large = runs[0], runs[-1]
        for mode in small["modes"]:
            if mode not in large["modes"]:
                continue
            growths = {
                name: growth(small["modes"][mode].ratio(name), large["modes"][mode].ratio(name))
                for name in PAGES
            }
            worst = max(growths, key=growths.get)
            lines.append(
                f"| {small['size']:,} → {large['size']:,} articles, cache {mode}: no page more "
                f"than {MAX_GROWTH}× slower | {growths[worst]:.2f}× ({worst}) | "
                f"{verdict(growths[worst] <= MAX_GROWTH)} |"
            )
    lines.append("")
    return lines


def write_report(path, body):
    rewrite_between(path, body, BEGIN, END, "Benchmarks")


def serialisable(runs):
    return [
        {
            **run,
            "modes": {
                mode: {
                    **asdict(result),
                    "reference": result.reference,
                    "ratios": {name: result.ratio(name) for name in result.measures},
                }
                for mode, result in run["modes"].items()
            },
        }
        for run in runs
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated")
    parser.add_argument("--modes", default="cold,warm", help="cold (page cache off), warm (on)")
    defaults = OPTION_DEFAULTS
    parser.add_argument("--duration", type=int, default=defaults["duration"], help="s per page")
    parser.add_argument("--warmup", type=int, default=defaults["warmup"], help="s before each")
    parser.add_argument("--threads", type=int, default=defaults["threads"], help="wrk's")
    parser.add_argument("--connections", type=int, default=defaults["connections"], help="wrk's")
    parser.add_argument("--workers", type=int, default=defaults["workers"], help="gunicorn's")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench"),
        help="the data set of N articles goes to this database name + _N (bench_1000, ...)",
    )
    parser.add_argument("--rebuild", action="store_true", help="build the data sets again")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="default docs/benchmarks.md")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    args.sizes = sorted(int(size.replace("_", "")) for size in args.sizes.split(","))
    args.modes = [mode.strip() for mode in args.modes.split(",")]
    if unknown := set(args.modes) - set(MODES):
        parser.error(f"unknown mode(s): {', '.join(sorted(unknown))}")

    def log(message):
        print(message, flush=True)

    try:
        wrk = Wrk(
            threads=args.threads,
            connections=args.connections,
            duration=args.duration,
            warmup=args.warmup,
        )
        started = datetime.datetime.now()
        notes = machine_notes()
        RUN_DIR.mkdir(parents=True, exist_ok=True)
        collector = Stack(RUN_DIR / "stack", env={"DJANGO_STATIC_ROOT": str(RUN_DIR / "static")})
        collector.manage("collectstatic", "--noinput", "-v", "0")
        runs = [bench_size(size, args, wrk, log) for size in args.sizes]
        finished = datetime.datetime.now()
    except StackError as error:
        sys.exit(f"error: {error}")
    notes["load"] += f" at the start, {load_average()} at the end"
    results = RUN_DIR / f"results-{started:%Y%m%d-%H%M%S}.json"
    results.write_text(json.dumps(serialisable(runs), indent=2, default=str))
    body = markdown(runs, args, notes, started, finished)
    print("\n" + body)
    if not args.no_write:
        write_report(args.output, body)
        print(f"\nWritten to {args.output} (raw figures: {results})")


if __name__ == "__main__":
    main()
