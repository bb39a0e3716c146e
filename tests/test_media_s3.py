"""Media in an S3-compatible bucket (NEWSROOM_MEDIA_STORAGE=s3), against moto's S3 emulator.

Uploads, their renditions, the archive and make_renditions go through Django's storage API only,
so the same code keeps media in a folder or in a bucket every app server shares.
"""

import io
import json
import re
import urllib.request
import zipfile
from http import HTTPStatus
from io import StringIO
from unittest import mock

import pytest
from botocore.client import BaseClient
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse
from PIL import Image

from config.settings.base import media_base_url, s3_media_storage
from newsroom import images
from newsroom.archive import CONTENT, MEDIA_PREFIX
from newsroom.models import Article
from newsroom.storage import ORIGINAL_CACHE_CONTROL, RENDITION_CACHE_CONTROL

from .factories import image_upload, make_article, make_organisation, make_participant
from .test_archive import duplicate_tag_slug, edit_content
from .test_images import HERO_WIDTHS, article_form, assert_no_metadata, gps_upload, photo_bytes

pytestmark = pytest.mark.django_db

RENDITIONS = settings.IMAGEKIT_CACHEFILE_DIR + "/"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def local_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


def formats_and_widths(bucket, keys):
    found = set()
    for key in keys:
        with Image.open(io.BytesIO(bucket.read(key))) as image:
            found.add((image.format, image.width))
    return found


# --- Uploads and renditions ----------------------------------------------------------------------


def test_admin_upload_is_stored_in_the_bucket_without_metadata_with_its_renditions(
    staff_client, s3_media, media_root
):
    data = article_form(hero_image=gps_upload(), hero_alt="Packages of heroin on a table")
    response = staff_client.post(reverse("admin:newsroom_article_add"), data)
    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].errors

    article = Article.objects.get(slug="heroin-seized")
    original = article.hero_image.name
    renditions = s3_media.keys(RENDITIONS)
    assert s3_media.keys() == sorted([original, *renditions])
    assert all(key.startswith(f"{RENDITIONS}{original}/") for key in renditions)
    expected = {(fmt, width) for fmt in ("WEBP", "JPEG") for width in HERO_WIDTHS}
    assert formats_and_widths(s3_media, renditions) == expected
    assert len(renditions) == len(expected)

    stored = s3_media.read(original)
    assert_no_metadata(stored)
    with Image.open(io.BytesIO(stored)) as image:
        assert (image.format, image.size) == ("JPEG", (2000, 1125))
    for key in renditions:
        assert_no_metadata(s3_media.read(key))

    head = s3_media.head(original)
    assert (head["ContentType"], head["CacheControl"]) == ("image/jpeg", ORIGINAL_CACHE_CONTROL)
    for key in renditions:
        head = s3_media.head(key)
        assert head["CacheControl"] == RENDITION_CACHE_CONTROL
        assert head["ContentType"] == ("image/webp" if key.endswith(".webp") else "image/jpeg")
    assert local_files(media_root) == []


def test_content_type_comes_from_the_name_not_from_the_browser(s3_media):
    upload = SimpleUploadedFile("logo.png", image_upload("x.png").read(), "text/html")
    org = make_organisation(logo=upload)
    assert s3_media.head(org.logo.name)["ContentType"] == "image/png"


def test_a_second_upload_of_the_same_name_does_not_replace_the_first(s3_media):
    first = make_article(hero_image=gps_upload("map.jpg", size=(900, 500)), hero_alt="First")
    second = make_article(hero_image=gps_upload("map.jpg", size=(1300, 700)), hero_alt="Second")

    assert first.hero_image.name != second.hero_image.name
    with Image.open(io.BytesIO(s3_media.read(first.hero_image.name))) as image:
        assert image.size == (900, 500)
    assert s3_media.keys(f"{RENDITIONS}{first.hero_image.name}/")


