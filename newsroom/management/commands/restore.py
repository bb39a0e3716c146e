from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from newsroom import cache
from newsroom.archive import BACKUP, ArchiveError, import_archive
from newsroom.management.archive_report import report_read


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
        counts = {**summary.counts, **summary.site_counts}
        report_read(self, summary, counts, "Restored", database, archive="backup")
