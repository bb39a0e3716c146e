import datetime
import re
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsroom.models import Article, AuditEvent, PreviewLink
from newsroom.preview import MAX_VALIDITY, SALT, create_link, preview_url, signed_value

from .factories import (
    make_article,
    make_event,
    make_organisation,
    make_participant,
    make_position,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def draft():
    return make_article(title="Secret draft news", slug="draft-news", status="draft")


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@example.org", "pw-chief-123")


@pytest.fixture
def reviewer():
    """Someone without an account who was sent the link (`staff_client` logs `client` in)."""
    return Client()


@pytest.fixture
def link(draft, editor):
    return create_link(draft, editor, 3 * DAY)


@pytest.fixture
def writer_client(client, django_user_model):
    """A staff member who may change articles but not publish them: no preview links."""
    user = django_user_model.objects.create_user("writer", "writer@example.org", "pw-writer-123")
    user.is_staff = True
    user.save()
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="newsroom", codename__in=["view_article", "change_article"]
        )
    )
    client.force_login(user)
    client.user = user
    return client


def links_page(article):
    return reverse("admin:newsroom_article_preview_links", args=[article.pk])


def revoke_url(link):
    return reverse("admin:newsroom_article_preview_link_revoke", args=[link.article_id, link.pk])


def forged(payload, salt=SALT):
    return reverse(
        "newsroom:article_preview",
        kwargs={"signed": signing.Signer(salt=salt).sign_object(payload, compress=True)},
    )


# --- The editor's admin page ---------------------------------------------------------------


def test_article_change_page_links_to_its_preview_links(staff_client, draft):
    response = staff_client.get(reverse("admin:newsroom_article_change", args=[draft.pk]))
    assert f'href="{links_page(draft)}"' in response.content.decode()


def test_editor_creates_a_link_that_opens_the_draft(staff_client, reviewer, draft):
    response = staff_client.post(links_page(draft), {"valid_for": "72"})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == links_page(draft)
    link = PreviewLink.objects.get(article=draft)
    assert link.created_by == staff_client.user
    assert link.is_active
    expected = timezone.now() + 3 * DAY
    assert abs(link.expires_at - expected) < datetime.timedelta(minutes=1)
    assert len(link.token) >= 43
    assert "Preview link created" in str(next(iter(get_messages(response.wsgi_request))))
    event = AuditEvent.objects.get(action=AuditEvent.Action.PREVIEW_CREATED)
    assert event.actor == staff_client.user
    assert event.target_id == str(draft.pk)
    assert event.detail["link"] == link.pk

    listing = staff_client.get(links_page(draft)).content.decode()
    assert f'value="http://testserver{preview_url(link)}"' in listing
    assert reviewer.get(preview_url(link)).status_code == HTTPStatus.OK


def test_links_page_shows_each_links_status(staff_client, draft):
    active = create_link(draft, staff_client.user, DAY)
    expired = create_link(draft, staff_client.user, DAY)
    PreviewLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - DAY)
    revoked = create_link(draft, staff_client.user, DAY)
    PreviewLink.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())

    response = staff_client.get(links_page(draft))

    statuses = {row["link"].pk: row["status"] for row in response.context["links"]}
    assert statuses == {active.pk: "active", expired.pk: "expired", revoked.pk: "revoked"}
    content = response.content.decode()
    assert preview_url(active) in content
    assert preview_url(expired) not in content
    assert preview_url(revoked) not in content
    assert f'action="{revoke_url(active)}"' in content
    assert f'action="{revoke_url(expired)}"' not in content
    assert f'action="{revoke_url(revoked)}"' not in content


def test_a_link_is_valid_for_at_most_fourteen_days(staff_client, draft):
    response = staff_client.post(links_page(draft), {"valid_for": str(30 * 24)})

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors
    assert not PreviewLink.objects.exists()
    with pytest.raises(ValueError):
        create_link(draft, staff_client.user, MAX_VALIDITY + datetime.timedelta(seconds=1))
    with pytest.raises(ValueError):
        create_link(draft, staff_client.user, datetime.timedelta(0))
    assert create_link(draft, staff_client.user, MAX_VALIDITY).is_active


