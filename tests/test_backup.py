"""manage.py backup / restore: the whole site's state in one self-checking archive, written
atomically, restored exactly into a fresh installation (docs/backup.md)."""

import datetime
import hashlib
import io
import json
import os
import signal
import zipfile
from http import HTTPStatus
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connection
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom import audit, preview
from newsroom.archive import (
    BACKUP,
    CONTENT,
    MANIFEST,
    NOT_BACKED_UP,
    SITE,
    _content_counts,
    export_archive,
    site_models,
)
from newsroom.models import Article, AuditEvent, PreviewLink, Tag

from .factories import image_upload, make_article, make_event, make_organisation
from .test_archive import flip_byte_in, flush, involvement_rows, media_files, rezip
from .test_archive import newsroom as newsroom  # noqa: F401  (the rich content fixture)

pytestmark = pytest.mark.django_db

PASSWORD = "pw-editor-backup-1"
ADMIN_PASSWORD = "pw-admin-backup-22"


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def export_bytes():
    buffer = io.BytesIO()
    export_archive(buffer)
    return buffer.getvalue()


def originals(media_root):
    """sha256 of every stored file except the renditions (made again by restore)."""
    return {
        name: hashlib.sha256((media_root / name).read_bytes()).hexdigest()
        for name in media_files(media_root)
        if not name.startswith("renditions/")
    }


