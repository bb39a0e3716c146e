"""Roles, the permission matrix and the editorial workflow, through the admin over HTTP."""

import datetime
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from newsroom import workflow
from newsroom.models import Article, AuditEvent
from newsroom.roles import ADMINISTRATOR, AUTHOR, EDITOR, ROLE_PERMISSIONS

from .factories import article_admin_data, make_article, make_event

pytestmark = pytest.mark.django_db

ROLES = [AUTHOR, EDITOR, ADMINISTRATOR]
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def staff(django_user_model, client):
    def login_as(role, username=None):
        user = django_user_model.objects.create_user(
            username or role.lower(),
            f"{role.lower()}@example.org",
            "pw-staff-123456",
            is_staff=True,
        )
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        client.user = user
        return client

    return login_as


def change_url(obj):
    return reverse(f"admin:newsroom_{obj._meta.model_name}_change", args=[obj.pk])


def test_migration_creates_the_three_roles_with_their_permissions():
    for role, names in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        have = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert have <= set(names)
        assert {n for n in names if n.startswith("newsroom.")} <= have


def test_sync_roles_restores_a_changed_group(django_user_model):
    from django.core.management import call_command

    editor = Group.objects.get(name=EDITOR)
    editor.permissions.clear()
    call_command("sync_roles", stdout=__import__("io").StringIO())
    assert editor.permissions.filter(codename="publish_article").exists()


# --- The permission matrix: each role x each action, over HTTP ------------------------------


def act_view_articles(client):
    return client.get(reverse("admin:newsroom_article_changelist")).status_code == HTTPStatus.OK


def act_create_article(client):
    response = client.post(reverse("admin:newsroom_article_add"), article_admin_data())
    return (
        response.status_code == HTTPStatus.FOUND
        and Article.objects.filter(slug="a-new-piece").exists()
    )


def act_edit_own_draft(client):
    article = make_article(status="draft", created_by=client.user)
    client.post(change_url(article), article_admin_data(article, lead="Changed by its author."))
    article.refresh_from_db()
    return article.lead == "Changed by its author."


def act_edit_others_draft(client):
    article = make_article(status="draft")
    response = client.post(change_url(article), article_admin_data(article, lead="Changed."))
    article.refresh_from_db()
    return response.status_code == HTTPStatus.FOUND and article.lead == "Changed."


def act_submit_own_for_review(client):
    article = make_article(status="draft", created_by=client.user)
    client.post(change_url(article), article_admin_data(article, status="review"))
    article.refresh_from_db()
    return article.status == "review"


def act_publish_in_form(client):
    article = make_article(status="review", published_at=None, created_by=client.user)
    client.post(change_url(article), article_admin_data(article, status="published"))
    article.refresh_from_db()
    return article.is_published


def act_publish_action(client):
    article = make_article(status="review", published_at=None)
    client.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    return article.is_published


def act_unpublish_action(client):
    article = make_article()
    client.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    return article.status == "unpublished"


def act_schedule(client):
    article = make_article(status="review", published_at=None, created_by=client.user)
    later = timezone.localtime(timezone.now() + 48 * HOUR)
    client.post(
        change_url(article),
        article_admin_data(
            article,
            status="published",
            published_at_0=later.strftime("%Y-%m-%d"),
            published_at_1=later.strftime("%H:%M:%S"),
        ),
    )
    article.refresh_from_db()
    return article.is_scheduled


def act_edit_own_published(client):
    article = make_article(created_by=client.user)
    response = client.post(change_url(article), article_admin_data(article, lead="Sneaky change."))
    article.refresh_from_db()
    return response.status_code != HTTPStatus.FORBIDDEN and article.lead == "Sneaky change."


def act_manage_events(client):
    return client.get(reverse("admin:newsroom_event_add")).status_code == HTTPStatus.OK


def act_manage_organisations(client):
    return client.get(reverse("admin:newsroom_organisation_add")).status_code == HTTPStatus.OK


def act_manage_people(client):
    return client.get(reverse("admin:newsroom_participant_add")).status_code == HTTPStatus.OK


def act_add_tags(client):
    response = client.post(
        reverse("admin:newsroom_tag_add"), {"name": "precursors", "slug": "precursors"}
    )
    return response.status_code == HTTPStatus.FOUND


def act_view_accounts(client):
    return client.get(reverse("admin:auth_user_changelist")).status_code == HTTPStatus.OK


