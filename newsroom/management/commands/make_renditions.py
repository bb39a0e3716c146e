from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from newsroom import cache as page_cache
from newsroom import images
from newsroom.models import Article, Organisation, Participant


class Command(BaseCommand):
    help = (
        "Make the responsive renditions (several widths, WebP and JPEG or PNG) that images "
        "stored earlier lack, fill in their width and height, and re-encode originals that "
        "still carry metadata (EXIF, GPS, XMP) without it. Pages show an image only once it "
        "has them. Safe to run again: what exists is kept, so a second run makes nothing. "
        "--force makes every rendition again (after the processing in newsroom/images.py "
        "changed)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Make every rendition again, even existing ones."
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="Database whose images to look at (default: %(default)s).",
        )

    def handle(self, *args, force, database, **options):
        totals = {"images": 0, "created": 0, "existing": 0, "cleaned": 0, "missing": 0}
        for model in (Article, Participant, Organisation):
            for field in images.image_fields(model):
                queryset = model._default_manager.using(database).exclude(**{field.name: ""})
                queryset = queryset.order_by("pk")
                for obj in queryset.iterator():
                    outcome = images.ensure_renditions(
                        obj, force=force, check_original=True, fields=[field.name]
                    )[field.name]
                    totals["images"] += 1
                    totals["created"] += outcome.created
                    totals["existing"] += outcome.existing
                    totals["cleaned"] += outcome.cleaned
                    if outcome.missing:
                        totals["missing"] += 1
                        self.stderr.write(
                            self.style.WARNING(
                                f"{model._meta.verbose_name} {obj.pk} “{obj}”: "
                                f"{getattr(obj, field.attname).name} is not in the storage."
                            )
                        )
        page_cache.bump()  # widths and heights are written with update(): no signals
        self.stdout.write(
            self.style.SUCCESS(
                "Renditions: {created} made, {existing} already there, for {images} images; "
                "{cleaned} originals stripped of metadata, {missing} missing.".format(**totals)
            )
        )
