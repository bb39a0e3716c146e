"""Whole-newsroom archives: every content row and the media files it references, in one zip.

The format is documented in docs/archive-format.md; change FORMAT_VERSION together with it.
Export reads one consistent snapshot and writes the same bytes for the same data. Import checks
the whole archive before it writes anything, then loads it in one transaction.

Two kinds share the format and this code: an *export* (content only: export_content /
import_content, to move content between sites) and a *backup* (backup / restore: the content plus
the rest of the site's state, site.json, and the images old revisions refer to), which brings a
fresh installation back to exactly the state it was taken from (docs/backup.md).
"""

import datetime
import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, SuspiciousFileOperation
from django.core.files import File
from django.core.files.utils import validate_file_name
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django_countries.fields import CountryField

from . import involvement
from .models import (
    Article,
    Authorship,
    Event,
    EventParticipation,
    LegacyRecord,
    Organisation,
    OrganisationAlias,
    OrganisationInvolvement,
    Participant,
    ParticipantAlias,
    Position,
    Tag,
    TaggedArticle,
    TaggedEvent,
)

FORMAT_NAME = "caricc-newsroom-archive"
FORMAT_VERSION = 2
# Version 1 is version 2 without "kind" (always an export) and without site.json.
READABLE_VERSIONS = (1, 2)
MANIFEST = "manifest.json"
CONTENT = "content.json"
SITE = "site.json"
MEDIA_PREFIX = "media/"
EXPORT, BACKUP = "export", "backup"
# What an interrupted write leaves behind at worst (a kill -9 runs no clean-up): never a .zip.
PARTIAL_SUFFIX = ".partial"

# Every content model of the newsroom app, each after the models it points to, so rows load in
# this order. Not content: the revision history (simple-history's Historical* models), the audit
# trail and preview links — records of how the content was made, which an export leaves out (a
# site importing it starts them afresh) and a backup carries in site.json.
CONTENT_MODELS = (
    Tag,
    Organisation,
    OrganisationAlias,
    Participant,
    ParticipantAlias,
    Position,
    Event,
    EventParticipation,
    Article,
    Authorship,
    TaggedArticle,
    TaggedEvent,
    LegacyRecord,
)

# A backup holds every other model of every installed app (site_models()) except these:
# rows `migrate` creates from the code, which the restored site has already (referred to by
# their natural keys, since their ids differ between installations), and short-lived sign-in
# state that must not follow a restore (sessions: everyone signs in again; django-axes' failure
# counters and lockouts, which expire by themselves; the audit trail keeps the record of
# sign-ins, failures and lockouts).
NOT_BACKED_UP = frozenset(
    {
        # Derived from the content, rebuilt after every import and restore.
        "newsroom.organisationinvolvement",
        "contenttypes.contenttype",
        "auth.permission",
        "sessions.session",
        "axes.accessattempt",
        "axes.accessattemptexpiration",
        "axes.accesslog",
        "axes.accessfailurelog",
    }
)
# Rows a migration creates that a backup's rows replace: the roles' groups (newsroom 0004).
REPLACED_ON_RESTORE = frozenset({"auth.group"})
BY_NATURAL_KEY = (ContentType, Permission)

# Fixed member metadata: the archive's bytes depend on the content only.
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
ZIP_FILE_MODE = 0o100644
ZIP_UNIX = 3
CHUNK_SIZE = 1024 * 1024

DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
DATETIME_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")
DATE_RE = re.compile(r"\d{4}-\d\d-\d\d")
COUNTRY_RE = re.compile(r"[A-Z]{2}")
SHA256_RE = re.compile(r"[0-9a-f]{64}")


class ArchiveError(Exception):
    """The archive cannot be written or restored; the message tells the operator why."""


@dataclass
class ArchiveSummary:
    path: str | None
    counts: dict[str, int]
    kind: str = EXPORT
    site_counts: dict[str, int] = field(default_factory=dict)
    size: int = 0
    media_files: int = 0
    media_bytes: int = 0
    missing_media: list[str] = field(default_factory=list)
    created_users: list[str] = field(default_factory=list)
    archive_migration: str | None = None
    database_migration: str | None = None


def label(model):
    return model._meta.label_lower


# Field codecs ---------------------------------------------------------------------------------


