from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from newsroom.archive import ArchiveError, import_archive
from newsroom.management.archive_report import report_read


class Command(BaseCommand):
    help = (
        "Restore an archive written by export_content into an empty newsroom database. "
        "The whole archive is checked first (checksums, format version, references, images); "
        "a damaged archive is refused and nothing is written. Authors' accounts that do not "
        "exist are recreated inactive, without a usable password."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Path of the .zip file written by export_content.")
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="Database to restore into (default: %(default)s).",
        )

    def handle(self, *args, archive, database, **options):
        try:
            summary = import_archive(archive, using=database)
        except ArchiveError as exc:
            raise CommandError(f"Import refused, nothing was changed: {exc}") from exc
        notes = []
        if summary.created_users:
            notes.append(
                "Recreated as inactive accounts without a password (authors' attribution): "
                + ", ".join(summary.created_users)
            )
        report_read(self, summary, summary.counts, "Imported", database, notes=notes)
