import datetime
import signal
import threading
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from newsroom.archive import BACKUP, ArchiveError, export_archive
from newsroom.management.archive_report import report_written


class Interrupted(Exception):
    pass


@contextmanager
def _stopped_cleanly_by_sigterm():
    """Turn SIGTERM (what systemd, cron's timeouts and `kill` send) into an exception, so the
    half-written archive is removed like on any other failure instead of left behind."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise Interrupted(signal.Signals(signum).name)

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Command(BaseCommand):
    help = (
        "Back the whole site up into one zip archive: all content, staff accounts (with their "
        "password hashes), roles, two-factor devices, revision history, the audit trail, the "
        "admin's log, preview links, and the images, each member with its SHA-256. Written "
        "under a temporary name and renamed when complete. Restore it with `restore`; what is "
        "and is not included: docs/backup.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "output",
            nargs="?",
            help="The .zip file to write, or an existing folder to write "
            "newsroom-backup-<UTC time>.zip into.",
        )
        parser.add_argument("--output", dest="output_option", help="The same as OUTPUT.")
        parser.add_argument(
            "--force", action="store_true", help="Replace the file if it exists already."
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="Database to back up (default: %(default)s).",
        )

    def handle(self, *args, output, output_option, force, database, **options):
        if output and output_option and output != output_option:
            raise CommandError("Give the output once: as OUTPUT or as --output.")
        output = output or output_option
        if not output:
            raise CommandError("Say where to write the backup: manage.py backup PATH.")
        path = Path(output)
        if path.is_dir():
            stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
            path = path / f"newsroom-backup-{stamp}.zip"
        try:
            with _stopped_cleanly_by_sigterm():
                summary = export_archive(path, using=database, kind=BACKUP, overwrite=force)
        except (ArchiveError, OSError) as exc:
            raise CommandError(f"Backup failed, no backup was written: {exc}") from exc
        except Interrupted as exc:
            raise CommandError(f"Backup stopped by {exc}, no backup was written.") from exc
        report_written(self, summary, {**summary.counts, **summary.site_counts}, "Backed up")
