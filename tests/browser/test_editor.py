"""An editor writes an article in the admin, publishes it, and finds it on the public site."""

import re

import pytest
from django.contrib.auth.models import Group
from PIL import Image

from newsroom import roles
from newsroom.models import Article
from tests.factories import make_participant

pytestmark = pytest.mark.browser

PASSWORD = "editor-pass-2026"
TITLE = "Precursor control: the Working Group meets in Almaty"


@pytest.fixture
def editor(live_server, django_user_model):
    roles.sync_roles()  # the role groups come from a migration, which a flushed database lacks
    user = django_user_model.objects.create_user(
        "editor", "editor@example.org", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=roles.EDITOR))
    return user


@pytest.fixture
def person(live_server):
    return make_participant(
        full_name="Aigerim Sultanova", slug="aigerim-sultanova", honorific="Ms."
    )


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "working-group.jpg"
    image = Image.new("RGB", (1200, 675), (11, 36, 71))
    image.paste((201, 164, 58), (80, 520, 380, 540))
    image.save(path, "JPEG", quality=85)
    return path


def test_editor_writes_publishes_and_finds_the_article_under_its_tag(
    editor, person, photo, page, screenshot
):
    page.goto("/admin/")
    page.wait_for_url("**/admin/login/**")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    page.locator("#content-main").get_by_role("link", name="Articles").click()
    page.get_by_role("link", name="Add article").click()
    page.wait_for_url("**/admin/newsroom/article/add/")

    page.get_by_label("Title [en]").fill(TITLE)
    # The slug is filled in from the title as the editor types (the admin's prepopulated field).
    page.get_by_label("Lead [en]").click()
    assert page.get_by_label("Slug [en]").input_value().startswith("precursor-control")
    page.keyboard.type("Delegations of the member states met to plan a regional response.")

    # The body is a ProseMirror editor: type into it as a person would, with a bold phrase.
    body = page.locator(".fieldBox.field-body_en [contenteditable=true]")
    body.click()
    page.keyboard.type("The Group agreed on ")
    page.keyboard.press("Control+b")
    page.keyboard.type("a joint plan of action")
    page.keyboard.press("Control+b")
    page.keyboard.type(".")
    page.keyboard.press("Enter")
    page.keyboard.type("The next meeting is planned for the spring.")
    assert body.locator("strong").inner_text() == "a joint plan of action"

    page.get_by_label("Tags").fill("precursors, working group")

    page.get_by_label("Status").select_option(label="Published")
    published_row = page.locator(".field-published_at")
    published_row.get_by_role("button", name=re.compile(r"^Today")).click()
    published_row.get_by_role("button", name="Now", exact=True).click()

    page.locator("#id_hero_image").set_input_files(photo)
    page.get_by_label("Image description [en]").fill(
        "Delegates around the table of the Working Group in Almaty"
    )

    # The linked person, through the admin's autocomplete.
    page.locator(".field-participants .select2-selection").click()
    page.keyboard.type("Sultanova")
    page.locator("#select2-id_participants-results").get_by_role(
        "option", name=person.full_name
    ).click()
    assert page.locator(".field-participants .select2-selection__choice").count() == 1
    screenshot(page, "admin-change-form")

    page.locator("input[name='_save']").click()
    page.wait_for_url(re.compile(r"/admin/newsroom/article/(\?.*)?$"))
    assert "was added successfully" in page.locator(".messagelist").inner_text()
    screenshot(page, "admin-changelist")

    article = Article.objects.get(title=TITLE)
    assert article.is_published
    assert list(article.participants.all()) == [person]

    # The public site: from the admin's "View site", through the tags, to the article.
    page.get_by_role("link", name="View site").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Tags").click()
    page.get_by_role("link", name="working group").first.click()
    page.wait_for_url("**/tags/working-group/")
    screenshot(page, "tag-with-new-article")
    page.get_by_role("link", name=TITLE, exact=True).click()
    page.wait_for_url(f"**{article.get_absolute_url()}")

    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert page.locator(".entry__body strong").inner_text() == "a joint plan of action"
    image = page.get_by_role(
        "img", name="Delegates around the table of the Working Group in Almaty"
    )
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    people = page.get_by_role("complementary").locator("#article-people-title + ul")
    assert people.get_by_role("link", name=person.display_name).count() == 1
    screenshot(page, "editor-article-published")