def act_create_account(client):
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newcomer",
            "email": "newcomer@example.org",
            "first_name": "New",
            "last_name": "Comer",
            "role": AUTHOR,
            "usable_password": "true",
            "password1": "a-long-pass-phrase-4-2",
            "password2": "a-long-pass-phrase-4-2",
        },
    )
    return response.status_code == HTTPStatus.FOUND


def act_view_audit(client):
    return client.get(reverse("admin:newsroom_auditevent_changelist")).status_code == HTTPStatus.OK


MATRIX = {
    #                           Author  Editor  Administrator
    act_view_articles: (True, True, True),
    act_create_article: (True, True, True),
    act_edit_own_draft: (True, True, True),
    act_edit_others_draft: (False, True, True),
    act_submit_own_for_review: (True, True, True),
    act_publish_in_form: (False, True, True),
    act_publish_action: (False, True, True),
    act_unpublish_action: (False, True, True),
    act_schedule: (False, True, True),
    act_edit_own_published: (False, True, True),
    act_manage_events: (False, True, True),
    act_manage_organisations: (False, True, True),
    act_manage_people: (False, True, True),
    act_add_tags: (True, True, True),
    act_view_accounts: (False, False, True),
    act_create_account: (False, False, True),
    act_view_audit: (False, False, True),
}


@pytest.mark.parametrize("role_index", range(3), ids=ROLES)
@pytest.mark.parametrize("action", MATRIX, ids=lambda f: f.__name__.removeprefix("act_"))
def test_permission_matrix(staff, role_index, action):
    client = staff(ROLES[role_index])
    assert action(client) is MATRIX[action][role_index]


# --- Workflow --------------------------------------------------------------------------------


def test_transition_table_allows_owners_only_the_review_moves(staff):
    author = staff(AUTHOR).user
    article = make_article(status="draft", created_by=author)
    assert workflow.allowed_statuses(author, article) == ["draft", "review"]
    article.status = "published"
    assert workflow.allowed_statuses(author, article) == ["published"]


def test_author_cannot_publish_by_posting_the_status_directly(staff):
    client = staff(AUTHOR)
    article = make_article(status="draft", published_at=None, created_by=client.user)
    response = client.post(change_url(article), article_admin_data(article, status="published"))
    assert response.status_code == HTTPStatus.OK
    assert "status" in response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.status == "draft"


def test_author_cannot_set_publication_or_expiry_times(staff):
    client = staff(AUTHOR)
    article = make_article(status="draft", published_at=None, created_by=client.user)
    client.post(
        change_url(article),
        article_admin_data(article, published_at_0="2030-01-01", published_at_1="10:00:00"),
    )
    article.refresh_from_db()
    assert article.published_at is None


def test_editor_queue_awaiting_review_and_author_queue_my_drafts(staff):
    client = staff(EDITOR)
    waiting = make_article(title="Waiting piece", status="review")
    make_article(title="Someone's draft", status="draft")
    response = client.get(reverse("admin:newsroom_article_changelist"), {"queue": "review"})
    assert list(response.context["cl"].result_list) == [waiting]
    author_client = staff(AUTHOR, username="author2")
    mine = make_article(title="Mine", status="draft", created_by=author_client.user)
    response = author_client.get(reverse("admin:newsroom_article_changelist"), {"queue": "mine"})
    assert list(response.context["cl"].result_list) == [mine]


