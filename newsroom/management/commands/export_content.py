from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from newsroom.archive import ArchiveError, export_archive
from newsroom.management.archive_report import report_written


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
        report_written(self, summary, summary.counts, "Exported")