def test_editor_revokes_a_link_and_it_stops_working(staff_client, reviewer, link):
    url = preview_url(link)
    assert reviewer.get(url).status_code == HTTPStatus.OK

    response = staff_client.post(revoke_url(link))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == links_page(link.article)
    link.refresh_from_db()
    assert link.revoked_at is not None
    event = AuditEvent.objects.get(action=AuditEvent.Action.PREVIEW_REVOKED)
    assert event.actor == staff_client.user
    assert event.detail["link"] == link.pk
    assert reviewer.get(url).status_code == HTTPStatus.NOT_FOUND


def test_revoking_takes_a_post_for_a_link_of_that_article(staff_client, link):
    assert staff_client.get(revoke_url(link)).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    other = make_article(status="draft")
    wrong_article = reverse("admin:newsroom_article_preview_link_revoke", args=[other.pk, link.pk])
    assert staff_client.post(wrong_article).status_code == HTTPStatus.NOT_FOUND
    link.refresh_from_db()
    assert link.revoked_at is None


def test_admin_posts_are_csrf_protected(editor, link):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(links_page(link.article), {"valid_for": "24"}).status_code == 403
    assert client.post(revoke_url(link)).status_code == 403
    assert PreviewLink.objects.count() == 1
    link.refresh_from_db()
    assert link.revoked_at is None


def test_staff_who_may_not_publish_can_neither_create_nor_revoke(writer_client, link):
    # Their own draft: a colleague's is not theirs to see at all (tests/test_access_matrix.py).
    Article.objects.filter(pk=link.article_id).update(created_by=writer_client.user)
    page = writer_client.get(links_page(link.article))
    assert page.status_code == HTTPStatus.OK
    assert preview_url(link) not in page.content.decode()
    assert "<form" not in page.content.decode().split('id="content-main"')[1]

    created = writer_client.post(links_page(link.article), {"valid_for": "24"})
    revoked = writer_client.post(revoke_url(link))

    assert created.status_code == HTTPStatus.FORBIDDEN
    assert revoked.status_code == HTTPStatus.FORBIDDEN
    assert PreviewLink.objects.count() == 1
    link.refresh_from_db()
    assert link.revoked_at is None
    assert not AuditEvent.objects.filter(
        action__in=[AuditEvent.Action.PREVIEW_CREATED, AuditEvent.Action.PREVIEW_REVOKED]
    ).exists()


def test_links_page_is_for_staff_only(reviewer, link):
    response = reviewer.get(links_page(link.article))
    assert response.status_code == HTTPStatus.FOUND
    assert "/login/" in response["Location"]


# --- The reviewer's page -----------------------------------------------------------------------


def test_link_shows_the_draft_like_the_public_page_marked_and_kept_private(reviewer, link):
    response = reviewer.get(preview_url(link))

    assert response.status_code == HTTPStatus.OK
    assert response.templates[0].name == "newsroom/article_detail.html"
    assert response.context["is_preview"] is True
    assert response.context["article"] == link.article
    content = response.content.decode()
    assert "Secret draft news" in content
    assert "Preview — not visible to the public" in content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"


def test_anonymous_visitor_still_cannot_open_the_draft_at_its_address(reviewer, link):
    assert reviewer.get(link.article.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": "review"},
        {"status": "published", "published_at": timezone.now() + 2 * DAY},  # scheduled
        {"status": "published"},
        {"status": "archived"},
    ],
    ids=["review", "scheduled", "published", "archived"],
)
def test_link_works_whatever_the_status(reviewer, editor, overrides):
    article = make_article(**overrides)
    response = reviewer.get(preview_url(create_link(article, editor, DAY)))
    assert response.status_code == HTTPStatus.OK
    assert response.context["article"] == article
    assert response.context["is_preview"] is not article.is_published
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-store"