def _kind(model_field):
    """How a field is written to JSON; unknown field types stop the export instead of guessing."""
    if isinstance(model_field, CountryField) and not model_field.multiple:
        return "country"
    if isinstance(model_field, models.FileField):
        return "file"
    if isinstance(model_field, models.ForeignKey):
        if model_field.related_model in CONTENT_MODELS:
            return "ref"
        if model_field.related_model is get_user_model():
            return "user"
    elif isinstance(model_field, models.DateTimeField):
        return "datetime"
    elif isinstance(model_field, models.DateField):
        return "date"
    elif isinstance(model_field, models.BooleanField):
        return "bool"
    elif isinstance(model_field, models.IntegerField):
        return "int"
    elif isinstance(model_field, (models.CharField, models.TextField)):
        return "text"
    raise ArchiveError(
        f"{model_field.model._meta.label}.{model_field.name} ({type(model_field).__name__}) has "
        "no archive encoding yet: extend newsroom/archive.py and docs/archive-format.md."
    )


def _fields(model):
    return [(f, _kind(f)) for f in model._meta.concrete_fields]


def _m2m_fields(model):
    """Many-to-many fields without a model of their own; the others travel as their own rows."""
    return [
        f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created is model
    ]


def _encode(kind, model_field, value, usernames):
    if value is None:
        return None
    if kind == "datetime":
        return value.astimezone(datetime.UTC).strftime(DATETIME_FORMAT)
    if kind == "date":
        return value.isoformat()
    if kind == "country":
        return getattr(value, "code", value) or ""
    if kind == "file":
        return value.name or ""
    if kind == "user":
        return usernames[value]
    return value


def _decode(kind, model_field, value, where):
    """The Python value for the field's attribute, or ArchiveError saying what is wrong."""

    def wrong(expected):
        shown = repr(value) if len(repr(value)) < 80 else repr(value)[:77] + "..."
        return ArchiveError(f"{where}: “{model_field.name}” should be {expected}, not {shown}.")

    if value is None:
        if model_field.null:
            return None
        raise wrong("filled in")
    if kind in ("int", "ref"):
        if type(value) is not int:
            raise wrong("a whole number")
        return value
    if kind == "bool":
        if type(value) is not bool:
            raise wrong("true or false")
        return value
    if not isinstance(value, str):
        raise wrong("a string")
    if kind == "datetime":
        if not DATETIME_RE.fullmatch(value):
            raise wrong("a UTC time like 2024-05-01T10:00:00.000000Z")
        try:
            parsed = datetime.datetime.strptime(value, DATETIME_FORMAT)
        except ValueError:
            raise wrong("an existing UTC time") from None
        return parsed.replace(tzinfo=datetime.UTC)
    if kind == "date":
        if not DATE_RE.fullmatch(value):
            raise wrong("a date like 2024-05-01")
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise wrong("an existing date") from None
    if kind == "country":
        if value and not COUNTRY_RE.fullmatch(value):
            raise wrong("a two-letter ISO 3166-1 country code or empty")
        return value
    if kind == "user":
        if not value:
            raise wrong("a username")
        return value
    if model_field.max_length and len(value) > model_field.max_length:
        raise wrong(f"at most {model_field.max_length} characters")
    if kind == "file" and value:
        _check_storage_name(value, where)
    return value


def _check_storage_name(name, where):
    try:
        validate_file_name(name, allow_relative_path=True)
    except SuspiciousFileOperation:
        raise ArchiveError(f"{where}: unsafe media file name {name!r}.") from None
    if "\\" in name or name != str(PurePosixPath(name)):
        raise ArchiveError(f"{where}: unsafe media file name {name!r}.")


# Content: rows as plain JSON ------------------------------------------------------------------


def _collect_content(using):
    """All content rows as JSON-ready dicts, keyed by model label, in primary-key order."""
    user_ids = set(
        Article._base_manager.using(using)
        .exclude(created_by=None)
        .values_list("created_by_id", flat=True)
    )
    user_model = get_user_model()
    usernames = dict(
        user_model._default_manager.db_manager(using)
        .filter(pk__in=user_ids)
        .values_list("pk", user_model.USERNAME_FIELD)
    )
    content = {}
    for model in CONTENT_MODELS:
        fields = _fields(model)
        related = {}
        for m2m in _m2m_fields(model):
            through = m2m.remote_field.through
            source = m2m.m2m_field_name() + "_id"
            target = m2m.m2m_reverse_field_name() + "_id"
            pairs = related[m2m.name] = {}
            for source_pk, target_pk in (
                through._default_manager.using(using).values_list(source, target).order_by()
            ):
                pairs.setdefault(source_pk, []).append(target_pk)
        rows = []
        for obj in model._base_manager.using(using).order_by("pk").iterator(chunk_size=500):
            row = {
                f.name: _encode(kind, f, getattr(obj, f.attname), usernames) for f, kind in fields
            }
            for name, pairs in related.items():
                row[name] = sorted(pairs.get(obj.pk, ()))
            rows.append(row)
        content[label(model)] = rows
    return content