def test_saving_again_makes_nothing_and_reads_the_renditions_in_one_listing(s3_media):
    article = make_article(hero_image=gps_upload(), hero_alt="Packages")
    before = {key: s3_media.head(key)["ETag"] for key in s3_media.keys()}
    calls = []
    real = BaseClient._make_api_call

    def counting(client, operation, params):
        calls.append(operation)
        return real(client, operation, params)

    with mock.patch.object(BaseClient, "_make_api_call", counting):
        article.title = "Packages, again"
        article.save()

    # Is the original there, which renditions are (one listing): no upload, no lookup per file.
    assert calls == ["HeadObject", "ListObjects"]
    assert {key: s3_media.head(key)["ETag"] for key in s3_media.keys()} == before


# --- Pages ---------------------------------------------------------------------------------------


def test_pages_point_at_the_bucket_and_never_ask_it_anything(client, s3_media):
    article = make_article(hero_image=gps_upload(), hero_alt="Packages of heroin on a table")
    base = s3_media.url
    assert settings.MEDIA_URL == base

    with mock.patch.object(BaseClient, "_make_api_call", side_effect=AssertionError("asked")):
        content = client.get(article.get_absolute_url()).content.decode()
        listing = client.get("/news/").content.decode()

    picture = re.search(r"<picture>.*?</picture>", content, re.S).group(0)
    urls = re.findall(r'(?:src|srcset)="([^"]+)"', picture)
    candidates = [c.split(" ")[0] for url in urls for c in url.split(", ")]
    assert len(candidates) == 2 * len(HERO_WIDTHS) + 1  # two srcsets and the src
    assert all(c.startswith(f"{base}{RENDITIONS}{article.hero_image.name}/") for c in candidates)
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', content).group(1)
    assert og_image.startswith(base) and og_image.endswith(".jpg")
    assert article.hero_image.name not in content.replace(
        f"{RENDITIONS}{article.hero_image.name}", ""
    )
    assert f"{base}{RENDITIONS}" in listing

    # The address is the object's: the emulator serves it as a CDN would fetch it.
    webp = next(c for c in candidates if c.endswith(".webp"))
    with urllib.request.urlopen(webp, timeout=10) as response:
        assert response.headers["Content-Type"] == "image/webp"
        with Image.open(io.BytesIO(response.read())) as image:
            assert image.format == "WEBP"


