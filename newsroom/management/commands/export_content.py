from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from newsroom.archive import ArchiveError, export_archive


class Command(BaseCommand):
    help = (
        "Write all newsroom content to one zip archive: articles, events, people, "
        "organisations, tags, legacy records and their images. Restore it with import_content. "
        "The format is described in docs/archive-format.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="Path of the .zip file to write (replaced if present).")
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="Database to export from (default: %(default)s).",
        )

    def handle(self, *args, output, database, **options):
        try:
            summary = export_archive(output, using=database)
        except (ArchiveError, OSError) as exc:
            raise CommandError(f"Export failed: {exc}") from exc
        rows = sum(summary.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {rows} rows and {summary.media_files} media files "
                f"to {summary.path} ({summary.size:,} bytes)."
            )
        )
        for name, count in summary.counts.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(f"  media: {summary.media_files} files, {summary.media_bytes:,} bytes")
        if summary.missing_media:
            self.stderr.write(
                self.style.WARNING(
                    "Referenced but missing from the media storage (recorded as missing): "
                    + ", ".join(summary.missing_media)
                )
            )