def _parse_content(content):
    """Check the shape of content.json; return rows of attribute values, keyed by model."""
    if not isinstance(content, dict):
        raise ArchiveError(
            f"{CONTENT} should hold an object of models, not {type(content).__name__}."
        )
    expected = {label(model) for model in CONTENT_MODELS}
    if unknown := sorted(set(content) - expected):
        raise ArchiveError(f"{CONTENT} holds models this site does not know: {', '.join(unknown)}.")
    if missing := sorted(expected - set(content)):
        raise ArchiveError(f"{CONTENT} lacks the models {', '.join(missing)}.")
    parsed = {}
    for model in CONTENT_MODELS:
        fields, m2ms = _fields(model), _m2m_fields(model)
        keys = {f.name for f, _kind in fields} | {f.name for f in m2ms}
        rows = content[label(model)]
        if not isinstance(rows, list):
            raise ArchiveError(f"{CONTENT}: {label(model)} should be a list of rows.")
        parsed_rows, seen = [], set()
        for index, row in enumerate(rows):
            where = f"{CONTENT}: {label(model)} row {index + 1}"
            if not isinstance(row, dict):
                raise ArchiveError(f"{where} should be an object.")
            if missing := sorted(keys - set(row)):
                raise ArchiveError(f"{where} lacks {', '.join(missing)}.")
            if unknown := sorted(set(row) - keys):
                raise ArchiveError(
                    f"{where} has fields this site does not know: {', '.join(unknown)}."
                )
            values = {f.attname: _decode(kind, f, row[f.name], where) for f, kind in fields}
            pk = values[model._meta.pk.attname]
            if pk in seen:
                raise ArchiveError(f"{where}: id {pk} appears twice.")
            seen.add(pk)
            for m2m in m2ms:
                pks = row[m2m.name]
                if not (
                    isinstance(pks, list)
                    and all(type(pk) is int for pk in pks)
                    and pks == sorted(set(pks))
                ):
                    raise ArchiveError(f"{where}: “{m2m.name}” should be a sorted list of ids.")
                values[m2m.name] = pks
            parsed_rows.append(values)
        parsed[model] = parsed_rows
    _check_references(parsed)
    return parsed


def _check_references(parsed):
    pks = {model: {row[model._meta.pk.attname] for row in rows} for model, rows in parsed.items()}

    def check(model, row, target, value, name):
        if value is not None and value not in pks[target]:
            raise ArchiveError(
                f"{CONTENT}: {label(model)} {row[model._meta.pk.attname]} refers to "
                f"{label(target)} {value} in “{name}”, which is not in the archive."
            )

    for model, rows in parsed.items():
        refs = [(f, f.related_model) for f, kind in _fields(model) if kind == "ref"]
        m2ms = [(f, f.related_model) for f in _m2m_fields(model)]
        for row in rows:
            for f, target in refs:
                check(model, row, target, row[f.attname], f.name)
            for f, target in m2ms:
                for value in row[f.name]:
                    check(model, row, target, value, f.name)


def _media_names(parsed):
    """Storage name -> storage, for every image referenced by a row."""
    names = {}
    for model, rows in parsed.items():
        for f, kind in _fields(model):
            if kind == "file":
                for row in rows:
                    if row[f.attname]:
                        names.setdefault(row[f.attname], f.storage)
    return names


def _dump_json(data):
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()


def _latest_migration(using):
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return None
    names = [name for app, name in recorder.applied_migrations() if app == "newsroom"]
    return max(names, default=None)


# The rest of the site's state (backups) ------------------------------------------------------


def site_models():
    """The models a backup carries in site.json, by label: accounts, roles, revision history,
    the admin's log, the audit trail, preview links, two-factor devices, and whatever models an
    app added later (only NOT_BACKED_UP is left out, deliberately)."""
    return sorted(
        (
            model
            for model in apps.get_models()
            if model not in CONTENT_MODELS and label(model) not in NOT_BACKED_UP
        ),
        key=label,
    )


