"""The width and height of each image, kept beside it, and the kind of renditions it gets.

A page works out an image's renditions from these two columns instead of opening the file.
Existing images get theirs from `manage.py make_renditions` (run it once after migrating); until
then they are not shown. See newsroom/images.py.
"""

import django.core.validators
import newsroom.images
import newsroom.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0005_search_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="hero_height",
            field=models.PositiveIntegerField(
                editable=False, null=True, verbose_name="image height"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="hero_width",
            field=models.PositiveIntegerField(
                editable=False, null=True, verbose_name="image width"
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="hero_height",
            field=models.PositiveIntegerField(
                editable=False, null=True, verbose_name="image height"
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="hero_width",
            field=models.PositiveIntegerField(
                editable=False, null=True, verbose_name="image width"
            ),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="logo_height",
            field=models.PositiveIntegerField(
                editable=False, null=True, verbose_name="logo height"
            ),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="logo_width",
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name="logo width"),
        ),
        migrations.AddField(
            model_name="historicalparticipant",
            name="photo_height",
            field=models.PositiveIntegerField(
                editable=False, null=True, verbose_name="photo height"
            ),
        ),
        migrations.AddField(
            model_name="historicalparticipant",
            name="photo_width",
            field=models.PositiveIntegerField(
                editable=False, null=True, verbose_name="photo width"
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="logo_height",
            field=models.PositiveIntegerField(
                editable=False, null=True, verbose_name="logo height"
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="logo_width",
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name="logo width"),
        ),
        migrations.AddField(
            model_name="participant",
            name="photo_height",
            field=models.PositiveIntegerField(
                editable=False, null=True, verbose_name="photo height"
            ),
        ),
        migrations.AddField(
            model_name="participant",
            name="photo_width",
            field=models.PositiveIntegerField(
                editable=False, null=True, verbose_name="photo width"
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="hero_image",
            field=newsroom.images.ImageField(
                blank=True,
                height_field="hero_height",
                kind="hero",
                upload_to="articles/%Y/%m/",
                validators=[
                    django.core.validators.FileExtensionValidator(["jpg", "jpeg", "png", "webp"]),
                    newsroom.validators.ImageUploadValidator(),
                ],
                verbose_name="image",
                width_field="hero_width",
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="logo",
            field=newsroom.images.ImageField(
                blank=True,
                height_field="logo_height",
                kind="logo",
                upload_to="organisations/%Y/%m/",
                validators=[
                    django.core.validators.FileExtensionValidator(["jpg", "jpeg", "png", "webp"]),
                    newsroom.validators.ImageUploadValidator(),
                ],
                verbose_name="logo",
                width_field="logo_width",
            ),
        ),
        migrations.AlterField(
            model_name="participant",
            name="photo",
            field=newsroom.images.ImageField(
                blank=True,
                height_field="photo_height",
                kind="photo",
                upload_to="people/%Y/%m/",
                validators=[
                    django.core.validators.FileExtensionValidator(["jpg", "jpeg", "png", "webp"]),
                    newsroom.validators.ImageUploadValidator(),
                ],
                verbose_name="photo",
                width_field="photo_width",
            ),
        ),
    ]
