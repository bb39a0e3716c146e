from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from newsroom.archive import ArchiveError, import_archive


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
        rows = sum(summary.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {rows} rows and {summary.media_files} media files "
                f"from {summary.path} ({summary.size:,} bytes)."
            )
        )
        for name, count in summary.counts.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(f"  media: {summary.media_files} files, {summary.media_bytes:,} bytes")
        if summary.created_users:
            self.stdout.write(
                self.style.WARNING(
                    "Recreated as inactive accounts without a password (authors' attribution): "
                    + ", ".join(summary.created_users)
                )
            )
        if summary.missing_media:
            self.stdout.write(
                self.style.WARNING(
                    "Images that were already missing when the archive was written: "
                    + ", ".join(summary.missing_media)
                )
            )
        # Renditions are not archived: they are made again from the restored originals.
        call_command("make_renditions", database=database, stdout=self.stdout, stderr=self.stderr)
        if summary.archive_migration != summary.database_migration:
            self.stdout.write(
                self.style.WARNING(
                    f"The archive was written at newsroom migration {summary.archive_migration}; "
                    f"this database is at {summary.database_migration}."
                )
            )
