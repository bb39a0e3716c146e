import time

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, transaction

from newsroom import cache as page_cache
from newsroom import involvement


class Command(BaseCommand):
    help = (
        "Rebuild the derived table of the organisations each article involves (named in the "
        "article, or hosting or attending an event it reports), which the organisation filter "
        "and the organisation and country pages read. The site keeps it up to date by itself; "
        "run this after changing content with raw SQL or bulk inserts that bypass Django's "
        "signals. Safe to run at any time: it makes the table again in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="Database to rebuild it in (default: %(default)s).",
        )

    def handle(self, *args, database, **options):
        started = time.perf_counter()
        with transaction.atomic(using=database):
            rows = involvement.rebuild(database)
        page_cache.bump()
        self.stdout.write(
            self.style.SUCCESS(
                f"Rebuilt the organisations involved: {rows:,} rows in "
                f"{time.perf_counter() - started:.1f} s."
            )
        )