class _SiteEncoder(DjangoJSONEncoder):
    """Times with their microseconds (DjangoJSONEncoder keeps milliseconds only)."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


class _SiteSerializer(JSONSerializer):
    """Django's fixture format (what dumpdata writes), with every row's own id, and content
    types and permissions named by their natural keys: `migrate` numbers those afresh in each
    installation."""

    using = DEFAULT_DB_ALIAS

    def start_serialization(self):
        super().start_serialization()
        self._natural_keys = {}

    def _natural_key(self, model, pk):
        if (model, pk) not in self._natural_keys:
            manager = model._base_manager.using(self.using)
            if model is Permission:
                manager = manager.select_related("content_type")
            self._natural_keys[model, pk] = list(manager.get(pk=pk).natural_key())
        return self._natural_keys[model, pk]

    def handle_fk_field(self, obj, field):
        if field.related_model not in BY_NATURAL_KEY:
            return super().handle_fk_field(obj, field)
        pk = getattr(obj, field.attname)
        self._current[field.name] = (
            None if pk is None else self._natural_key(field.related_model, pk)
        )

    def handle_m2m_field(self, obj, field):
        if field.related_model not in BY_NATURAL_KEY:
            return super().handle_m2m_field(obj, field)
        if field.remote_field.through._meta.auto_created:
            pks = getattr(obj, field.name).values_list("pk", flat=True).order_by()
            self._current[field.name] = sorted(
                self._natural_key(field.related_model, pk) for pk in pks
            )


def _dump_site(using, stream):
    """Write site.json to a binary stream; return the row count of each site model."""
    counts = {label(model): 0 for model in site_models()}

    def rows():
        for model in site_models():
            for obj in model._base_manager.using(using).order_by("pk").iterator(chunk_size=2000):
                counts[label(model)] += 1
                yield obj

    serializer = _SiteSerializer()
    serializer.using = using
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="\n", write_through=True)
    serializer.serialize(rows(), stream=text, indent=2, cls=_SiteEncoder, ensure_ascii=False)
    text.write("\n")
    text.detach()
    return counts


def _load_site(data, using):
    """site.json's rows as unsaved objects, checked against this site's models, in file order."""
    try:
        objects = list(
            serializers.deserialize(
                "json", data.decode(), using=using, handle_forward_references=False
            )
        )
    except (serializers.base.DeserializationError, UnicodeDecodeError, ObjectDoesNotExist) as exc:
        raise ArchiveError(f"{SITE} cannot be read: {exc}") from None
    allowed = set(site_models())
    for deserialized in objects:
        if type(deserialized.object) not in allowed:
            raise ArchiveError(
                f"{SITE} holds rows of {label(type(deserialized.object))}, which a backup "
                "does not restore."
            )
    return objects


def _history_file_fields(model):
    """The image names a revision-history model keeps (as text), with their storage."""
    tracked = getattr(model, "instance_type", None)
    if tracked is None or not hasattr(model, "history_id"):
        return []
    return [
        (f.attname, f.storage)
        for f in tracked._meta.concrete_fields
        if isinstance(f, models.FileField)
    ]


def _history_media(using):
    """Storage name -> storage, for every image an old revision refers to."""
    names = {}
    for model in site_models():
        for attname, storage in _history_file_fields(model):
            rows = (
                model._base_manager.using(using)
                .exclude(**{attname: ""})
                .exclude(**{f"{attname}__isnull": True})
            )
            for name in rows.values_list(attname, flat=True).distinct().order_by():
                names.setdefault(name, storage)
    return names


def _site_media(objects):
    names = {}
    for deserialized in objects:
        obj = deserialized.object
        for attname, storage in _history_file_fields(type(obj)):
            if name := getattr(obj, attname):
                _check_storage_name(name, f"{SITE}: {label(type(obj))} {obj.pk}")
                names.setdefault(name, storage)
    return names


# Export ---------------------------------------------------------------------------------------


def _zip_info(name, compress_type):
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
    info.compress_type = compress_type
    info.create_system = ZIP_UNIX
    info.external_attr = ZIP_FILE_MODE << 16
    return info


def _write_member(archive, name, data):
    archive.writestr(_zip_info(name, zipfile.ZIP_DEFLATED), data, compresslevel=9)
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def _copy_member(archive, name, source, size):
    """Stream a media file into the archive (stored: images are compressed already)."""
    digest, written = hashlib.sha256(), 0
    force_zip64 = size > zipfile.ZIP64_LIMIT
    with archive.open(_zip_info(name, zipfile.ZIP_STORED), "w", force_zip64=force_zip64) as out:
        while chunk := source.read(CHUNK_SIZE):
            digest.update(chunk)
            out.write(chunk)
            written += len(chunk)
    return {"sha256": digest.hexdigest(), "size": written}


@dataclass
class _Snapshot:
    content: dict
    migration: str | None
    site: tempfile.SpooledTemporaryFile | None = None
    site_counts: dict[str, int] = field(default_factory=dict)
    history_media: dict = field(default_factory=dict)


def _read_snapshot(using, kind):
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        # One snapshot for all tables, so an edit during the export cannot split a relation.
        # (SQLite's read transaction is one already.)
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = _Snapshot(_collect_content(using), _latest_migration(using))
        if kind == BACKUP:
            # Spooled to disk past 32 MB: the revision history of a large site is large.
            snapshot.site = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)
            snapshot.site_counts = _dump_site(using, snapshot.site)
            snapshot.site.seek(0)
            snapshot.history_media = _history_media(using)
        return snapshot


class _HashingWriter(io.RawIOBase):
    """Passes bytes on to a zip member while counting them and taking their sha256."""

    def __init__(self, target):
        self.target, self.digest, self.size = target, hashlib.sha256(), 0

    def writable(self):
        return True

    def write(self, data):
        self.digest.update(data)
        self.size += len(data)
        return self.target.write(data)


def _copy_json_member(archive, name, source):
    info = _zip_info(name, zipfile.ZIP_DEFLATED)
    with archive.open(info, "w", force_zip64=True) as out:
        hashing = _HashingWriter(out)
        while chunk := source.read(CHUNK_SIZE):
            hashing.write(chunk)
    return {"sha256": hashing.digest.hexdigest(), "size": hashing.size}


def _fsync_folder(folder):
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # a platform that cannot open folders (Windows): nothing to flush
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _rename_without_replacing(temporary, path):
    try:
        # link() refuses an existing name, so a file created meanwhile is not replaced either.
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temporary, path)
    else:
        os.unlink(temporary)


def _check_target(path, overwrite):
    if path.is_dir():
        raise ArchiveError(f"{path} is a folder.")
    if not path.parent.is_dir():
        raise ArchiveError(f"The folder {path.parent} does not exist.")
    if not overwrite and path.exists():
        raise ArchiveError(
            f"{path} exists already; choose another name or replace it with --force."
        )


def _write_atomically(path, write, overwrite):
    """Write the archive beside `path` under a temporary name, flush it to disk, then rename it
    into place: whatever stops the write, no file at `path` looks complete. Only a kill that runs
    no clean-up leaves the temporary `.<name>.<random>.partial` behind (never a .zip)."""
    _check_target(path, overwrite)
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=PARTIAL_SUFFIX
    )
    try:
        with os.fdopen(handle, "wb") as target:
            write(target)
            target.flush()
            os.fsync(target.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            _rename_without_replacing(temporary, path)
        _fsync_folder(path.parent)
    except FileExistsError:
        Path(temporary).unlink(missing_ok=True)
        raise ArchiveError(
            f"{path} exists already; choose another name or replace it with --force."
        ) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def export_archive(path_or_file, using=DEFAULT_DB_ALIAS, *, kind=EXPORT, overwrite=True):
    """Write every content row and its media to a zip at a path or into a binary file object.

    A backup (kind=BACKUP) also holds site.json and the images old revisions refer to.
    """
    if isinstance(path_or_file, (str, os.PathLike)):
        _check_target(Path(path_or_file), overwrite)  # before the reading, not after it
    snapshot = _read_snapshot(using, kind)
    parsed = _parse_content(snapshot.content)  # what cannot be read back must not be written
    counts = {label(model): len(rows) for model, rows in parsed.items()}
    summary = ArchiveSummary(path=None, counts=counts, kind=kind, site_counts=snapshot.site_counts)
    media = {**snapshot.history_media, **_media_names(parsed)}

    def write(target):
        files, missing = {}, []
        summary.media_files = summary.media_bytes = 0
        with zipfile.ZipFile(target, "w") as archive:
            files[CONTENT] = _write_member(archive, CONTENT, _dump_json(snapshot.content))
            if snapshot.site is not None:
                snapshot.site.seek(0)
                files[SITE] = _copy_json_member(archive, SITE, snapshot.site)
            for name, storage in sorted(media.items()):
                try:
                    source = storage.open(name, "rb")
                except FileNotFoundError:
                    missing.append(name)
                    continue
                with source:
                    member = MEDIA_PREFIX + name
                    files[member] = _copy_member(archive, member, source, storage.size(name))
                summary.media_files += 1
                summary.media_bytes += files[member]["size"]
            manifest = {
                "format": FORMAT_NAME,
                "format_version": FORMAT_VERSION,
                "kind": kind,
                "migration": {"app": "newsroom", "latest_applied": snapshot.migration},
                "counts": counts,
                "files": files,
                "missing_media": missing,
            }
            if kind == BACKUP:
                manifest["site_counts"] = snapshot.site_counts
            _write_member(archive, MANIFEST, _dump_json(manifest))
        summary.missing_media = missing

    try:
        if isinstance(path_or_file, (str, os.PathLike)):
            path = Path(path_or_file)
            _write_atomically(path, write, overwrite)
            summary.path = str(path)
            summary.size = path.stat().st_size
        else:
            start = path_or_file.tell() if path_or_file.seekable() else 0
            write(path_or_file)
            summary.size = path_or_file.tell() - start if path_or_file.seekable() else 0
    finally:
        if snapshot.site is not None:
            snapshot.site.close()
    return summary


# Import: validation ---------------------------------------------------------------------------


def _content_counts(using):
    # Many-to-many links cannot exist without their rows, so the models say it all.
    counts = {label(model): model._base_manager.using(using).count() for model in CONTENT_MODELS}
    return {name: n for name, n in counts.items() if n}


def _read_json(archive, name):
    try:
        return json.loads(archive.read(name).decode())
    except (UnicodeDecodeError, ValueError) as exc:
        raise ArchiveError(f"{name} is not valid JSON: {exc}.") from None


def _read_manifest(archive):
    names = archive.namelist()
    if MANIFEST not in names:
        raise ArchiveError(f"This zip has no {MANIFEST}: it is not a newsroom archive.")
    manifest = _read_json(archive, MANIFEST)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise ArchiveError(f"{MANIFEST} does not name the format “{FORMAT_NAME}”.")
    version = manifest.get("format_version")
    if version not in READABLE_VERSIONS or type(version) is not int:
        raise ArchiveError(
            f"The archive has format version {version!r}; this site reads versions "
            f"{', '.join(map(str, READABLE_VERSIONS))} only. Restore it with the code that "
            "wrote it."
        )
    kind = manifest.setdefault("kind", EXPORT) if version == 1 else manifest.get("kind")
    if kind not in (EXPORT, BACKUP):
        raise ArchiveError(f"{MANIFEST}: “kind” should be “{EXPORT}” or “{BACKUP}”, not {kind!r}.")
    if kind == EXPORT:
        manifest.setdefault("site_counts", {})
    site_counts = manifest.get("site_counts")
    files, counts = manifest.get("files"), manifest.get("counts")
    missing_media, migration = manifest.get("missing_media"), manifest.get("migration")
    if not (
        isinstance(files, dict)
        and all(
            isinstance(entry, dict)
            and isinstance(entry.get("sha256"), str)
            and SHA256_RE.fullmatch(entry["sha256"])
            and type(entry.get("size")) is int
            and entry["size"] >= 0
            for entry in files.values()
        )
        and isinstance(counts, dict)
        and all(type(n) is int for n in counts.values())
        and isinstance(missing_media, list)
        and all(isinstance(name, str) for name in missing_media)
        and isinstance(migration, dict)
        and isinstance(site_counts, dict)
        and all(type(n) is int for n in site_counts.values())
    ):
        raise ArchiveError(
            f"{MANIFEST} is incomplete: it needs “files” (sha256 and size of each member), "
            "“counts”, “missing_media” and “migration”"
            + (", and “site_counts” in a backup." if kind == BACKUP else ".")
        )
    if len(set(names)) != len(names):
        raise ArchiveError("The zip holds the same member twice.")
    if unexpected := sorted(set(names) - set(files) - {MANIFEST}):
        raise ArchiveError(
            f"Unexpected member(s) not listed in {MANIFEST}: {', '.join(unexpected)}."
        )
    if missing := sorted(set(files) - set(names)):
        raise ArchiveError(f"Missing member(s) listed in {MANIFEST}: {', '.join(missing)}.")
    if CONTENT not in files:
        raise ArchiveError(f"The archive has no {CONTENT}.")
    if kind == BACKUP and SITE not in files:
        raise ArchiveError(f"The backup has no {SITE}.")
    data = {CONTENT, SITE} if kind == BACKUP else {CONTENT}
    for name in files:
        if name not in data and not name.startswith(MEDIA_PREFIX):
            raise ArchiveError(
                f"Unexpected member {name}: only {' and '.join(sorted(data))} and media/ "
                "belong here."
            )
    return manifest


def _verify_members(archive, files):
    for name, expected in sorted(files.items()):
        info = archive.getinfo(name)
        if info.file_size != expected["size"]:
            raise ArchiveError(
                f"Member {name} is {info.file_size} bytes; {MANIFEST} says {expected['size']}."
            )
        digest = hashlib.sha256()
        try:
            with archive.open(info) as member:
                while chunk := member.read(CHUNK_SIZE):
                    digest.update(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise ArchiveError(f"Member {name} is damaged: {exc}.") from None
        if digest.hexdigest() != expected["sha256"]:
            raise ArchiveError(f"Member {name} does not match its sha256 in {MANIFEST}: damaged.")


def _file_digest(storage, name):
    digest = hashlib.sha256()
    with storage.open(name, "rb") as existing:
        while chunk := existing.read(CHUNK_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


def _plan_media(manifest, referenced):
    """Which media members to write; refuses missing ones and clashes with existing files.

    `referenced`: storage name -> storage, for every image a row of the archive refers to.
    """
    files, declared_missing = manifest["files"], set(manifest["missing_media"])
    members = {name.removeprefix(MEDIA_PREFIX) for name in files if name.startswith(MEDIA_PREFIX)}
    for name in members:
        _check_storage_name(name, f"Member {MEDIA_PREFIX}{name}")
    if absent := sorted(set(referenced) - members - declared_missing):
        raise ArchiveError(f"Missing media file(s) referenced by the content: {', '.join(absent)}.")
    if unused := sorted(members - set(referenced)):
        names = ", ".join(MEDIA_PREFIX + name for name in unused)
        raise ArchiveError(f"Media member(s) no row refers to: {names}.")
    to_write = {}
    for name in sorted(members):
        storage = referenced[name]
        if storage.exists(name):
            if _file_digest(storage, name) != files[MEDIA_PREFIX + name]["sha256"]:
                raise ArchiveError(
                    f"The media file {name} already exists with different content; "
                    "move it away and try again."
                )
            continue  # the same file is already in place
        to_write[name] = storage
    return to_write


# Import: writing ------------------------------------------------------------------------------


def _resolve_users(parsed, using):
    """Username -> user id; missing accounts come back inactive and without a usable password."""
    user_model = get_user_model()
    manager = user_model._default_manager.db_manager(using)
    names = {row["created_by_id"] for row in parsed[Article] if row["created_by_id"]}
    ids = dict(
        manager.filter(**{f"{user_model.USERNAME_FIELD}__in": names}).values_list(
            user_model.USERNAME_FIELD, "pk"
        )
    )
    created = []
    for name in sorted(names - set(ids)):
        user = user_model(**{user_model.USERNAME_FIELD: name, "is_active": False})
        user.set_unusable_password()
        user.save(using=using)
        ids[name] = user.pk
        created.append(name)
    return ids, created


def _write_media(archive, to_write, written):
    for name, storage in to_write.items():
        created_dirs = _missing_dirs(storage, name)
        with archive.open(MEDIA_PREFIX + name) as member:
            saved = storage.save(name, File(member, name=name))
        written.append((storage, saved, created_dirs))
        if saved != name:
            raise ArchiveError(f"The storage saved {name} as {saved}; cannot keep the reference.")


def _missing_dirs(storage, name):
    """Folders the storage will create for `name`, so a failed import can remove them again."""
    try:
        parent = Path(storage.path(name)).parent
    except NotImplementedError:  # not a local file system: nothing to tidy
        return []
    created = []
    while not parent.exists():
        created.append(parent)
        parent = parent.parent
    return created


def _remove_media(written):
    for storage, name, created_dirs in reversed(written):
        storage.delete(name)
        for folder in created_dirs:  # deepest first
            try:
                folder.rmdir()
            except OSError:
                break


def _load_rows(parsed, user_ids, using):
    for model in CONTENT_MODELS:
        m2ms = _m2m_fields(model)
        links = {f: [] for f in m2ms}
        for values in parsed[model]:
            values = dict(values)
            for m2m in m2ms:
                links[m2m] += [(values[model._meta.pk.attname], pk) for pk in values.pop(m2m.name)]
            if model is Article and values["created_by_id"] is not None:
                values["created_by_id"] = user_ids[values["created_by_id"]]
            # Raw: no save() logic (slugs, sanitising, auto_now) may change what was exported.
            model(**values).save_base(raw=True, force_insert=True, using=using)
        for m2m, pairs in links.items():
            through = m2m.remote_field.through
            source, target = m2m.m2m_field_name() + "_id", m2m.m2m_reverse_field_name() + "_id"
            through._default_manager.using(using).bulk_create(
                [through(**{source: a, target: b}) for a, b in sorted(pairs)]
            )


def _tables(models_):
    """The tables of these models and of their plain many-to-many fields."""
    tables = [model._meta.db_table for model in models_]
    tables += [
        f.remote_field.through._meta.db_table
        for model in models_
        for f in model._meta.local_many_to_many
        if f.remote_field.through._meta.auto_created
    ]
    return tables


def _finish_database(using, restored=CONTENT_MODELS):
    connection = connections[using]
    connection.check_constraints(table_names=_tables(restored))
    # Rows came with their ids; move the id sequences past them (PostgreSQL), as loaddata does.
    statements = connection.ops.sequence_reset_sql(no_style(), list(restored))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _site_rows(using):
    """Rows in the tables a backup restores, by label, leaving out those a migration creates."""
    counts = {
        label(model): model._base_manager.using(using).count()
        for model in site_models()
        if label(model) not in REPLACED_ON_RESTORE
    }
    return {name: n for name, n in counts.items() if n}


def _empty_tables(models_, using):
    """Delete every row of these tables in the current transaction: plain SQL, no signals
    (a deleted article would otherwise write a revision), constraints checked at the end."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for table in _tables(models_):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


