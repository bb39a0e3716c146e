from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from newsroom.importer import LegacyImporter
from newsroom.legacy import LegacyFormatError, parse_page
from newsroom.models import Article


class DryRunRollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Import a plain-text dump of a list page of CARICC's old site (a heading, then each "
        "item's title line and paragraphs; see newsroom/legacy.py). Creates draft articles "
        "(published with --publish), the events they report, and links the people and "
        "organisations they mention. Re-running the same file recognises its items again and "
        "creates no duplicates; an article edited in the newsroom since its import is left "
        "alone. Everything happens in one transaction: a malformed file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The text dump to read (UTF-8).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be done, and write nothing.",
        )
        parser.add_argument(
            "--section",
            default=Article.Section.NEWS,
            choices=Article.Section.values,
            help="Section of the imported articles (analytic pieces with authors go to "
            "analytics). Default: news.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the imported items at their dates instead of keeping them as drafts.",
        )

    def handle(self, *args, file, dry_run, section, publish, **options):
        path = Path(file)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror or exc}") from exc
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(f"{file} is not UTF-8 text (byte {exc.start}).") from exc
        try:
            page = parse_page(text)
        except LegacyFormatError as exc:
            raise CommandError(
                f"{file} is not an old-site list page: {exc}. Nothing was imported."
            ) from exc

        importer = LegacyImporter(source=path.name, section=section, publish=publish)
        try:
            with transaction.atomic():
                report = importer.run(page)
                if dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            report = importer.report
        self.print_report(page, report, dry_run=dry_run)

    def print_report(self, page, report, *, dry_run):
        write = self.stdout.write
        heading = f"{page.heading} ({page.total})" if page.total else page.heading
        write(f"{'Dry run — nothing was written. ' if dry_run else ''}Page: {heading}")
        write(f"  items read        {report.read}")
        write(f"  created           {len(report.created)}")
        write(f"  updated           {len(report.updated)}")
        write(f"  unchanged         {len(report.unchanged)}")
        write(f"  skipped           {len(report.skipped)}")
        for title, reason in report.skipped:
            write(f"    - {title}: {reason}")
        write(f"  events created    {len(report.events_created)}")
        for title in report.events_without_date:
            write(f"    - no event for “{title}”: the text gives no date for it")
        write(f"  old addresses     {report.redirects} (redirected once public)")
        write(f"  dates not found   {len(report.dates_not_found)}")
        inferred = dict(report.dates_inferred)
        for title in report.dates_not_found:
            guess = inferred.get(title)
            note = f"dated {guess:%d %B %Y} from its neighbours" if guess else "left undated"
            write(f"    - {title}: {note}")
        if report.formats_not_stated:
            write(
                f"  events whose format the text does not state: {len(report.formats_not_stated)}"
            )
            for title in report.formats_not_stated:
                write(f"    - {title}")
        if report.excerpts:
            write(f"  excerpts only (the old list showed “More...”): {len(report.excerpts)}")
        write(f"  names not matched {len(report.names_not_matched)}")
        for name in sorted(report.names_not_matched):
            write(f"    - {name}")
        if report.people_created:
            write(f"  people added as authors: {', '.join(report.people_created)}")
        if not dry_run:
            write(self.style.SUCCESS("Import finished."))