def members(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def fresh_installation(media_root):
    """What `migrate` leaves: no content, no accounts, the roles' groups (re-created here
    because `flush` empties the tables a data migration filled)."""
    flush(media_root)
    call_command("sync_roles", stdout=StringIO())


def sign_in(client, username, password, code=""):
    data = {"username": username, "password": password, "otp_token": code, "next": "/"}
    return client.post(reverse("admin:login"), data)


def totp_code(device):
    return (
        f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    )


@pytest.fixture(autouse=True)
def plain_sign_in(settings):
    settings.REQUIRE_2FA = False
    settings.NEWSROOM_TRUSTED_PROXY_COUNT = 0


@pytest.fixture
def site(newsroom, django_user_model, media_root):  # noqa: F811
    """The rich content plus everything else a site accumulates: accounts with roles and
    passwords, a changed role, two-factor devices, revisions (one with an image since replaced),
    the admin's log, the audit trail, a preview link, a session and a sign-in lockout."""
    sync = StringIO()
    call_command("sync_roles", stdout=sync)
    editors = Group.objects.get(name="Editor")
    # A role changed in the admin since the migration: the backup's permissions must win.
    editors.permissions.remove(
        Permission.objects.get(codename="delete_tag", content_type__app_label="newsroom")
    )
    editor = newsroom["editor"]
    editor.set_password(PASSWORD)
    editor.first_name = "Айгерим"
    editor.last_login = timezone.now() - datetime.timedelta(days=1)
    editor.save()
    editor.groups.add(editors)
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", ADMIN_PASSWORD)
    admin.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    django_user_model.objects.create_user("gone", is_active=False)

    totp = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    recovery = StaticDevice.objects.create(user=admin, name="backup", confirmed=True)
    recovery.token_set.create(token="abcd1234")

    # Revisions: the hero image replaced, so an old revision points at a file no row does.
    article = newsroom["analysis"]
    old_image = article.hero_image.name
    article.hero_image = image_upload("routes-2025.png")
    article.title = "Opiate routes in 2025"
    article._history_user = editor
    article.save()
    assert article.history.filter(hero_image=old_image).exists()

    LogEntry.objects.log_actions(editor.pk, [article], ADDITION, change_message="Added.")
    audit.record(AuditEvent.Action.PUBLISH, actor=editor, target=article, note="dates", n=1)
    preview.create_link(article, editor, datetime.timedelta(days=3))
    Session.objects.create(
        session_key="x" * 32,
        session_data="e30:1",
        expire_date=timezone.now() + datetime.timedelta(hours=1),
    )
    AccessAttempt.objects.create(
        username="admin", ip_address="10.0.0.1", failures_since_start=3, get_data="", post_data=""
    )
    return {**newsroom, "admin": admin, "totp": totp, "old_image": old_image}


@pytest.fixture
def backup(site, tmp_path):
    path = tmp_path / "site-backup.zip"
    output = run("backup", str(path))
    assert f"to {path}" in output
    return path


# --- What a backup holds ---------------------------------------------------------------------


def test_every_model_is_either_backed_up_or_left_out_on_purpose():
    from django.apps import apps

    from newsroom.archive import CONTENT_MODELS

    labels = {m._meta.label_lower for m in apps.get_models()}
    backed_up = {m._meta.label_lower for m in (*CONTENT_MODELS, *site_models())}
    assert labels == backed_up | NOT_BACKED_UP
    assert not backed_up & NOT_BACKED_UP
    assert {
        "auth.user",
        "auth.group",
        "admin.logentry",
        "otp_totp.totpdevice",
        "otp_static.statictoken",
        "newsroom.historicalarticle",
        "newsroom.historicalarticle_organisations",
        "newsroom.auditevent",
        "newsroom.previewlink",
    } <= backed_up
    assert {"sessions.session", "contenttypes.contenttype", "auth.permission"} <= NOT_BACKED_UP


def test_backup_holds_content_state_and_media_each_with_its_checksum(site, backup):
    files = members(backup)
    manifest = json.loads(files[MANIFEST])
    assert manifest["kind"] == BACKUP
    assert set(files) == {MANIFEST, *manifest["files"]}
    for name, entry in manifest["files"].items():
        assert entry == {
            "sha256": hashlib.sha256(files[name]).hexdigest(),
            "size": len(files[name]),
        }
    # Content in the export's own encoding: the same bytes export_content writes.
    assert files[CONTENT] == members_of_export()[CONTENT]
    rows = json.loads(files[SITE])
    by_model = {}
    for row in rows:
        by_model.setdefault(row["model"], []).append(row)
    assert manifest["site_counts"] == {
        m._meta.label_lower: len(by_model.get(m._meta.label_lower, [])) for m in site_models()
    }
    admin = next(r for r in by_model["auth.user"] if r["fields"]["username"] == "admin")
    assert admin["pk"] == site["admin"].pk
    assert admin["fields"]["password"] == site["admin"].password  # the hash, never the password
    assert ["view_auditevent", "newsroom", "auditevent"] in admin["fields"]["user_permissions"]
    [log] = by_model["admin.logentry"]
    assert log["fields"]["content_type"] == ["newsroom", "article"]
    assert "sessions.session" not in by_model and "axes.accessattempt" not in by_model
    # The image an old revision shows is kept, beside the current ones.
    assert f"media/{site['old_image']}" in files
    assert f"media/{Article.objects.get(pk=site['analysis'].pk).hero_image.name}" in files
    assert os.stat(backup).st_mode & 0o777 == 0o600


def members_of_export():
    with zipfile.ZipFile(io.BytesIO(export_bytes())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# --- Restore into a fresh installation -----------------------------------------------------------


def test_restore_brings_a_fresh_installation_back_to_exactly_the_backed_up_state(
    site, backup, media_root, tmp_path, client
):
    export_before = export_bytes()
    media_before = originals(media_root)
    involved = involvement_rows()
    totp = site["totp"]
    fresh_installation(media_root)
    assert Group.objects.exists() and not get_user_model().objects.exists()

    output = run("restore", str(backup))

    assert "Restored" in output and "auth.user: 3" in output
    assert export_bytes() == export_before
    assert involvement_rows() == involved  # derived, not backed up: made again
    assert originals(media_root) == media_before
    # Everything else too: a backup of the restored site is the same file, byte for byte.
    again = tmp_path / "again.zip"
    run("backup", str(again))
    assert again.read_bytes() == backup.read_bytes()
    assert (
        not Group.objects.get(name="Editor")
        .permissions.filter(codename="delete_tag", content_type__app_label="newsroom")
        .exists()
    )
    assert not Session.objects.exists() and not AccessAttempt.objects.exists()

    # Staff sign in with their old passwords, and second factors.
    assert sign_in(client, "editor", PASSWORD).status_code == HTTPStatus.FOUND
    client.logout()
    assert sign_in(client, "admin", ADMIN_PASSWORD).status_code == HTTPStatus.OK  # needs a code
    assert sign_in(client, "admin", ADMIN_PASSWORD, totp_code(totp)).status_code == HTTPStatus.FOUND
    assert client.get(reverse("admin:newsroom_auditevent_changelist")).status_code == HTTPStatus.OK


def test_new_rows_get_fresh_ids_after_a_restore(site, backup, media_root, django_user_model):
    highest = {
        model: model._base_manager.order_by("-pk").values_list("pk", flat=True).first() or 0
        for model in (Article, Tag, get_user_model(), AuditEvent, Group, LogEntry, PreviewLink)
    }
    highest[Article.history.model] = Article.history.order_by("-pk").first().pk
    fresh_installation(media_root)
    run("restore", str(backup))

    article = make_article(tags=[Tag.objects.create(name="after the restore")])
    user = django_user_model.objects.create_user("newcomer", password=PASSWORD)
    created = [
        article,
        Tag.objects.get(name="after the restore"),
        user,
        audit.record(AuditEvent.Action.PUBLISH, actor=user, target=article),
        Group.objects.create(name="Reviewers"),
        LogEntry.objects.log_actions(user.pk, [article], ADDITION)[0],
        preview.create_link(article, user, datetime.timedelta(days=1)),
        article.history.latest(),
    ]
    for obj in created:
        assert obj.pk > highest[type(obj)], type(obj)


def test_restore_refuses_a_site_that_is_not_fresh_and_changes_nothing(site, backup, media_root):
    before = export_bytes()
    users = get_user_model().objects.count()

    with pytest.raises(CommandError, match="not a fresh installation.*--replace"):
        run("restore", str(backup))

    assert export_bytes() == before
    assert get_user_model().objects.count() == users


def test_restore_refuses_a_site_with_accounts_but_no_content(backup, media_root):
    fresh_installation(media_root)
    get_user_model().objects.create_superuser("first-admin", "f@example.org", ADMIN_PASSWORD)

    with pytest.raises(CommandError, match=r"auth.user: 1"):
        run("restore", str(backup))

    assert _content_counts(DEFAULT_DB_ALIAS) == {}


def test_restore_with_replace_puts_the_backed_up_state_in_place_of_the_current_one(
    site, backup, media_root, tmp_path, client
):
    involved = involvement_rows()
    Article.objects.filter(pk=site["analysis"].pk).update(title="Changed after the backup")
    make_event(title="Added after the backup")
    site["analysis"].organisations.clear()
    assert involvement_rows() != involved
    get_user_model().objects.filter(username="gone").delete()
    admin = site["admin"]
    admin.set_password("a-new-password-after")
    admin.save()
    client.force_login(admin)

    output = run("restore", "--replace", str(backup))

    assert "Restored" in output
    again = tmp_path / "again.zip"
    run("backup", str(again))
    assert again.read_bytes() == backup.read_bytes()
    assert not Session.objects.exists()  # every session ended: ids may now be someone else's
    assert sign_in(client, "editor", PASSWORD).status_code == HTTPStatus.FOUND
    assert involvement_rows() == involved


# --- Written atomically ---------------------------------------------------------------------


def test_backup_refuses_to_overwrite_unless_forced(site, tmp_path):
    path = tmp_path / "nightly.zip"
    path.write_bytes(b"yesterday's backup")

    with pytest.raises(CommandError, match="exists already.*--force"):
        run("backup", str(path))
    assert path.read_bytes() == b"yesterday's backup"

    run("backup", "--force", "--output", str(path))
    assert json.loads(members(path)[MANIFEST])["kind"] == BACKUP
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "media") == ["nightly.zip"]


def test_backup_into_a_folder_names_the_file_by_the_time(site, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    output = run("backup", str(folder))
    [written] = list(folder.iterdir())
    assert written.name.startswith("newsroom-backup-") and written.suffix == ".zip"
    assert str(written) in output


class FailingRead:
    """A media file that breaks partway through being read (a disk error, a dropped mount)."""

    def __init__(self, real, fail):
        self.real, self.fail, self.reads = real, fail, 0

    def read(self, size=-1):
        self.reads += 1
        if self.reads > 1:
            self.fail()
        return self.real.read(min(size, 10) if size and size > 0 else 10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


def break_media_reads(monkeypatch, fail):
    real_open = default_storage.open

    def open_(name, mode="rb"):
        return FailingRead(real_open(name, mode), fail)

    monkeypatch.setattr(default_storage, "open", open_)


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir())


def test_a_failure_while_writing_leaves_no_backup_and_no_temporary_file(
    site, tmp_path, monkeypatch
):
    folder = tmp_path / "backups"
    folder.mkdir()

    def disk_error():
        raise OSError(5, "Input/output error")

    break_media_reads(monkeypatch, disk_error)

    with pytest.raises(CommandError, match="no backup was written.*Input/output error"):
        run("backup", str(folder / "site.zip"))

    assert leftovers(folder) == []


def test_a_backup_stopped_by_sigterm_leaves_no_backup_and_no_temporary_file(
    site, tmp_path, monkeypatch
):
    folder = tmp_path / "backups"
    folder.mkdir()
    break_media_reads(monkeypatch, lambda: os.kill(os.getpid(), signal.SIGTERM))
    handler = signal.getsignal(signal.SIGTERM)

    with pytest.raises(CommandError, match="stopped by SIGTERM"):
        run("backup", str(folder / "site.zip"))

    assert leftovers(folder) == []
    assert signal.getsignal(signal.SIGTERM) is handler


def test_an_unfinished_backup_is_refused(backup, media_root, tmp_path):
    """What a kill -9 leaves: the temporary .partial file, cut short."""
    partial = tmp_path / f".{backup.name}.x1y2z3.partial"
    partial.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    fresh_installation(media_root)

    with pytest.raises(CommandError, match="unfinished archive"):
        run("restore", str(partial))

    renamed = tmp_path / "renamed.zip"
    partial.rename(renamed)
    with pytest.raises(CommandError, match="truncated"):
        run("restore", str(renamed))
    assert not get_user_model().objects.exists()


# --- Self-verifying: nothing is touched unless every check passes ---------------------------------


def site_rows(data):
    return json.loads(members_of(data)[SITE])


def members_of(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def edit_site(data, change):
    rows = site_rows(data)
    change(rows)
    return rezip(data, replace={SITE: json.dumps(rows).encode()})


def a_session_row(rows):
    rows.append(
        {
            "model": "sessions.session",
            "pk": "y" * 32,
            "fields": {"session_data": "e30:1", "expire_date": "2030-01-01T00:00:00Z"},
        }
    )


def an_unknown_permission(rows):
    user = next(r for r in rows if r["model"] == "auth.user")
    user["fields"]["user_permissions"] = [["fly", "newsroom", "article"]]


def one_user_fewer(rows):
    rows.remove(next(r for r in rows if r["model"] == "auth.user"))


def as_export(manifest):
    manifest["kind"] = "export"


DAMAGE = {
    "truncated": (lambda data: data[: len(data) * 2 // 3], "truncated"),
    "flipped byte in site.json": (lambda data: flip_byte_in(data, SITE), "damaged"),
    "flipped byte in an old revision's image": (
        lambda data: flip_byte_in(data, data_old_image_member(data)),
        "damaged",
    ),
    "site.json replaced, manifest not": (
        lambda data: rezip(data, replace={SITE: b"[]"}, keep_manifest=True),
        "bytes; manifest.json says",
    ),
    "rows of a model a backup leaves out": (
        lambda data: edit_site(data, a_session_row),
        "sessions.session, which a backup does not restore",
    ),
    "a permission this site lacks": (
        lambda data: edit_site(data, an_unknown_permission),
        "site.json cannot be read",
    ),
    "counts disagree": (lambda data: edit_site(data, one_user_fewer), "row counts"),
    "site.json missing": (lambda data: rezip(data, drop=[SITE]), "no site.json"),
    "a content export": (
        lambda data: rezip(data, drop=[SITE], edit_manifest=as_export),
        "a content export, not a backup.*import_content",
    ),
}


def data_old_image_member(data):
    manifest = json.loads(members_of(data)[MANIFEST])
    rows = site_rows(data)
    old = {
        r["fields"].get("hero_image") for r in rows if r["model"] == "newsroom.historicalarticle"
    }
    current = {r["hero_image"] for r in json.loads(members_of(data)[CONTENT])["newsroom.article"]}
    [name] = (old - current) - {"", None}
    assert f"media/{name}" in manifest["files"]
    return f"media/{name}"


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_backup_is_refused_before_anything_is_written(
    backup, media_root, tmp_path, damage
):
    damaged, message = damage
    data = backup.read_bytes()
    path = tmp_path / "damaged.zip"
    path.write_bytes(damaged(data))
    fresh_installation(media_root)
    groups = sorted(Group.objects.values_list("pk", "name"))

    with pytest.raises(CommandError, match=f"Restore refused, nothing was changed: .*{message}"):
        run("restore", str(path))

    assert _content_counts(DEFAULT_DB_ALIAS) == {}
    assert not get_user_model().objects.exists()
    assert sorted(Group.objects.values_list("pk", "name")) == groups
    assert media_files(media_root) == []


def test_a_database_failure_midway_undoes_the_whole_restore(backup, media_root, tmp_path):
    def duplicate_username(rows):
        users = [r for r in rows if r["model"] == "auth.user"]
        users[1]["fields"]["username"] = users[0]["fields"]["username"]

    path = tmp_path / "bad.zip"
    path.write_bytes(edit_site(backup.read_bytes(), duplicate_username))
    fresh_installation(media_root)
    media_root.mkdir(exist_ok=True)

    with pytest.raises(CommandError, match="undone"):
        run("restore", str(path))

    assert not get_user_model().objects.exists()
    assert Group.objects.count() == 3
    assert _content_counts(DEFAULT_DB_ALIAS) == {}
    assert media_files(media_root) == []


def test_import_content_refuses_a_backup_and_points_to_restore(backup, media_root):
    fresh_installation(media_root)
    with pytest.raises(CommandError, match="manage.py restore"):
        run("import_content", str(backup))
    assert _content_counts(DEFAULT_DB_ALIAS) == {}


def test_content_types_are_matched_by_name_not_by_id(site, backup, media_root):
    """Another installation numbers its content types and permissions differently."""
    fresh_installation(media_root)
    article_type = ContentType.objects.get(app_label="newsroom", model="article")
    # Renumber: what a site migrated in another order would have.
    with connection.cursor() as cursor:
        new_id = ContentType.objects.order_by("-pk").first().pk + 100
        cursor.execute(
            "UPDATE django_content_type SET id = %s WHERE id = %s", [new_id, article_type.pk]
        )
        cursor.execute(
            "UPDATE auth_permission SET content_type_id = %s WHERE content_type_id = %s",
            [new_id, article_type.pk],
        )
    ContentType.objects.clear_cache()

    run("restore", str(backup))

    [log] = LogEntry.objects.all()
    assert log.content_type_id == new_id
    assert log.get_edited_object() == Article.objects.get(pk=site["analysis"].pk)
    editor = get_user_model().objects.get(username="editor")
    assert editor.has_perm("newsroom.change_article")
    make_organisation()  # the site works on


def test_backup_and_restore_with_the_media_in_a_bucket(s3_media, tmp_path):
    article = make_article(hero_image=image_upload("first.png", size=(300, 200)), hero_alt="A")
    article.hero_image = image_upload("second.png", size=(300, 200))
    article.save()  # the first image is now only in a revision

    def stored():
        keys = [key for key in s3_media.keys() if not key.startswith("renditions/")]
        return {key: s3_media.read(key) for key in keys}

    before = stored()
    assert len(before) == 2
    path = tmp_path / "site.zip"
    assert "2 media files" in run("backup", str(path))
    connection.check_constraints()  # PostgreSQL refuses TRUNCATE with deferred checks pending
    call_command("flush", interactive=False, verbosity=0)
    s3_media.empty()

    run("restore", str(path))

    assert stored() == before
    assert s3_media.keys("renditions/")  # made again from the restored originals
    again = tmp_path / "again.zip"
    run("backup", str(again))
    assert again.read_bytes() == path.read_bytes()


def test_backup_needs_one_destination(tmp_path):
    with pytest.raises(CommandError, match="Say where"):
        run("backup")
    with pytest.raises(CommandError, match="once"):
        run("backup", str(tmp_path / "a.zip"), "--output", str(tmp_path / "b.zip"))
    assert list(tmp_path.iterdir()) == []


def test_a_fresh_installation_backs_up_and_restores(media_root, tmp_path):
    fresh_installation(media_root)
    path = tmp_path / "empty.zip"
    run("backup", str(path))
    fresh_installation(media_root)

    assert "Restored 3 rows and 0 media files" in run("restore", str(path))  # the three roles
    assert sorted(Group.objects.values_list("name", flat=True)) == [
        "Administrator",
        "Author",
        "Editor",
    ]
