"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Chromium comes from the system (`make browser-deps`), never from Playwright's own downloads;
axe-core comes from npm (`node_modules/`). Without them these tests skip, unless
NEWSROOM_BROWSER_TESTS is "required" (as in CI), when they fail instead.
"""

import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium"))
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_REPORTS = ARTIFACTS / "axe"

# The network here refuses Chromium's own calls home; these flags stop it from making them.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOAD_LAZY_IMAGES = """() => Promise.all([...document.images].map(image => {
    image.loading = "eager";
    return image.complete ? null : new Promise(done => {
        image.addEventListener("load", done);
        image.addEventListener("error", done);
    });
}))"""
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}


def _missing_tools():
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"Chromium ({CHROMIUM})")
    if not AXE_SCRIPT.exists():
        missing.append("axe-core (node_modules/)")
    return missing


@pytest.fixture(scope="session")
def browser():
    missing = _missing_tools()
    if missing:
        message = f"{' and '.join(missing)} not installed: run `make browser-deps`"
        if os.environ.get("NEWSROOM_BROWSER_TESTS") == "required":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API marks an event loop as running in this thread from now until the
    # session ends; the ORM calls that tests make meanwhile are still synchronous, so Django's
    # async guard is lifted (for the tests that run after these too).
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """The browser reads the site as readers do: anonymous pages come from the page cache."""
    settings.NEWSROOM_PAGE_CACHE = True


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        locale="en-GB",
        timezone_id="Asia/Almaty",
        accept_downloads=True,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo(live_server):
    """The demo content (`manage.py load_demo`): real texts, images, people and organisations."""
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def screenshot():
    """screenshot(page, name): the whole page, to test-artifacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name, full_page=True):
        if full_page:
            # Lazy images below the fold would otherwise be blank in a full-page picture.
            page.evaluate(LOAD_LAZY_IMAGES)
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=full_page)

    return take


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    - {' '.join(node['target'])}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


@pytest.fixture
def axe_check():
    """axe_check(page, name): run axe-core on the page; fail on serious or critical violations.

    Every violation found (any impact) is written to test-artifacts/axe/<name>.json.
    """
    AXE_REPORTS.mkdir(parents=True, exist_ok=True)

    def check(page, name):
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            # Not page.add_script_tag(): the site's Content Security Policy refuses inline
            # scripts, as it should; evaluating through the DevTools protocol is not subject to it.
            page.evaluate(AXE_SCRIPT.read_text())
        violations = page.evaluate(
            "tags => axe.run(document, {runOnly: tags}).then(results => results.violations)",
            AXE_TAGS,
        )
        (AXE_REPORTS / f"{name}.json").write_text(json.dumps(violations, indent=2))
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, (
            f"axe-core: {len(blocking)} serious or critical violation(s) on {page.url}\n"
            + describe_violations(blocking)
        )
        return violations

    return check
