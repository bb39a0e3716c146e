"""Who may move an article or event from one status to another: one table, used everywhere.

| from \\ to   | draft         | review        | published | unpublished | archived |
| ----------- | ------------- | ------------- | --------- | ----------- | -------- |
| draft       |               | owner, editor | editor    |             |          |
| review      | owner, editor |               | editor    |             |          |
| published   |               |               |           | editor      | editor   |
| unpublished | editor        |               | editor    |             | editor   |
| archived    |               |               |           | editor      |          |

"owner" is the staff member who created the article (an Author); "editor" is anyone holding the
model's publish permission (Editors, Administrators). Publishing with a future publication time
schedules; an expiry time takes an item down again. Both are decided by the database query of
every public page (see querysets.published()), so no job has to run for them.
"""

from django.db.models import Q
from django.utils import timezone

from .models import AuditEvent, Publishable
from .querysets import published_condition

S = Publishable.Status
OWNER, EDITOR = "owner", "editor"

TRANSITIONS = {
    (S.DRAFT, S.REVIEW): {OWNER, EDITOR},
    (S.REVIEW, S.DRAFT): {OWNER, EDITOR},
    (S.DRAFT, S.PUBLISHED): {EDITOR},
    (S.REVIEW, S.PUBLISHED): {EDITOR},
    (S.PUBLISHED, S.UNPUBLISHED): {EDITOR},
    (S.PUBLISHED, S.ARCHIVED): {EDITOR},
    (S.UNPUBLISHED, S.PUBLISHED): {EDITOR},
    (S.UNPUBLISHED, S.DRAFT): {EDITOR},
    (S.UNPUBLISHED, S.ARCHIVED): {EDITOR},
    (S.ARCHIVED, S.UNPUBLISHED): {EDITOR},
}

# The audit action recorded for a move into each status.
AUDIT_ACTIONS = {
    S.REVIEW: AuditEvent.Action.SUBMIT,
    S.PUBLISHED: AuditEvent.Action.PUBLISH,
    S.UNPUBLISHED: AuditEvent.Action.UNPUBLISH,
    S.ARCHIVED: AuditEvent.Action.ARCHIVE,
    S.DRAFT: AuditEvent.Action.RETURN,
}


def publish_permission(model):
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def capacities(user, obj):
    """The capacities in which `user` acts on `obj`: editor, and/or owner."""
    found = set()
    if user.has_perm(publish_permission(type(obj))):
        found.add(EDITOR)
    if getattr(obj, "created_by_id", None) and obj.created_by_id == user.pk:
        found.add(OWNER)
    return found


def visible_to(user, queryset):
    """What of `queryset` (articles or events) `user` may see, published or not: everything for
    those who may publish it; the public items and their own pieces for anyone else who may view
    it (an Author never sees a colleague's draft); the public items only for the rest. The admin's
    lists, change and history pages, its autocomplete and the staff preview of the public pages
    all go by this."""
    model = queryset.model
    if user.has_perm(publish_permission(model)):
        return queryset
    condition = published_condition()
    opts = model._meta
    owned = any(field.name == "created_by" for field in opts.get_fields())
    viewer = user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    if owned and viewer and user.is_authenticated:
        condition |= Q(created_by=user.pk)
    return queryset.filter(condition)


def may_see(user, obj) -> bool:
    """`visible_to()` for one object."""
    return obj.is_published or bool(capacities(user, obj))


def can_move(user, obj, to_status, from_status=None) -> bool:
    from_status = from_status or obj.status
    if from_status == to_status:
        return True
    return bool(TRANSITIONS.get((from_status, to_status), set()) & capacities(user, obj))


def allowed_statuses(user, obj, from_status=None):
    """The statuses `obj` may be given by `user`, its current one first."""
    from_status = from_status or obj.status
    return [from_status] + [
        to
        for (frm, to), who in TRANSITIONS.items()
        if frm == from_status and who & capacities(user, obj)
    ]


def audit_action(obj, to_status):
    if to_status == S.PUBLISHED and obj.published_at and obj.published_at > timezone.now():
        return AuditEvent.Action.SCHEDULE
    return AUDIT_ACTIONS[to_status]


def move(user, obj, to_status, *, request=None):
    """Make a transition the table allows for `user`, stamp the time, and record it."""
    from_status = obj.status
    if not can_move(user, obj, to_status):
        raise PermissionError(f"{user} may not move {obj} from {from_status} to {to_status}")
    obj.status = to_status
    if to_status == S.PUBLISHED and obj.published_at is None:
        obj.published_at = timezone.now()
    obj.save()
    record_move(user, obj, from_status, request=request)
    return obj


def record_move(user, obj, from_status, *, request=None):
    """Write the move `obj` has just made from `from_status` to the audit trail."""
    from . import audit

    audit.record(
        audit_action(obj, obj.status),
        actor=user,
        target=obj,
        request=request,
        status_from=from_status or "",
        status_to=obj.status,
    )
