import datetime
import hashlib
import io
import json
import shutil
import zipfile
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from newsroom.archive import (
    CONTENT,
    CONTENT_MODELS,
    FORMAT_NAME,
    MANIFEST,
    _content_counts,
    export_archive,
    import_archive,
)
from newsroom.models import (
    Article,
    Authorship,
    Event,
    LegacyRecord,
    Organisation,
    OrganisationAlias,
    OrganisationInvolvement,
    ParticipantAlias,
    Tag,
)

from .factories import (
    image_upload,
    make_article,
    make_event,
    make_organisation,
    make_participant,
    make_participation,
    make_position,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def media_files(media_root):
    if not media_root.exists():
        return []
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file())


def involvement_rows():
    rows = OrganisationInvolvement.objects.values_list(
        "article_id", "organisation_id", "event_id", "event_published_at", "event_expires_at"
    )
    return sorted(rows, key=repr)  # repr: event_id may be None


def export_bytes():
    buffer = io.BytesIO()
    export_archive(buffer)
    return buffer.getvalue()


def flush(media_root):
    """A fresh site: every table emptied, id sequences restarted, no media files."""
    # PostgreSQL refuses TRUNCATE while the test's deferred foreign-key checks are pending.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root, ignore_errors=True)


def delete_content():
    for model in reversed(CONTENT_MODELS):
        model.objects.all().delete()


def assert_nothing_written(media_root):
    assert _content_counts(DEFAULT_DB_ALIAS) == {}
    assert get_user_model().objects.count() == 0
    assert not media_root.exists() or not any(media_root.iterdir())


@pytest.fixture
def newsroom(django_user_model):
    """Every kind of content, with the awkward cases: Cyrillic, forward references, no person."""
    editor = django_user_model.objects.create_user("editor", "e@example.org", "pw", is_staff=True)
    now = datetime.datetime(2025, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)

    office = make_organisation(name="UNODC Regional Office", country="KZ", kind="international")
    unodc = make_organisation(
        name="United Nations Office on Drugs and Crime",
        short_name="UNODC",
        website="https://www.unodc.org/",
        logo=image_upload("unodc.png"),
    )
    office.parent = unodc  # a parent with a higher id than its office
    office.save()
    caricc = make_organisation(
        name="Центральноазиатский региональный информационный координационный центр",
        short_name="CARICC",
        kind="regional_centre",
        country="KZ",
        description="Regional centre.\nSecond line.",
    )
    OrganisationAlias.objects.create(organisation=caricc, name="КАРИЦ")
    OrganisationAlias.objects.create(organisation=unodc, name="UN Office on Drugs and Crime")

    director = make_participant(
        full_name="Rustam Miralizoda",
        photo=image_upload("портрет.png"),
        photo_alt="Portrait of the director",
        bio="Director since 2021.",
    )
    analyst = make_participant(full_name="Aigerim Seitkali", family_name="Seitkali", honorific="")
    ParticipantAlias.objects.create(participant=director, name="Мирализода Р.А.")
    ParticipantAlias.objects.create(participant=director, name="R.Miralizoda")
    make_position(
        director, title="Director", organisation=caricc, started_on=datetime.date(2021, 1, 5)
    )
    make_position(analyst, title="Analyst", started_on=None, ended_on=datetime.date(2020, 2, 1))

    precursors, heroin = Tag.objects.create(name="Прекурсоры"), Tag.objects.create(name="heroin")
    meeting = make_event(
        title="Рабочая группа по прекурсорам",
        tags=[precursors],
        ends_on=timezone.localdate(),
        starts_on=timezone.localdate() - datetime.timedelta(days=2),
        city="Almaty",
        country="KZ",
        description="<p>Delegations <strong>met</strong>.</p>",
    )
    meeting.hosts.add(caricc, unodc)
    meeting.organisations.add(office)
    make_participation(meeting, director, role="chair", presentation_title="Opening", sort_order=1)
    make_participation(meeting, None, role="delegate", label="Delegation of Kazakhstan")
    make_participation(meeting, None, role="observer", organisation=unodc)
    make_event(status=Event.Status.DRAFT, published_at=None, kind="webinar", format="online")

    analysis = make_article(
        title="Opiate routes in 2024",
        section="analytics",
        tags=[heroin, precursors],
        hero_image=image_upload("routes.png"),
        hero_alt="A map",
        hero_caption="Map: CARICC",
        created_by=editor,
    )
    Authorship.objects.create(article=analysis, participant=analyst, byline="Senior analyst")
    Authorship.objects.create(article=analysis, participant=director, sort_order=1)
    analysis.organisations.add(unodc, caricc)
    analysis.participants.add(director)
    analysis.events.add(meeting)
    make_article(
        status=Article.Status.DRAFT, published_at=None, title="Черновик", created_by=editor
    )
    make_article(published_at=now + datetime.timedelta(days=3650), title="Scheduled")
    legacy = make_article(
        title="From the old site", published_at=now - datetime.timedelta(days=900)
    )
    LegacyRecord.objects.create(
        article=legacy,
        key="old-1234",
        old_url="https://caricc.org/index.php?option=com_content&id=1234",
        old_path="/index.php",
        source="caricc.org",
        imported_at=now,
    )
    # Times that save() would never produce: a restore must keep them exactly.
    Article.objects.filter(pk=legacy.pk).update(
        created_at=now - datetime.timedelta(days=900), updated_at=now
    )
    return {"editor": editor, "analysis": analysis, "legacy": legacy}


