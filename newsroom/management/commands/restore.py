from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from newsroom import cache
from newsroom.archive import BACKUP, ArchiveError, import_archive


class Command(BaseCommand):
    help = (
        "Restore a backup written by `backup` into a fresh installation (migrated, with no "
        "accounts or content yet). Every checksum and row is checked before anything is written; "
        "a damaged or truncated backup is refused and nothing changes. --replace restores over "
        "an existing site, replacing all its content, accounts and history. See docs/backup.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Path of the .zip file written by backup.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete this site's content, accounts, history, audit trail and sessions, "
            "and put the backup's in their place (in one transaction).",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="Database to restore into (default: %(default)s).",
        )

    def handle(self, *args, archive, replace, database, **options):
        try:
            summary = import_archive(archive, using=database, kind=BACKUP, replace=replace)
        except ArchiveError as exc:
            raise CommandError(f"Restore refused, nothing was changed: {exc}") from exc
        cache.bump()  # pages cached before the restore describe another site
        rows = sum(summary.counts.values()) + sum(summary.site_counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {rows} rows and {summary.media_files} media files "
                f"from {summary.path} ({summary.size:,} bytes)."
            )
        )
        for name, count in {**summary.counts, **summary.site_counts}.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(f"  media: {summary.media_files} files, {summary.media_bytes:,} bytes")
        if summary.missing_media:
            self.stdout.write(
                self.style.WARNING(
                    "Images that were already missing when the backup was written: "
                    + ", ".join(summary.missing_media)
                )
            )
        # Renditions are not in the backup: they are made again from the restored originals.
        call_command("make_renditions", database=database, stdout=self.stdout, stderr=self.stderr)
        if summary.archive_migration != summary.database_migration:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup was written at newsroom migration {summary.archive_migration}; "
                    f"this database is at {summary.database_migration}. Run manage.py migrate."
                )
            )
