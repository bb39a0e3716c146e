"""Keyboard use: the skip link, and a visible focus ring on everything Tab reaches."""

import pytest

from newsroom.models import Article

pytestmark = pytest.mark.browser

# The focused element's outline, and its contrast with the first opaque background behind it
# (the outline is drawn outside the element, so the search starts at its parent).
FOCUS_RING = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const rgba = colour => colour.match(/[\\d.]+/g).map(Number);
    const luminance = ([r, g, b]) => {
        const linear = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    let behind = element.parentElement;
    while (behind && (rgba(getComputedStyle(behind).backgroundColor)[3] ?? 1) < 1) {
        behind = behind.parentElement;
    }
    const background = behind ? rgba(getComputedStyle(behind).backgroundColor) : [255, 255, 255];
    const [light, dark] = [luminance(rgba(style.outlineColor)), luminance(background)].sort(
        (a, b) => b - a
    );
    return {
        element: element.outerHTML.slice(0, 120),
        tag: element.tagName,
        style: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
        contrast: (light + 0.05) / (dark + 0.05),
    };
}"""


def tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(FOCUS_RING)


def test_skip_link_appears_on_the_first_tab_and_jumps_to_the_content(demo, page, screenshot):
    page.goto("/news/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert skip_link.evaluate("link => link === document.activeElement")
    box = skip_link.bounding_box()
    assert box["y"] >= 0 and box["height"] > 20, "the focused skip link is on screen"
    screenshot(page, "skip-link", full_page=False)

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


@pytest.mark.parametrize("name", ["home", "news-list", "article"])
def test_every_element_tab_reaches_shows_a_focus_ring_that_stands_out(name, demo, page):
    address = {
        "home": "/",
        "news-list": "/news/",
        "article": lambda: Article.objects.public().latest("published_at").get_absolute_url(),
    }[name]
    page.goto(address() if callable(address) else address)
    page.keyboard.press("Tab")  # the skip link: a gold button of its own when it has focus
    faint, seen = [], 0
    for _ in range(400):
        ring = tab(page)
        if ring["tag"] == "BODY" or "skip-link" in ring["element"]:
            break
        seen += 1
        if ring["style"] == "none" or ring["width"] < 2 or ring["contrast"] < 3:
            faint.append(ring)
    assert seen > 20, "Tab reached the page's links and fields"
    assert not faint, "focus rings missing or too faint:\n" + "\n".join(map(str, faint))