def _open(path_or_file):
    if isinstance(path_or_file, (str, os.PathLike)):
        if str(path_or_file).endswith(PARTIAL_SUFFIX):
            raise ArchiveError(
                f"{path_or_file} is an unfinished archive: its writing was interrupted. "
                "Delete it and use a complete one."
            )
        if not Path(path_or_file).is_file():
            raise ArchiveError(f"No archive at {path_or_file}.")
    try:
        return zipfile.ZipFile(path_or_file)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ArchiveError(f"Not a zip archive, or a truncated one ({exc}).") from None
    except OSError as exc:
        raise ArchiveError(f"Cannot read the archive: {exc}.") from None


def _held(counts, shown=6):
    held = [f"{name}: {n}" for name, n in sorted(counts.items())]
    more = f" and {len(held) - shown} more tables" if len(held) > shown else ""
    return ", ".join(held[:shown]) + more


def import_archive(path_or_file, using=DEFAULT_DB_ALIAS, *, kind=EXPORT, replace=False):
    """Restore an archive: all checks first, then one transaction.

    An export (import_content) goes into a database without content; user accounts may exist.
    A backup (kind=BACKUP: restore) goes into a fresh installation, whose only rows are those
    `migrate` creates, or with `replace` over a site whose state it then replaces entirely.
    """
    if kind == EXPORT and (existing := _content_counts(using)):
        raise ArchiveError(
            f"The database already holds content ({_held(existing)}). An archive restores into "
            "an empty newsroom only: use a freshly migrated database."
        )
    if kind == BACKUP and not replace:
        if existing := {**_content_counts(using), **_site_rows(using)}:
            raise ArchiveError(
                f"The database is not a fresh installation: it holds {_held(existing)}. "
                "Restore into a freshly migrated database, or replace everything in this one "
                "with --replace."
            )
    archive = _open(path_or_file)
    with archive:
        manifest = _read_manifest(archive)
        if manifest["kind"] != kind:
            raise ArchiveError(
                "This archive is a backup (content, accounts and history): restore it with "
                "manage.py restore."
                if manifest["kind"] == BACKUP
                else "This archive is a content export, not a backup: it holds no accounts or "
                "history. Bring its content in with manage.py import_content."
            )
        _verify_members(archive, manifest["files"])
        parsed = _parse_content(_read_json(archive, CONTENT))
        counts = {label(model): len(rows) for model, rows in parsed.items()}
        if counts != manifest["counts"]:
            raise ArchiveError(f"The row counts in {MANIFEST} do not match {CONTENT}.")
        site_objects, site_counts, referenced = [], {}, _media_names(parsed)
        if kind == BACKUP:
            site_objects = _load_site(archive.read(SITE), using)
            site_counts = {label(model): 0 for model in site_models()}
            for deserialized in site_objects:
                site_counts[label(type(deserialized.object))] += 1
            if site_counts != manifest["site_counts"]:
                raise ArchiveError(
                    f"The row counts in {MANIFEST} do not match {SITE}, or the backup was "
                    "written by a site with other models: restore it with the code that wrote it."
                )
            referenced = {**_site_media(site_objects), **referenced}
        to_write = _plan_media(manifest, referenced)

        media = {name: e for name, e in manifest["files"].items() if name.startswith(MEDIA_PREFIX)}
        summary = ArchiveSummary(
            path=str(path_or_file) if isinstance(path_or_file, (str, os.PathLike)) else None,
            counts=counts,
            kind=kind,
            site_counts=site_counts,
            media_files=len(media),
            media_bytes=sum(entry["size"] for entry in media.values()),
            missing_media=sorted(manifest["missing_media"]),
            archive_migration=manifest["migration"].get("latest_applied"),
            database_migration=_latest_migration(using),
        )
        if summary.path:
            summary.size = Path(summary.path).stat().st_size
        written = []
        try:
            with transaction.atomic(using=using):
                _write_media(archive, to_write, written)
                if kind == BACKUP:
                    _restore_site(site_objects, replace, using)
                user_ids, summary.created_users = _resolve_users(parsed, using)
                _load_rows(parsed, user_ids, using)
                # Bulk inserts send no signals: the derived table is made from what was loaded.
                involvement.rebuild(using)
                restored = CONTENT_MODELS if kind == EXPORT else (*CONTENT_MODELS, *site_models())
                _finish_database(using, restored)
        except BaseException as exc:
            _remove_media(written)
            if isinstance(exc, (DatabaseError, OSError, SuspiciousFileOperation)):
                raise ArchiveError(f"Restoring failed and was undone: {exc}") from exc
            raise
    return summary


def _restore_site(objects, replace, using):
    if replace:
        # Everything the backup restores goes, and every session: a session names a user by id,
        # and that id may now be someone else's.
        _empty_tables([OrganisationInvolvement, *CONTENT_MODELS, *site_models(), Session], using)
    else:
        _empty_tables([apps.get_model(name) for name in REPLACED_ON_RESTORE], using)
    for deserialized in objects:
        deserialized.save(using=using)
