"""What the archive commands print: export_content and backup when they write an archive,
import_content and restore when they read one. One archive format (newsroom/archive.py), one way
of telling what an archive held."""

from django.core.management import call_command


def _summary(command, summary, counts, done):
    command.stdout.write(command.style.SUCCESS(done))
    for name, count in counts.items():
        command.stdout.write(f"  {name}: {count}")
    command.stdout.write(f"  media: {summary.media_files} files, {summary.media_bytes:,} bytes")


def _warn(stream, command, text):
    stream.write(command.style.WARNING(text))


def report_written(command, summary, counts, verb):
    """After writing: `verb` (Exported, Backed up) with the rows of `counts` and the media, then
    the images the content refers to that the storage did not have."""
    rows, files = sum(counts.values()), summary.media_files
    _summary(
        command,
        summary,
        counts,
        f"{verb} {rows} rows and {files} media files to {summary.path} ({summary.size:,} bytes).",
    )
    if summary.missing_media:
        _warn(
            command.stderr,
            command,
            "Referenced but missing from the media storage (recorded as missing): "
            + ", ".join(summary.missing_media),
        )


def report_read(command, summary, counts, verb, database, archive="archive", notes=()):
    """After reading: `verb` (Imported, Restored) with the rows and the media, any `notes`,
    the images the archive lacked; then the renditions are made again (an archive does not
    carry them) and a migration that differs from the archive's is pointed out."""
    rows, files = sum(counts.values()), summary.media_files
    _summary(
        command,
        summary,
        counts,
        f"{verb} {rows} rows and {files} media files from {summary.path} ({summary.size:,} bytes).",
    )
    for note in notes:
        _warn(command.stdout, command, note)
    if summary.missing_media:
        _warn(
            command.stdout,
            command,
            f"Images that were already missing when the {archive} was written: "
            + ", ".join(summary.missing_media),
        )
    call_command("make_renditions", database=database, stdout=command.stdout, stderr=command.stderr)
    if summary.archive_migration != summary.database_migration:
        _warn(
            command.stdout,
            command,
            f"The {archive} was written at newsroom migration {summary.archive_migration}; "
            f"this database is at {summary.database_migration}. Run manage.py migrate.",
        )
