"""The newsroom's three roles, as Django groups with exactly these permissions.

A data migration creates them; `manage.py sync_roles` puts them back in line after a change here.
"""

AUTHOR = "Author"
EDITOR = "Editor"
ADMINISTRATOR = "Administrator"
ROLES = (AUTHOR, EDITOR, ADMINISTRATOR)
RANK = {None: 0, AUTHOR: 1, EDITOR: 2, ADMINISTRATOR: 3}

_CRUD = ("add", "change", "delete", "view")


def _perms(model, actions=_CRUD, app="newsroom"):
    return [f"{app}.{action}_{model}" for action in actions]


AUTHOR_PERMISSIONS = [
    # Write articles; edit their own drafts (the admin limits changes to their own).
    *_perms("article", ("add", "change", "view")),
    *_perms("authorship"),
    *_perms("tag", ("add", "change", "view")),
    # Look up what articles link to.
    *_perms("event", ("view",)),
    *_perms("organisation", ("view",)),
    *_perms("participant", ("view",)),
]
EDITOR_PERMISSIONS = [
    *_perms("article"),
    "newsroom.publish_article",
    *_perms("authorship"),
    *_perms("event"),
    "newsroom.publish_event",
    *_perms("eventparticipation"),
    *_perms("organisation"),
    *_perms("organisationalias"),
    *_perms("participant"),
    *_perms("participantalias"),
    *_perms("position"),
    *_perms("tag"),
    *_perms("legacyrecord", ("change", "view")),
    *_perms("previewlink"),
]
ADMINISTRATOR_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    *_perms("user", ("add", "change", "view"), app="auth"),
    *_perms("group", ("view",), app="auth"),
    *_perms("auditevent", ("view",)),
    *_perms("accessattempt", ("view", "delete"), app="axes"),
    *_perms("accesslog", ("view",), app="axes"),
    # Reset a colleague's second factor (they set up a new one at their next sign-in).
    *_perms("totpdevice", ("view", "delete"), app="otp_totp"),
    *_perms("staticdevice", ("view", "delete"), app="otp_static"),
]
ROLE_PERMISSIONS = {
    AUTHOR: AUTHOR_PERMISSIONS,
    EDITOR: EDITOR_PERMISSIONS,
    ADMINISTRATOR: ADMINISTRATOR_PERMISSIONS,
}


def sync_roles(apps=None, verbosity=0):
    """Create the role groups and give each exactly its permissions. Returns {role: count}."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    apps = apps or global_apps
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    result = {}
    for role, names in ROLE_PERMISSIONS.items():
        wanted = []
        for name in names:
            app_label, codename = name.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:  # an app not installed (e.g. axes in a trimmed setup)
                wanted.append(permission)
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(wanted)
        result[role] = len(wanted)
    return result


def role_of(user):
    """The highest role a user holds; superusers are Administrators."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return ADMINISTRATOR
    names = {group.name for group in user.groups.all()}
    return max((role for role in ROLES if role in names), key=RANK.get, default=None)