def test_archive_covers_every_newsroom_content_model():
    # Records of how content was made, and a table derived from it (rebuilt on import).
    records = {"AuditEvent", "PreviewLink", "OrganisationInvolvement"}
    left_out = {
        model.__name__
        for model in apps.get_app_config("newsroom").get_models()
        if model not in CONTENT_MODELS
    }
    assert {name for name in left_out if not name.startswith("Historical")} == records


def test_export_is_deterministic(newsroom):
    first, second = export_bytes(), export_bytes()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == [
        CONTENT,
        *sorted(i.filename for i in infos[1:-1]),
        MANIFEST,
    ]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_export_writes_a_documented_manifest_and_plain_rows(newsroom, tmp_path):
    path = tmp_path / "newsroom.zip"
    export_archive(path)
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        content = json.loads(archive.read(CONTENT))
        for name, entry in manifest["files"].items():
            data = archive.read(name)
            assert entry == {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    assert manifest["format"] == FORMAT_NAME
    assert manifest["format_version"] == 2
    assert manifest["kind"] == "export"
    [(_app, latest)] = MigrationLoader(connection).graph.leaf_nodes("newsroom")
    assert manifest["migration"]["latest_applied"] == latest
    assert manifest["counts"]["newsroom.article"] == 4
    assert manifest["missing_media"] == []
    assert len([n for n in manifest["files"] if n.startswith("media/")]) == 3

    analysis = next(r for r in content["newsroom.article"] if r["id"] == newsroom["analysis"].pk)
    assert analysis["created_by"] == "editor"
    assert analysis["hero_image"] == newsroom["analysis"].hero_image.name
    assert f"media/{analysis['hero_image']}" in manifest["files"]
    assert analysis["organisations"] == sorted(analysis["organisations"])
    assert analysis["published_at"].endswith("Z")
    legacy = next(r for r in content["newsroom.article"] if r["id"] == newsroom["legacy"].pk)
    assert legacy["updated_at"] == "2025-03-04T05:06:07.891011Z"
    assert {r["country"] for r in content["newsroom.organisation"]} == {"", "KZ"}
    assert "Прекурсоры" in {r["name"] for r in content["newsroom.tag"]}
    assert [r["id"] for r in content["newsroom.tag"]] == sorted(
        r["id"] for r in content["newsroom.tag"]
    )
    assert {r["participant"] for r in content["newsroom.eventparticipation"]} >= {None}


def test_round_trip_into_a_flushed_database_gives_identical_archives(
    newsroom, media_root, tmp_path
):
    first = tmp_path / "first.zip"
    export_archive(first)
    images = {name: (media_root / name).read_bytes() for name in media_files(media_root)}
    legacy = Article.objects.get(pk=newsroom["legacy"].pk)
    involved = involvement_rows()
    assert involved, "the analysis names organisations and reports an event"
    flush(media_root)

    output = run("import_content", str(first))
    assert involvement_rows() == involved  # the derived table is made again from the content

    second = tmp_path / "second.zip"
    export_archive(second)
    assert first.read_bytes() == second.read_bytes()
    assert {name: (media_root / name).read_bytes() for name in media_files(media_root)} == images
    restored = Article.objects.get(pk=legacy.pk)
    assert (restored.created_at, restored.updated_at) == (legacy.created_at, legacy.updated_at)
    assert "Imported" in output and "newsroom.article: 4" in output


def test_import_recreates_a_missing_author_account_inactive_and_says_so(
    newsroom, media_root, tmp_path
):
    path = tmp_path / "newsroom.zip"
    export_archive(path)
    flush(media_root)

    output = run("import_content", str(path))

    editor = get_user_model().objects.get(username="editor")
    assert not editor.is_active
    assert not editor.has_usable_password()
    assert Article.objects.get(pk=newsroom["analysis"].pk).created_by == editor
    assert "inactive" in output and "editor" in output


def test_import_keeps_an_existing_author_account(newsroom, tmp_path):
    path = tmp_path / "newsroom.zip"
    export_archive(path)
    delete_content()

    summary = import_archive(path)

    assert summary.created_users == []
    editor = Article.objects.get(pk=newsroom["analysis"].pk).created_by
    assert editor == newsroom["editor"] and editor.is_active


def test_new_rows_get_fresh_ids_after_import(newsroom, media_root, tmp_path):
    path = tmp_path / "newsroom.zip"
    export_archive(path)
    highest = {model: model.objects.order_by("-pk").first().pk for model in CONTENT_MODELS}
    flush(media_root)
    import_archive(path)

    article = make_article(tags=[Tag.objects.create(name="new tag")], authors=[make_participant()])
    created = [article, make_event(), make_organisation(), Tag.objects.get(name="new tag")]
    created += [article.authorships.get(), article.tagged_items.get()]
    for obj in created:
        assert obj.pk > highest[type(obj)]


@pytest.mark.django_db(transaction=True)
def test_export_outside_a_transaction_reads_one_snapshot(tmp_path):
    make_article(hero_image=image_upload("outside.png"), hero_alt="Outside")
    summary = export_archive(tmp_path / "newsroom.zip")
    assert summary.counts["newsroom.article"] == 1
    assert summary.media_files == 1


def test_export_command_reports_counts_and_size(newsroom, tmp_path):
    path = tmp_path / "out.zip"
    output = run("export_content", str(path))
    assert f"to {path}" in output
    assert "newsroom.article: 4" in output
    assert f"{path.stat().st_size:,} bytes" in output
    assert "media: 3 files" in output


def test_an_image_missing_from_storage_is_recorded_and_restored_as_a_reference(
    newsroom, media_root, tmp_path
):
    newsroom["analysis"].hero_image.storage.delete(newsroom["analysis"].hero_image.name)
    first = tmp_path / "first.zip"
    summary = export_archive(first)
    assert summary.missing_media == [newsroom["analysis"].hero_image.name]
    flush(media_root)

    assert import_archive(first).missing_media == summary.missing_media

    second = tmp_path / "second.zip"
    export_archive(second)
    assert first.read_bytes() == second.read_bytes()


# Refusals -------------------------------------------------------------------------------------


@pytest.fixture
def archive(newsroom, media_root):
    """A valid archive of the rich newsroom, and an empty site to restore it into."""
    data = export_bytes()
    flush(media_root)
    return data


def rezip(data, *, replace=None, drop=(), keep_manifest=False, edit_manifest=None):
    """The archive with members replaced or removed; the manifest follows unless told not to."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {name: source.read(name) for name in source.namelist()}
    members.update(replace or {})
    for name in drop:
        members.pop(name)
    if MANIFEST in members and not keep_manifest:
        manifest = json.loads(members[MANIFEST])
        manifest["files"] = {
            name: {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}
            for name, body in members.items()
            if name != MANIFEST
        }
        if edit_manifest:
            edit_manifest(manifest)
        members[MANIFEST] = json.dumps(manifest).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, body in members.items():
            target.writestr(name, body)
    return out.getvalue()


def edit_content(data, change):
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        content = json.loads(source.read(CONTENT))
    change(content)
    return rezip(data, replace={CONTENT: json.dumps(content).encode()})


def flip_byte_in(data, name):
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        info = source.getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    position = start + info.compress_size // 2
    return data[:position] + bytes([data[position] ^ 0xFF]) + data[position + 1 :]


def a_media_member(data):
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return next(name for name in source.namelist() if name.startswith("media/"))


def drop_article_rows(content):
    content["newsroom.article"] = [
        row
        for row in content["newsroom.article"]
        if not any(a["article"] == row["id"] for a in content["newsroom.authorship"])
    ]


def set_version(manifest):
    manifest["format_version"] = 3


def rename_format(manifest):
    manifest["format"] = "something-else"


def duplicate_tag_slug(content):
    content["newsroom.tag"][1]["slug"] = content["newsroom.tag"][0]["slug"]


def unsafe_image_name(content):
    content["newsroom.article"][0]["hero_image"] = "../../etc/evil.png"


def local_datetime(content):
    content["newsroom.article"][0]["created_at"] = "2025-03-04T10:06:07+05:00"


def unsorted_m2m(content):
    row = next(r for r in content["newsroom.article"] if len(r["organisations"]) > 1)
    row["organisations"].reverse()


DAMAGE = {
    "not a zip": (lambda data: b"hello, not an archive", "Not a zip archive"),
    "truncated": (lambda data: data[: len(data) // 2], "Not a zip archive"),
    "flipped byte in content": (lambda data: flip_byte_in(data, CONTENT), "damaged"),
    "flipped byte in an image": (lambda data: flip_byte_in(data, a_media_member(data)), "damaged"),
    "altered content, same size": (
        lambda data: rezip(data, replace={CONTENT: _same_size_change(data)}, keep_manifest=True),
        "does not match its sha256",
    ),
    "altered content, other size": (
        lambda data: rezip(data, replace={CONTENT: b"{}"}, keep_manifest=True),
        "bytes; manifest.json says",
    ),
    "missing member": (
        lambda data: rezip(data, drop=[a_media_member(data)], keep_manifest=True),
        "Missing member",
    ),
    "missing image": (
        lambda data: rezip(data, drop=[a_media_member(data)]),
        "Missing media file",
    ),
    "missing manifest": (lambda data: rezip(data, drop=[MANIFEST]), "no manifest.json"),
    "missing content": (lambda data: rezip(data, drop=[CONTENT]), "no content.json"),
    "unexpected member": (
        lambda data: rezip(data, replace={"notes.txt": b"hi"}, keep_manifest=True),
        "Unexpected member",
    ),
    "unknown version": (
        lambda data: rezip(data, edit_manifest=set_version),
        "format version 3",
    ),
    "other format": (lambda data: rezip(data, edit_manifest=rename_format), FORMAT_NAME),
    "malformed manifest": (
        lambda data: rezip(data, replace={MANIFEST: b"{not json"}, keep_manifest=True),
        "manifest.json is not valid JSON",
    ),
    "malformed content": (
        lambda data: rezip(data, replace={CONTENT: b'{"newsroom.tag": ['}),
        "content.json is not valid JSON",
    ),
    "content of the wrong shape": (
        lambda data: rezip(data, replace={CONTENT: b"[]"}),
        "should hold an object of models",
    ),
    "row lacking a field": (
        lambda data: edit_content(data, lambda c: c["newsroom.event"][0].pop("title")),
        "newsroom.event row 1 lacks title",
    ),
    "local time": (lambda data: edit_content(data, local_datetime), "a UTC time"),
    "unsorted m2m": (lambda data: edit_content(data, unsorted_m2m), "sorted list of ids"),
    "row referencing a missing id": (
        lambda data: edit_content(data, drop_article_rows),
        "refers to newsroom.article",
    ),
    "unsafe image name": (lambda data: edit_content(data, unsafe_image_name), "unsafe media"),
    "counts disagree": (
        lambda data: rezip(data, edit_manifest=lambda m: m["counts"].update({"newsroom.tag": 9})),
        "row counts",
    ),
    "rows the database refuses": (
        lambda data: edit_content(data, duplicate_tag_slug),
        "Restoring failed and was undone",
    ),
}


def _same_size_change(data):
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        content = source.read(CONTENT)
    return content.replace("Прекурсоры".encode(), "Прекурсорь".encode(), 1)


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_archive_is_refused_and_nothing_is_written(archive, media_root, tmp_path, damage):
    damaged, message = damage
    path = tmp_path / "damaged.zip"
    path.write_bytes(damaged(archive))

    with pytest.raises(CommandError, match=message):
        run("import_content", str(path))

    assert_nothing_written(media_root)


def test_media_written_before_a_database_failure_are_removed(archive, media_root, tmp_path):
    path = tmp_path / "damaged.zip"
    path.write_bytes(edit_content(archive, duplicate_tag_slug))
    media_root.mkdir()

    with pytest.raises(CommandError, match="undone"):
        run("import_content", str(path))

    assert list(media_root.iterdir()) == []


def test_import_refuses_a_database_that_holds_content(archive, media_root, tmp_path):
    path = tmp_path / "newsroom.zip"
    path.write_bytes(archive)
    make_organisation()

    with pytest.raises(CommandError, match=r"already holds content \(newsroom.organisation: 1\)"):
        run("import_content", str(path))

    assert Organisation.objects.count() == 1
    assert media_files(media_root) == []


def test_import_refuses_to_overwrite_a_different_media_file(archive, media_root, tmp_path):
    path = tmp_path / "newsroom.zip"
    path.write_bytes(archive)
    clash = media_root / a_media_member(archive).removeprefix("media/")
    clash.parent.mkdir(parents=True)
    clash.write_bytes(b"someone else's file")

    with pytest.raises(CommandError, match="already exists with different content"):
        run("import_content", str(path))

    assert clash.read_bytes() == b"someone else's file"
    assert media_files(media_root) == [str(clash.relative_to(media_root))]


def test_import_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="No archive at"):
        run("import_content", str(tmp_path / "nowhere.zip"))


def test_import_ignores_informational_manifest_keys_it_does_not_know(archive, tmp_path):
    path = tmp_path / "newsroom.zip"
    path.write_bytes(rezip(archive, edit_manifest=lambda m: m.update({"note": "nightly"})))
    assert import_archive(path).counts["newsroom.article"] == 4


def test_import_reads_a_version_1_archive(archive, tmp_path):
    """Version 1 had no "kind": every archive was a content export."""

    def as_version_1(manifest):
        manifest["format_version"] = 1
        del manifest["kind"]

    path = tmp_path / "newsroom.zip"
    path.write_bytes(rezip(archive, edit_manifest=as_version_1))
    assert import_archive(path).counts["newsroom.article"] == 4


def test_export_into_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        run("export_content", str(tmp_path / "nowhere" / "out.zip"))
    assert not (tmp_path / "nowhere").exists()
