"""An editor writing in the admin is warned before their session ends, and loses nothing when it
does: the page says so, keeps the text, and does not send the form to a sign-in page."""

import re
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore

from newsroom import roles
from newsroom.models import Article
from newsroom.security import LAST_SEEN_AT, SESSION_WARNING_SECONDS

pytestmark = pytest.mark.browser

PASSWORD = "editor-pass-2026"
ADD_URL = "/admin/newsroom/article/add/"
STATUS_URL = "/admin/security/session/"
TITLE = "Precursor control: the Working Group meets in Almaty"
BODY = "The Group agreed on a joint plan of action."


@pytest.fixture
def editor(live_server, django_user_model):
    roles.sync_roles()
    user = django_user_model.objects.create_user(
        "editor", "editor@example.org", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=roles.EDITOR))
    return user


def sign_in_to_the_add_form(page):
    page.goto(f"/admin/login/?next={ADD_URL}")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{ADD_URL}")


def warning(page):
    return page.locator("#session-expiry[role=alert]")


def test_the_warning_shows_before_the_idle_timeout(editor, page, settings, screenshot):
    # The session ends 8 seconds after the warning is due: it shows about then.
    settings.NEWSROOM_SESSION_IDLE_TIMEOUT = SESSION_WARNING_SECONDS + 8
    sign_in_to_the_add_form(page)
    assert warning(page).inner_text() == "", "no warning yet: more than 5 minutes are left"
    page.get_by_label("Title [en]").fill(TITLE)

    page.wait_for_function(
        "() => document.getElementById('session-expiry').textContent !== ''", timeout=15_000
    )
    text = warning(page).inner_text()
    assert text.startswith("Your session ends in less than 5 minutes unless you save")
    assert "Save and continue editing" in text
    assert warning(page).locator("li.warning").is_visible()
    assert page.get_by_label("Title [en]").input_value() == TITLE
    screenshot(page, "admin-session-warning", full_page=False)


def test_when_the_session_ends_the_text_stays_in_the_page(editor, page, settings, screenshot):
    settings.NEWSROOM_SESSION_IDLE_TIMEOUT = 6
    requests = []
    sign_in_to_the_add_form(page)
    page.on("request", lambda request: requests.append(request.url))
    # Less than 5 minutes are left from the start: the warning is there at once.
    assert warning(page).inner_text().startswith("Your session ends in less than 5 minutes")

    page.get_by_label("Title [en]").fill(TITLE)
    body = page.locator(".fieldBox.field-body_en [contenteditable=true]")
    body.click()
    page.keyboard.type(BODY)

    page.get_by_text("Your session has ended.").wait_for(timeout=15_000)
    assert warning(page).inner_text() == (
        "Your session has ended. Your text is still in this page: copy it before you sign in again."
    )
    assert warning(page).locator("li.error").is_visible()

    # Saving now would send the form to the sign-in page and lose the text: it stays here.
    page.get_by_role("button", name="Save and continue editing").click()
    time.sleep(0.5)
    assert urlsplit(page.url).path == ADD_URL
    assert page.get_by_label("Title [en]").input_value() == TITLE
    assert body.inner_text() == BODY
    assert page.evaluate("document.activeElement.id") == "session-expiry"
    assert not Article.objects.exists()
    screenshot(page, "admin-session-ended", full_page=False)

    # The page only asked how long was left, which keeps nothing alive: the server did end it.
    sent = {urlsplit(url).path for url in requests if "/static/" not in url}
    assert sent == {STATUS_URL}
    other = page.context.new_page()
    other.goto("/admin/")
    other.wait_for_url(re.compile(r"/admin/login/"))
    assert "You were signed out after 1 minute without activity" in other.content()


def test_activity_elsewhere_moves_the_end_the_page_counts_to(editor, page, settings):
    settings.NEWSROOM_SESSION_IDLE_TIMEOUT = 6
    sign_in_to_the_add_form(page)
    loaded_at = time.time()
    page.get_by_label("Title [en]").fill(TITLE)
    # A page opened in another tab (as the server records it): the session now ends about
    # 10 seconds from here, though this page had counted 6 from its loading.
    cookie = next(
        c for c in page.context.cookies() if c["name"] == django_settings.SESSION_COOKIE_NAME
    )
    session = SessionStore(cookie["value"])
    session[LAST_SEEN_AT] = int(time.time()) + 4
    session.save()

    time.sleep(max(0, loaded_at + 7.5 - time.time()))
    assert "has ended" not in warning(page).inner_text(), "the server said there was time left"
    assert warning(page).inner_text().startswith("Your session ends in less than 5 minutes")
    page.get_by_text("Your session has ended.").wait_for(timeout=15_000)
    assert page.get_by_label("Title [en]").input_value() == TITLE