def test_scheduled_queue_and_publication_at_the_time(staff, client, monkeypatch):
    editor = staff(EDITOR)
    soon = make_article(title="Scheduled", published_at=timezone.now() + HOUR)
    response = editor.get(reverse("admin:newsroom_article_changelist"), {"queue": "scheduled"})
    assert list(response.context["cl"].result_list) == [soon]
    editor.logout()
    assert client.get(soon.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    later = timezone.now() + 2 * HOUR
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(soon.get_absolute_url()).status_code == HTTPStatus.OK


def test_expiry_takes_an_article_down_on_time(client, monkeypatch):
    article = make_article(expires_at=timezone.now() + HOUR)
    assert client.get(article.get_absolute_url()).status_code == HTTPStatus.OK
    later = timezone.now() + 2 * HOUR
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(article.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert article not in Article.objects.published()


def test_expiry_before_publication_is_refused():
    from django.core.exceptions import ValidationError

    article = make_article()
    article.expires_at = article.published_at - HOUR
    with pytest.raises(ValidationError):
        article.full_clean()


@pytest.mark.parametrize(
    ("start", "action", "end"),
    [
        ("draft", "submit_for_review", "review"),
        ("review", "return_to_draft", "draft"),
        ("review", "publish", "published"),
        ("published", "unpublish", "unpublished"),
        ("unpublished", "publish", "published"),
        ("published", "archive", "archived"),
        ("unpublished", "archive", "archived"),
    ],
)
def test_editor_moves_through_the_workflow_and_each_move_is_audited(staff, start, action, end):
    client = staff(EDITOR)
    article = make_article(status=start)
    client.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": action, "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == end
    event = AuditEvent.objects.filter(target_id=str(article.pk)).latest()
    assert event.actor == client.user
    assert (event.detail["status_from"], event.detail["status_to"]) == (start, end)


def test_a_move_the_table_does_not_allow_is_refused_even_for_editors(staff):
    client = staff(EDITOR)
    article = make_article(status="archived")
    client.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == "archived"


def test_events_follow_the_same_workflow(staff):
    client = staff(EDITOR)
    event = make_event(status="draft", published_at=None)
    client.post(
        reverse("admin:newsroom_event_changelist"),
        {"action": "publish", "_selected_action": [event.pk]},
    )
    event.refresh_from_db()
    assert event.is_published


# --- Accounts ------------------------------------------------------------------------------


def test_administrator_creates_an_account_with_a_role(staff):
    client = staff(ADMINISTRATOR)
    assert act_create_account(client)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="newcomer")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [AUTHOR]
    assert AuditEvent.objects.filter(action="account_created", target_id=str(user.pk)).exists()


def _account_post(user, role):
    return {
        "username": user.username,
        "role": role,
        "is_active": "on",
        "email": user.email,
        "first_name": "",
        "last_name": "",
    }


def test_an_account_can_never_raise_its_own_role(staff):
    from django.contrib.auth.models import Permission

    # An Editor who was also given the account permissions by hand tries to promote themselves.
    client = staff(EDITOR)
    me = client.user
    me.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="auth", codename__in=["view_user", "change_user"]
        )
    )
    response = client.post(
        reverse("admin:auth_user_change", args=[me.pk]), _account_post(me, ADMINISTRATOR)
    )
    assert response.status_code == HTTPStatus.OK
    assert "role" in response.context["adminform"].form.errors
    me.refresh_from_db()
    assert not me.groups.filter(name=ADMINISTRATOR).exists()


def test_an_administrator_may_lower_their_own_role(staff):
    client = staff(ADMINISTRATOR)
    me = client.user
    response = client.post(
        reverse("admin:auth_user_change", args=[me.pk]), _account_post(me, EDITOR)
    )
    assert response.status_code == HTTPStatus.FOUND
    assert list(me.groups.values_list("name", flat=True)) == [EDITOR]
    event = AuditEvent.objects.get(action="role_changed", target_id=str(me.pk))
    assert (event.detail["role_from"], event.detail["role_to"]) == (ADMINISTRATOR, EDITOR)


def test_administrator_cannot_touch_a_superuser(staff, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "pw-root-123456")
    client = staff(ADMINISTRATOR)
    response = client.post(
        reverse("admin:auth_user_change", args=[root.pk]),
        {
            "username": "root",
            "role": "",
            "is_active": "",
            "email": "",
            "first_name": "",
            "last_name": "",
        },
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    root.refresh_from_db()
    assert root.is_active


def test_deactivate_and_force_password_reset(staff, django_user_model, client):
    victim = django_user_model.objects.create_user(
        "writer", "writer@example.org", "pw-writer-123456", is_staff=True
    )
    victim.groups.add(Group.objects.get(name=AUTHOR))
    admin_client = staff(ADMINISTRATOR)
    admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "force_password_reset", "_selected_action": [victim.pk]},
    )
    victim.refresh_from_db()
    assert not victim.has_usable_password()
    [message] = mail.outbox
    assert message.to == ["writer@example.org"]
    assert "/accounts/reset/" in message.body
    admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactivate", "_selected_action": [victim.pk, admin_client.user.pk]},
    )
    victim.refresh_from_db()
    admin_client.user.refresh_from_db()
    assert not victim.is_active
    assert admin_client.user.is_active, "nobody deactivates themselves by accident"
    actions = set(
        AuditEvent.objects.filter(target_id=str(victim.pk)).values_list("action", flat=True)
    )
    assert {"password_reset", "account_deactivated"} <= actions


def test_only_the_password_reset_pages_of_django_auth_are_exposed(client):
    assert client.get("/accounts/login/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/accounts/reset/done/").status_code == HTTPStatus.OK