def test_link_page_keeps_other_drafts_out_of_its_lists(reviewer, editor):
    article = make_article(status="draft", tags=["precursors"])
    make_article(title="Another hidden draft", status="draft", tags=["precursors"])
    make_article(title="A public neighbour", tags=["precursors"])
    content = reviewer.get(preview_url(create_link(article, editor, DAY))).content
    assert b"A public neighbour" in content
    assert b"Another hidden draft" not in content


def _tampered(url):
    signed = url.rstrip("/").rsplit("/", 1)[1]
    flipped = signed[:-1] + ("A" if signed[-1] != "A" else "B")
    return reverse("newsroom:article_preview", kwargs={"signed": flipped})


def test_tampered_or_made_up_addresses_are_not_found(reviewer, link):
    url = preview_url(link)
    data, sig = url.rstrip("/").rsplit(":", 1)
    for bad in [
        _tampered(url),
        f"{data}x:{sig}/",
        "/preview/nonsense/",
        "/preview/:/",
        forged({"l": link.pk, "t": link.token}, salt="another.salt"),
        forged({"l": link.pk}),
        forged(["not", "a", "dict"]),
        forged({"l": "x", "t": link.token}),
    ]:
        assert reviewer.get(bad).status_code == HTTPStatus.NOT_FOUND, bad


def test_a_links_token_does_not_open_another_link(reviewer, editor, link):
    other = create_link(make_article(status="draft"), editor, DAY)
    assert reviewer.get(forged({"l": other.pk, "t": link.token})).status_code == 404
    assert reviewer.get(forged({"l": link.pk, "t": other.token})).status_code == 404
    assert reviewer.get(forged({"l": other.pk, "t": other.token})).status_code == 200


def test_expired_link_is_not_found(reviewer, link):
    url = preview_url(link)
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(1))
    assert reviewer.get(url).status_code == HTTPStatus.NOT_FOUND


def test_link_stops_working_when_its_time_comes(reviewer, link, monkeypatch):
    url = preview_url(link)
    later = link.expires_at + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert reviewer.get(url).status_code == HTTPStatus.NOT_FOUND


def test_every_failure_looks_the_same(reviewer, editor, link):
    expired = create_link(link.article, editor, DAY)
    PreviewLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - DAY)
    revoked = create_link(link.article, editor, DAY)
    PreviewLink.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    urls = [
        _tampered(preview_url(link)),
        preview_url(expired),
        preview_url(revoked),
        forged({"l": 999999, "t": link.token}),
    ]
    responses = [reviewer.get(url) for url in urls]
    assert {r.status_code for r in responses} == {HTTPStatus.NOT_FOUND}

    def page(response, url):
        # Only the per-request parts differ: the CSRF token, the CSP nonce, the address itself.
        content = response.content.decode().replace(url, "URL")
        return re.sub(r'(value|nonce)="[A-Za-z0-9+/=_-]{20,}"', "", content)

    assert len({page(r, url) for r, url in zip(responses, urls, strict=True)}) == 1
    assert len({r.get("Referrer-Policy") for r in responses}) == 1


def test_a_link_has_one_address(link):
    assert signed_value(link) == signed_value(PreviewLink.objects.get(pk=link.pk))
    assert link.token not in preview_url(link)  # compressed and signed, not the token in clear


def _article_with(size):
    org = make_organisation()
    authors = [make_participant() for _ in range(size)]
    for person in authors:
        make_position(person, organisation=org)
    article = make_article(status="draft", tags=[f"t{n}" for n in range(size)], authors=authors)
    article.participants.add(*(make_participant() for _ in range(size)))
    article.organisations.add(org, *(make_organisation() for _ in range(size)))
    article.events.add(*(make_event() for _ in range(size)))
    return article


def test_link_page_queries_do_not_grow_with_the_article(reviewer, editor):
    counts = []
    for size in (1, 4):
        url = preview_url(create_link(_article_with(size), editor, DAY))
        with CaptureQueriesContext(connection) as queries:
            assert reviewer.get(url).status_code == HTTPStatus.OK
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12
