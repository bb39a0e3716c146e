"""The soak (bench/soak.py, `make soak`): its report, and a short run of the whole thing.

The short run starts a PostgreSQL cluster and a redis-server of its own, and the production stack,
and takes about a minute and a half: it runs when NEWSROOM_SOAK_TESTS=1, or in CI
(NEWSROOM_STACK_TESTS=required, where missing tools fail it instead of skipping it).
"""

import argparse
import os
import shutil
from pathlib import Path

import pytest

from bench.soak import BEGIN, END, PG_BIN, Check, Soak, write_report

REQUIRED = os.environ.get("NEWSROOM_STACK_TESTS") == "required"
WANTED = REQUIRED or os.environ.get("NEWSROOM_SOAK_TESTS") in {"1", "required"}


def test_report_lists_every_expectation_and_fails_on_one(tmp_path):
    soak = Soak(argparse.Namespace(workers=2, clients=6, articles=1000, seconds=120, outage=10))
    soak.checks = [
        Check("sustained load: server errors", "0", "0", True),
        Check("Redis down: every page 200", "0 not 200", "3 not 200 of 90", False),
    ]
    body = soak.report("make soak")
    assert "`make soak`" in body and "**FAILED.**" in body
    assert "| Redis down: every page 200 | 0 not 200 | 3 not 200 of 90 | **FAIL** |" in body
    soak.checks.pop()
    assert "**All expectations met.**" in soak.report("make soak")


def test_report_replaces_only_what_is_between_the_markers(tmp_path):
    path = tmp_path / "reliability.md"
    path.write_text(f"# Reliability\n\nIntro.\n\n{BEGIN}\nold\n{END}\n\nAfter.\n")
    write_report(path, "new table")
    assert path.read_text() == f"# Reliability\n\nIntro.\n\n{BEGIN}\nnew table\n{END}\n\nAfter.\n"


@pytest.mark.stack
@pytest.mark.skipif(not WANTED, reason="a short soak takes ~90 s: NEWSROOM_SOAK_TESTS=1 runs it")
def test_a_short_soak_meets_every_expectation(tmp_path):
    missing = [
        name
        for name, found in [
            ("nginx", shutil.which("nginx") or Path("/usr/sbin/nginx").exists()),
            ("redis-server", shutil.which("redis-server")),
            (f"PostgreSQL in {PG_BIN}", (PG_BIN / "initdb").exists()),
        ]
        if not found
    ]
    if missing:
        message = f"missing for the soak: {', '.join(missing)}"
        pytest.fail(message) if REQUIRED else pytest.skip(message)
    args = argparse.Namespace(
        seconds=6, outage=3, warmup=2, workers=2, clients=4, articles=50, no_write=True
    )
    soak = Soak(args, run_dir=tmp_path / "soak")
    passed = soak.run()
    failed = [check for check in soak.checks if not check.ok]
    assert passed and not failed, failed
    names = {check.name.split(":")[0] for check in soak.checks}
    assert names >= {"sustained load", "PostgreSQL down", "Redis down", "worker killed"}
