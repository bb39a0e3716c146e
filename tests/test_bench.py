"""The benchmark's arithmetic and report (bench/run.py); the runs themselves are `make bench`."""

import argparse
import datetime
from http import HTTPStatus

import pytest
from django.test import override_settings
from django.urls import include, path

from bench.run import (
    BEGIN,
    END,
    FLOORS,
    PAGES,
    Measure,
    ModeResult,
    Wrk,
    database_url,
    markdown,
    parse_wrk,
    write_report,
)
from config import urls as config_urls
from newsroom.models import Article
from tests.factories import make_article

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8191/news/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   245.12ms   38.51ms 512.00ms   81.82%
    Req/Sec    16.58      5.75    30.00     75.00%
  Latency Distribution
     50%  240.61ms 
     75%  260.10ms 
     90%  290.75ms 
     99%    1.20s 
  326 requests in 10.01s, 38.42MB read
  Socket errors: connect 0, read 0, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:     32.57
Transfer/sec:      3.84MB
"""


def test_parse_wrk_reads_throughput_percentiles_and_errors():
    measure = parse_wrk(WRK_OUTPUT)
    assert measure == Measure(
        requests_per_s=32.57, p50_ms=240.61, p99_ms=1200.0, requests=326, errors=5
    )


def test_parse_wrk_reads_microseconds():
    output = WRK_OUTPUT.replace("240.61ms", "812.00us").replace("1.20s", "3.10ms")
    measure = parse_wrk(output)
    assert (measure.p50_ms, measure.p99_ms) == (0.812, 3.1)


def test_each_size_has_a_database_of_its_own():
    base = "postgres://postgres@127.0.0.1:5432/bench"
    assert database_url(base, 1000) == "postgres://postgres@127.0.0.1:5432/bench_1000"


def measure(rps):
    return Measure(
        requests_per_s=rps, p50_ms=1.0, p99_ms=2.0, requests=int(rps * 10), errors=0, seconds=10
    )


def mode_result(rps_by_page, queries=4, reference=1000.0, peak=90.0):
    return ModeResult(
        measures={"static file": measure(20_000), **{p: measure(rps_by_page) for p in PAGES}},
        references=[measure(reference * 0.9), measure(reference * 1.1)],
        queries={"reference": 0, "static file": 0, **{p: queries for p in PAGES}},
        worker_peak_mb=peak,
    )


def run(size, cold_rps, warm_rps, **options):
    return {
        "size": size,
        "dataset": {"articles": size, "events": size // 10, "images": 24, "seconds": 1.0},
        "targets": {},
        "modes": {"cold": mode_result(cold_rps, **options), "warm": mode_result(warm_rps)},
    }


ARGS = argparse.Namespace(threads=2, connections=8, duration=10, warmup=2, workers=2)


def report(runs):
    now = datetime.datetime(2026, 1, 2, 3, 4)
    return markdown(runs, ARGS, {"cpu": "2 × test"}, now, now)


def test_figures_are_ratios_to_the_mean_of_the_reference_measured_before_and_after():
    result = mode_result(300.0, reference=1000.0)
    assert result.reference == 1000.0
    assert result.ratio("news list") == 0.3
    text = report([run(1000, 300.0, 800.0)])
    assert "| news list | 300 | 0.30 |" in text
    assert "1000 (start 900, end 1100)" in text
    assert "make bench SIZES=1000\n" in text
    quick = argparse.Namespace(**{**vars(ARGS), "duration": 5})
    now = datetime.datetime(2026, 1, 2, 3, 4)
    text = markdown([run(1000, 300.0, 800.0)], quick, {}, now, now)
    assert 'make bench SIZES=1000 BENCH_ARGS="--duration 5"\n' in text


def test_targets_pass_and_fail_on_their_thresholds():
    good = report([run(1000, 300.0, 800.0), run(100_000, 250.0, 790.0)])
    assert "**FAIL**" not in good
    assert "1,000 → 100,000 articles, cache cold: no page more than 1.5× slower | 1.20×" in good

    bad = report([run(1000, 300.0, 800.0, queries=7, peak=160.0), run(100_000, 100.0, 500.0)])
    assert "SQL queries per list and detail page ≤ 6 | 7 (home) | **FAIL**" in bad
    assert "a worker's peak memory < 150 MB | 160 MB | **FAIL**" in bad
    assert "every page, cache warm, ≥ 0.70 of the reference | 0.50 (home) | **FAIL**" in bad
    assert "cache cold: no page more than 1.5× slower | 3.00× (home) | **FAIL**" in bad

    stalled = report([run(1000, 300.0, 800.0), run(100_000, 0.0, 800.0)])
    assert "cache cold: no page more than 1.5× slower | inf× (home) | **FAIL**" in stalled
    assert "| home | 0.0 (0 requests in 10 s) | 0.000 |" in stalled


def test_the_report_replaces_only_the_results_section(tmp_path):
    page = tmp_path / "benchmarks.md"
    page.write_text(f"# Benchmarks\n\nHow.\n\n{BEGIN}\nold figures\n{END}\n\nAfter.\n")
    write_report(page, "new figures")
    assert page.read_text() == f"# Benchmarks\n\nHow.\n\n{BEGIN}\nnew figures\n{END}\n\nAfter.\n"


def test_a_slow_page_is_measured_for_longer_until_enough_requests_or_the_limit(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}")
    wrk = Wrk(threads=2, connections=8, duration=10, warmup=0)
    runs = []

    def fake_run(url, seconds):
        runs.append(seconds)
        requests = {10: 2, 100: 20}.get(seconds, 0)
        return Measure(requests / seconds, 1.0, 2.0, requests, 0, seconds)

    monkeypatch.setattr(wrk, "run", fake_run)
    assert wrk.measure("http://127.0.0.1/slow/").requests == 20
    assert runs == [10, 100], "2 requests in 10 s: 100 s for 20"

    runs.clear()
    monkeypatch.setattr(wrk, "run", lambda url, seconds: runs.append(seconds) or measure(0.0))
    wrk.measure("http://127.0.0.1/stalled/")
    assert runs == [10, 120], "none in 10 s: the limit"


def test_the_floors_are_reported_beside_the_pages_without_a_target_of_their_own():
    cold, warm = mode_result(300.0), mode_result(800.0)
    for result in (cold, warm):
        result.measures.update({name: measure(900.0) for name in FLOORS})
    text = report([{**run(1000, 300.0, 800.0), "modes": {"cold": cold, "warm": warm}}])
    assert "| floor: one article | 900 | 0.90 |" in text
    assert "floor" not in text.split("### Targets")[1], "no target, no verdict"
    # A run without them (from before the floors) still reports.
    assert "floor" not in report([run(1000, 300.0, 800.0)])


urlpatterns = [*config_urls.urlpatterns, path("", include("bench.floor"))]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_the_floor_pages_show_public_articles_only(client):
    shown = make_article(title="Shown <b>here</b>", lead="Opening words of the piece.")
    draft = make_article(title="A draft", status=Article.Status.DRAFT)
    page = client.get(f"/bench/floor/{shown.slug}")
    assert page.status_code == HTTPStatus.OK
    assert b"Shown &lt;b&gt;here&lt;/b&gt;" in page.content
    assert client.get(f"/bench/floor/{draft.slug}").status_code == HTTPStatus.NOT_FOUND
    listing = client.get("/bench/floor-list").content.decode()
    assert f'href="{shown.get_absolute_url()}"' in listing
    assert "Opening words of the piece." in listing
    assert "A draft" not in listing