def test_a_cdn_domain_and_a_prefix_in_the_bucket(client, settings, s3_bucket, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    env = {**s3_bucket.env, "AWS_S3_CUSTOM_DOMAIN": "media.example.org", "AWS_LOCATION": "site/"}
    storage = s3_media_storage(env)
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.MEDIA_URL = media_base_url(storage)
    assert settings.MEDIA_URL == "https://media.example.org/site/"

    article = make_article(hero_image=gps_upload(size=(900, 500)), hero_alt="Packages")

    keys = s3_bucket.keys()
    assert keys and all(key.startswith("site/") for key in keys)
    assert f"site/{article.hero_image.name}" in keys
    rendition = next(key for key in keys if key.startswith(f"site/{RENDITIONS}"))
    assert s3_bucket.head(rendition)["CacheControl"] == RENDITION_CACHE_CONTROL
    content = client.get(article.get_absolute_url()).content.decode()
    srcset = re.search(r'<source [^>]*srcset="([^"]+)"', content).group(1)
    prefix = f"https://media.example.org/site/{RENDITIONS}{article.hero_image.name}/"
    assert all(c.startswith(prefix) for c in srcset.split(", "))


# --- make_renditions -----------------------------------------------------------------------------


def test_make_renditions_works_on_the_bucket(s3_media, media_root):
    # Stored before renditions existed: with its GPS, unmeasured, with nothing made from it.
    name = default_storage.save("articles/2019/05/raid.jpg", ContentFile(photo_bytes()))
    article = make_article(hero_alt="A raid")
    Article.objects.filter(pk=article.pk).update(hero_image=name)

    output = run("make_renditions")

    assert "Renditions: 8 made, 0 already there, for 1 images" in output
    assert "1 originals stripped of metadata, 0 missing" in output
    article.refresh_from_db()
    assert (article.hero_width, article.hero_height, article.hero_image.name) == (
        2000,
        1125,
        name,
    )
    assert_no_metadata(s3_media.read(name))
    renditions = s3_media.keys(f"{RENDITIONS}{name}/")
    assert len(renditions) == 8
    assert images.picture(article.hero_image) is not None

    etags = {key: s3_media.head(key)["ETag"] for key in s3_media.keys()}
    assert "0 made, 8 already there" in run("make_renditions")
    assert {key: s3_media.head(key)["ETag"] for key in s3_media.keys()} == etags

    s3_media.client.delete_object(Bucket=s3_media.name, Key=renditions[0])
    assert "1 made, 7 already there" in run("make_renditions")
    assert "8 made, 0 already there" in run("make_renditions", "--force")
    assert s3_media.keys(f"{RENDITIONS}{name}/") == renditions
    assert local_files(media_root) == []


def test_make_renditions_reports_an_original_missing_from_the_bucket(s3_media):
    gone = make_article(hero_image=gps_upload(), hero_alt="Gone")
    s3_media.client.delete_object(Bucket=s3_media.name, Key=gone.hero_image.name)
    output = run("make_renditions")
    assert "1 missing" in output and gone.hero_image.name in output


def test_load_demo_draws_its_images_into_the_bucket(s3_media, media_root):
    run("load_demo")
    keys = s3_media.keys()
    with_images = Article.objects.exclude(hero_image="")
    assert with_images.exists()
    for article in with_images:
        assert article.hero_image.name in keys
        assert images.picture(article.hero_image) is not None
    assert "0 made" in run("make_renditions")
    assert local_files(media_root) == []


# --- Export and import -----------------------------------------------------------------------


def _content(bucket):
    make_article(
        title="Heroin seized",
        tags=["heroin", "border"],
        hero_image=gps_upload(size=(900, 500)),
        hero_alt="Packages",
    )
    make_participant(photo=gps_upload("portrait.jpg", size=(400, 400)), photo_alt="Portrait")
    make_organisation(name="UNODC", logo=image_upload("unodc.png", size=(300, 150)))
    originals = [key for key in bucket.keys() if not key.startswith(RENDITIONS)]
    assert len(originals) == 3
    return originals


def _flush(bucket):
    """A fresh site: an empty database and an empty bucket."""
    connection.check_constraints()  # PostgreSQL refuses TRUNCATE with deferred checks pending
    call_command("flush", interactive=False, verbosity=0)
    bucket.empty()


def test_export_and_import_round_trip_with_media_in_the_bucket(s3_media, tmp_path):
    originals = _content(s3_media)
    stored = {key: s3_media.read(key) for key in originals}
    renditions = s3_media.keys(RENDITIONS)
    first = tmp_path / "first.zip"

    assert "3 media files" in run("export_content", str(first)).replace(",", "")
    with zipfile.ZipFile(first) as archive:
        members = {
            name.removeprefix(MEDIA_PREFIX): archive.read(name)
            for name in archive.namelist()
            if name.startswith(MEDIA_PREFIX)
        }
        assert json.loads(archive.read(CONTENT))["newsroom.article"]
    assert members == stored  # the originals only, read from the bucket

    _flush(s3_media)
    run("import_content", str(first))

    assert {key: s3_media.read(key) for key in originals} == stored
    assert s3_media.keys(RENDITIONS) == renditions  # made again by the import
    second = tmp_path / "second.zip"
    run("export_content", str(second))
    assert first.read_bytes() == second.read_bytes()


def test_a_failed_import_leaves_nothing_in_the_bucket(s3_media, tmp_path):
    _content(s3_media)
    path = tmp_path / "site.zip"
    run("export_content", str(path))
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(edit_content(path.read_bytes(), duplicate_tag_slug))
    _flush(s3_media)

    with pytest.raises(CommandError, match="undone"):
        run("import_content", str(damaged))

    assert s3_media.keys() == []
