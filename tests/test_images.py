"""Uploaded images: metadata stripped, renditions made once on save and only pointed at by pages."""

import contextlib
import io
import random
import re
import struct
import zlib
from http import HTTPStatus
from io import StringIO
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import ExifTags, Image, ImageFile, WebPImagePlugin

from newsroom import images
from newsroom.models import Article, Organisation, Participant

from .factories import (
    formset_management,
    image_upload,
    make_article,
    make_organisation,
    make_participant,
)

pytestmark = pytest.mark.django_db

XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">Photographer at 43.25N 76.95E</x:xmpmeta>'
HERO_WIDTHS = [480, 800, 1200, 1600]


def photo_bytes(size=(2000, 1125), fmt="JPEG", orientation=1, mode="RGB"):
    """A photograph as a phone stores it: EXIF with the camera, orientation and GPS, and XMP."""
    image = Image.new(mode, size, (200, 120, 40, 255)[: len(mode)])
    image.paste((20, 40, 80, 255)[: len(mode)], (0, 0, size[0] // 2, size[1] // 4))  # a corner
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCam"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (43.0, 15.0, 30.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (76.0, 57.0, 0.0),
    }
    buffer = io.BytesIO()
    image.save(buffer, fmt, exif=exif, xmp=XMP)
    return buffer.getvalue()


def gps_upload(name="operation.jpg", **kwargs):
    data = photo_bytes(**kwargs)
    with Image.open(io.BytesIO(data)) as check:  # the fixture really carries what must go
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def rendition_files(media_root, of=""):
    """The rendition files, or those of the original stored as `of`."""
    folder = media_root / settings.IMAGEKIT_CACHEFILE_DIR / of
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


def assert_no_metadata(path_or_bytes):
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else path_or_bytes.read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif(), image.getexif()
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment"} & set(image.info)
    assert b"PhoneCam" not in data
    assert b"xmpmeta" not in data


def formats_and_widths(files):
    found = set()
    for path in files:
        with Image.open(path) as image:
            found.add((image.format, image.width))
    return found


def article_form(**extra):
    return {
        "title_en": "Heroin seized at the border",
        "slug_en": "heroin-seized",
        "section": "news",
        "lead_en": "Customs officers found 40 kg.",
        "body_en": "<p>Details.</p>",
        "tags": "",
        "status": "published",
        "published_at_0": "2020-08-15",
        "published_at_1": "10:00:00",
        "hero_caption_en": "",
        **formset_management("authorships"),
        # The image description is per language (hero_alt -> hero_alt_en).
        **{(f"{k}_en" if k == "hero_alt" else k): v for k, v in extra.items()},
    }


# --- Upload: the original loses its metadata, renditions are made -----------------------------


def test_admin_upload_strips_gps_and_makes_webp_and_jpeg_renditions(staff_client, media_root):
    data = article_form(hero_image=gps_upload(), hero_alt="Packages of heroin on a table")
    response = staff_client.post(reverse("admin:newsroom_article_add"), data)
    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].errors

    article = Article.objects.get(slug="heroin-seized")
    assert (article.hero_width, article.hero_height) == (2000, 1125)
    original = media_root / article.hero_image.name
    with Image.open(original) as stored:
        assert (stored.format, stored.size) == ("JPEG", (2000, 1125))
    assert_no_metadata(original)

    files = rendition_files(media_root)
    expected = {(fmt, width) for fmt in ("WEBP", "JPEG") for width in HERO_WIDTHS}
    assert formats_and_widths(files) == expected
    assert len(files) == len(expected)
    for path in files:
        assert_no_metadata(path)
        with Image.open(path) as image:
            assert image.width <= 2000
            assert image.height == round(1125 * image.width / 2000)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_stored_original_keeps_its_format_without_metadata(fmt, media_root):
    name = f"photo.{fmt.lower()}"
    upload = SimpleUploadedFile(name, photo_bytes(size=(300, 200), fmt=fmt))
    person = make_participant(photo=upload, photo_alt="Portrait")

    with Image.open(media_root / person.photo.name) as stored:
        assert (stored.format, stored.size) == (fmt, (300, 200))
    assert_no_metadata(media_root / person.photo.name)


def test_exif_orientation_is_applied_before_anything_is_stored(media_root):
    # Stored 400×200 with "rotate 90° clockwise": the photograph is 200 wide and 400 high.
    upload = gps_upload(size=(400, 200), orientation=6)
    article = make_article(hero_image=upload, hero_alt="A tall photograph")

    assert (article.hero_width, article.hero_height) == (200, 400)
    with Image.open(media_root / article.hero_image.name) as stored:
        assert stored.size == (200, 400)
        # The dark corner was top left as stored; upright, it is top right.
        assert stored.getpixel((190, 10))[2] > 60 > stored.getpixel((10, 10))[2]
    assert {image_size(path) for path in rendition_files(media_root)} == {(200, 400)}


def image_size(path):
    with Image.open(path) as image:
        return image.size


@pytest.mark.parametrize(
    ("kind", "size", "widths"),
    [
        ("hero", (2000, 1125), [480, 800, 1200, 1600]),
        ("hero", (1600, 900), [480, 800, 1200, 1600]),
        ("hero", (1000, 600), [480, 800, 1000]),
        ("hero", (480, 300), [480]),
        ("hero", (40, 30), [40]),
        ("photo", (600, 900), [160, 320, 480]),
        ("photo", (300, 400), [160, 300]),
        ("logo", (400, 400), [96, 192, 384]),
        ("logo", (120, 60), [96, 120]),
    ],
)
def test_renditions_are_never_wider_than_the_original(kind, size, widths):
    assert images.rendition_widths(kind, *size) == widths


def test_photos_are_cropped_square_and_logos_keep_their_transparency(media_root):
    person = make_participant(
        photo=SimpleUploadedFile("portrait.jpg", photo_bytes(size=(300, 500))),
        photo_alt="Portrait",
    )
    logo = io.BytesIO()
    Image.new("RGBA", (200, 100), (0, 94, 145, 0)).save(logo, "PNG")
    org = make_organisation(logo=SimpleUploadedFile("logo.png", logo.getvalue()))

    photos = rendition_files(media_root, person.photo.name)
    assert formats_and_widths(photos) == {(f, w) for f in ("WEBP", "JPEG") for w in (160, 300)}
    assert {image_size(path) for path in photos} == {(160, 160), (300, 300)}
    logos = rendition_files(media_root, org.logo.name)
    assert formats_and_widths(logos) == {(f, w) for f in ("WEBP", "PNG") for w in (96, 192, 200)}
    for path in logos:
        with Image.open(path) as image:
            assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0


def test_renditions_are_made_once_and_reused_under_the_same_names(media_root):
    article = make_article(hero_image=gps_upload(), hero_alt="Packages")
    files = {path: path.stat().st_mtime_ns for path in rendition_files(media_root)}
    urls = images.picture(article.hero_image)

    article.title = "Packages, again"
    article.save()
    Article.objects.get(pk=article.pk).save()

    assert {path: path.stat().st_mtime_ns for path in rendition_files(media_root)} == files
    assert images.picture(Article.objects.get(pk=article.pk).hero_image) == urls


def test_a_new_image_gets_its_own_renditions(media_root):
    article = make_article(hero_image=gps_upload(size=(900, 500)), hero_alt="First")
    first = images.picture(article.hero_image)
    article.hero_image = gps_upload(size=(1300, 700))
    article.save()

    second = images.picture(article.hero_image)
    assert [c.width for c in second.fallback] == [480, 800, 1200, 1300]
    assert {c.url for c in first.fallback}.isdisjoint(c.url for c in second.fallback)


# --- Alt text -----------------------------------------------------------------------------------


def test_admin_refuses_an_image_without_alt_text(staff_client):
    data = article_form(hero_image=gps_upload(), hero_alt="  ")
    response = staff_client.post(reverse("admin:newsroom_article_add"), data)
    assert response.status_code == HTTPStatus.OK
    assert "hero_alt_en" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_admin_refuses_a_photo_without_alt_text(staff_client):
    data = {
        "full_name_en": "Rustam Miralizoda",
        "honorific_en": "",
        "slug": "rustam-miralizoda",
        "photo": gps_upload("portrait.jpg"),
        "photo_alt": "",
        "bio_en": "",
        **formset_management("aliases"),
        **formset_management("positions"),
    }
    response = staff_client.post(reverse("admin:newsroom_participant_add"), data)
    assert response.status_code == HTTPStatus.OK
    assert "photo_alt" in response.context["adminform"].form.errors
    assert not Participant.objects.exists()


# --- Pages ----------------------------------------------------------------------------------------


def test_article_page_shows_a_picture_of_renditions_and_never_the_original(client):
    article = make_article(hero_image=gps_upload(), hero_alt="Packages of heroin on a table")
    with no_file_access():
        content = client.get(article.get_absolute_url()).content.decode()

    picture = re.search(r"<picture>.*?</picture>", content, re.S).group(0)
    source = re.search(r"<source [^>]*>", picture).group(0)
    assert 'type="image/webp"' in source
    srcset = re.search(r'srcset="([^"]+)"', source).group(1)
    assert [c.rsplit(" ", 1)[1] for c in srcset.split(", ")] == ["480w", "800w", "1200w", "1600w"]
    assert all(c.split(" ")[0].endswith(".webp") for c in srcset.split(", "))
    assert 'sizes="(min-width: 60rem) 48rem, 100vw"' in source

    img = re.search(r"<img [^>]*>", picture).group(0)
    assert 'alt="Packages of heroin on a table"' in img
    assert 'width="1600" height="900"' in img
    assert re.search(r'src="[^"]+/1600w-[0-9a-f]+\.jpg"', img)
    assert re.search(r'srcset="[^"]+480w, [^"]+800w, [^"]+1200w, [^"]+1600w"', img)
    assert 'loading="eager"' in img and 'fetchpriority="high"' in img
    assert 'class="entry__image"' in img

    media = re.findall(r"/media/[^\s\",]+", content)
    assert media and all(url.startswith("/media/renditions/") for url in media)
    assert article.hero_image.url not in content


@pytest.mark.parametrize(
    ("field", "make"),
    [
        ("hero_image", lambda: make_article(hero_image=gps_upload(), hero_alt="Heroin")),
        ("photo", lambda: make_participant(photo=gps_upload("p.jpg"), photo_alt="Portrait")),
        ("logo", lambda: make_organisation(name="UNODC", logo=image_upload("u.png"))),
    ],
)
def test_picture_points_at_the_files_the_renditions_were_saved_as(field, make):
    # picture() names the renditions without django-imagekit's cache files: the same names and
    # URLs as the cache files that made them, and files that exist.
    file = getattr(make(), field)
    found = images.picture(file)
    width, height = images._dimensions(file)
    widths = images.rendition_widths(file.field.kind, width, height)
    fallback = images.KINDS[file.field.kind].fallback_format(file.name)
    for image_format, candidates in (("WEBP", found.webp), (fallback, found.fallback)):
        cache_files = [
            cache_file
            for _format, _width, cache_file in images._cache_files(
                file, file.field.kind, widths, [image_format]
            )
        ]
        assert [c.url for c in candidates] == [f.url for f in cache_files]
        assert all(file.storage.exists(f.name) for f in cache_files)
    assert [c.width for c in found.fallback] == widths


def test_people_and_organisation_pages_show_photo_and_logo_renditions(client):
    person = make_participant(photo=gps_upload("portrait.jpg"), photo_alt="Portrait of Mr Aliev")
    org = make_organisation(name="UNODC", logo=image_upload("unodc.png", size=(400, 200)))

    page = client.get(person.get_absolute_url()).content.decode()
    assert 'alt="Portrait of Mr Aliev"' in page and 'class="profile__photo"' in page
    assert 'width="480" height="480"' in page and 'sizes="120px"' in page
    assert person.photo.url not in page

    page = client.get(org.get_absolute_url()).content.decode()
    assert 'alt="Logo of UNODC"' in page and 'class="profile__logo"' in page
    assert 'width="384" height="192"' in page
    assert org.logo.url not in page


def test_an_image_without_renditions_yet_is_left_out(client, media_root):
    default_storage.save("articles/old.jpg", ContentFile(photo_bytes(size=(800, 450))))
    article = make_article(hero_alt="Old photograph")
    Article.objects.filter(pk=article.pk).update(hero_image="articles/old.jpg")

    content = client.get(article.get_absolute_url()).content.decode()
    assert "<picture" not in content and "old.jpg" not in content
    assert "og:image" not in content


def _no_file_access(*args, **kwargs):
    raise AssertionError("a page opened or looked for a file")


@contextlib.contextmanager
def no_file_access():
    with (
        mock.patch.object(FileSystemStorage, "open", _no_file_access),
        mock.patch.object(FileSystemStorage, "exists", _no_file_access),
        mock.patch.object(FileSystemStorage, "size", _no_file_access),
        mock.patch.object(Image, "open", _no_file_access),
    ):
        yield


LIST_PAGES = {
    "/news/": lambda n, upload: make_article(
        title=f"Seizure {n}", hero_image=upload, hero_alt=f"Seizure {n}"
    ),
    "/people/": lambda n, upload: make_participant(
        full_name=f"Officer Number{n}", photo=upload, photo_alt=f"Officer {n}"
    ),
    "/organisations/": lambda n, upload: make_organisation(name=f"Agency {n}", logo=upload),
}


@pytest.mark.parametrize("url", LIST_PAGES)
def test_lists_with_images_cost_no_extra_queries_and_touch_no_files(
    client, django_assert_num_queries, url
):
    for n in range(6):
        LIST_PAGES[url](n, "")
    with CaptureQueriesContext(connection) as without_images:
        assert client.get(url).status_code == HTTPStatus.OK
    Article.objects.all().delete()
    Participant.objects.all().delete()
    Organisation.objects.all().delete()
    for n in range(6):
        LIST_PAGES[url](n, gps_upload(f"image-{n}.jpg", size=(1000, 800)))

    with no_file_access(), django_assert_num_queries(len(without_images)):
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert response.content.decode().count("<picture>") == 6


# --- make_renditions ------------------------------------------------------------------------


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("make_renditions", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_make_renditions_brings_older_images_up_to_date_and_is_idempotent(client, media_root):
    # Stored before renditions existed: with its GPS, unmeasured, with nothing made from it.
    name = default_storage.save("articles/2019/05/raid.jpg", ContentFile(photo_bytes()))
    article = make_article(hero_alt="A raid")
    Article.objects.filter(pk=article.pk).update(hero_image=name)
    person = make_participant(photo=gps_upload("portrait.jpg"), photo_alt="Portrait")
    photos = {path: path.stat().st_mtime_ns for path in rendition_files(media_root)}

    output = run()

    assert "Renditions: 8 made, 6 already there, for 2 images" in output
    assert "1 originals stripped of metadata, 0 missing" in output
    article.refresh_from_db()
    assert (article.hero_width, article.hero_height) == (2000, 1125)
    assert article.hero_image.name == name
    assert_no_metadata(media_root / name)
    made = rendition_files(media_root, name)
    assert formats_and_widths(made) == {(f, w) for f in ("WEBP", "JPEG") for w in HERO_WIDTHS}
    for path in made:
        assert_no_metadata(path)
    kept = rendition_files(media_root, person.photo.name)
    assert {path: path.stat().st_mtime_ns for path in kept} == photos
    assert "<picture>" in client.get(article.get_absolute_url()).content.decode()

    files = {path: path.stat().st_mtime_ns for path in rendition_files(media_root)}
    again = run()
    assert "Renditions: 0 made, 14 already there, for 2 images" in again
    assert "0 originals stripped of metadata" in again
    assert {path: path.stat().st_mtime_ns for path in rendition_files(media_root)} == files


def test_make_renditions_remakes_deleted_renditions_and_all_with_force(media_root):
    article = make_article(hero_image=gps_upload(size=(900, 500)), hero_alt="Packages")
    files = rendition_files(media_root)
    files[0].unlink()

    assert "1 made, 5 already there" in run()
    assert rendition_files(media_root) == files
    assert "6 made, 0 already there" in run("--force")
    assert rendition_files(media_root) == files
    assert article.hero_image.name


def test_make_renditions_reports_a_missing_original_and_carries_on(media_root):
    gone = make_article(hero_image=gps_upload(), hero_alt="Gone")
    default_storage.delete(gone.hero_image.name)
    make_participant(photo=gps_upload("portrait.jpg"), photo_alt="Portrait")

    output = run()
    assert "1 missing" in output
    assert gone.hero_image.name in output
    assert "for 2 images" in output


def test_demo_images_get_renditions(client):
    call_command("load_demo", stdout=StringIO())
    with_images = Article.objects.exclude(hero_image="")
    assert with_images.exists()
    for article in [*with_images, *Organisation.objects.exclude(logo="")]:
        file = article.hero_image if isinstance(article, Article) else article.logo
        found = images.picture(file)
        assert found is not None
        for candidate in [*found.webp, *found.fallback]:
            assert default_storage.exists(candidate.url.removeprefix("/media/"))
    assert "0 made" in run()


# --- Hostile uploads, through the admin's form -----------------------------------------------

ALLOWED_DECODERS = {"JPEG", "PNG", "WEBP"}


@contextlib.contextmanager
def decoders_used():
    """The Pillow decoders that read a file meanwhile (a format's decoder runs when its quick
    signature check accepts the file's first bytes)."""
    Image.init()
    used = []

    def spy(image_format, factory):
        def decoder(*args, **kwargs):
            used.append(image_format)
            return factory(*args, **kwargs)

        return decoder

    spies = {fmt: (spy(fmt, factory), accept) for fmt, (factory, accept) in Image.OPEN.items()}
    with mock.patch.dict(Image.OPEN, spies):
        yield used


def encoded(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width, height):
    """A PNG that claims `width`×`height` 1-bit pixels and holds a few bytes of them: what a
    decompression bomb looks like before anything decodes it."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + png_chunk(b"IEND", b"")
    )


def animation(fmt, frames, size, **options):
    """An animation of `frames` frames of `size`, alternating two pictures (so none is merged)."""
    dark, light = Image.new("L", size, 30), Image.new("L", size, 220)
    rest = [light if n % 2 else dark for n in range(1, frames)]
    return encoded(dark, fmt, save_all=True, append_images=rest, duration=100, **options)


def upload_hero(client, name, data, content_type=None):
    """Post a new article with this hero image; returns the response."""
    upload = SimpleUploadedFile(name, data, content_type=content_type or "image/png")
    form = article_form(hero_image=upload, hero_alt="A photograph")
    return client.post(reverse("admin:newsroom_article_add"), form)


def refused(response, media_root):
    """The form again with an error on the image, nothing saved, no file stored."""
    assert response.status_code == HTTPStatus.OK
    errors = response.context["adminform"].form.errors
    assert "hero_image" in errors, errors
    assert not Article.objects.exists()
    assert not [path for path in media_root.rglob("*") if path.is_file()]
    return " ".join(errors["hero_image"])


def stored_original(media_root):
    article = Article.objects.get()
    return article, (media_root / article.hero_image.name).read_bytes()


def other_formats():
    """A small file in each format Pillow reads besides JPEG, PNG and WebP, or that a browser
    might send: (format, extension, bytes)."""
    picture = Image.new("RGB", (64, 48), (200, 30, 30))
    fits = b"".join(
        card.ljust(80).encode()
        for card in ["SIMPLE  = T", "BITPIX  = 8", "NAXIS   = 2", "NAXIS1  = 8", "NAXIS2  = 8"]
    )
    return [
        ("TIFF", "tiff", encoded(picture, "TIFF")),
        ("GIF", "gif", animation("GIF", 3, (64, 48))),
        ("BMP", "bmp", encoded(picture, "BMP")),
        ("PDF", "pdf", encoded(picture, "PDF")),
        ("ICO", "ico", encoded(picture, "ICO")),
        ("EPS", "eps", b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 64 48\nshowpage\n"),
        ("PSD", "psd", b"8BPS\x00\x01" + b"\x00" * 6 + struct.pack(">HIIHH", 3, 48, 64, 8, 3)),
        ("FITS", "fits", fits.ljust(2880 + 64, b" ")),
    ]


@pytest.mark.parametrize(("fmt", "extension", "data"), other_formats(), ids=lambda v: str(v)[:4])
@pytest.mark.parametrize("named_as", ["its own extension", ".png"])
def test_only_the_jpeg_png_and_webp_decoders_read_an_upload(
    staff_client, media_root, fmt, extension, data, named_as
):
    name = f"picture.{extension}" if named_as == "its own extension" else "picture.png"
    with decoders_used() as used:
        response = upload_hero(staff_client, name, data)
    message = refused(response, media_root)
    assert "JPEG, PNG or WebP" in message or "not allowed" in message
    assert set(used) <= ALLOWED_DECODERS, f"the {fmt} decoder read the upload"


def test_djangos_own_image_field_would_have_let_another_decoder_read_it():
    """What the test above guards against: Django's form field opens a TIFF with its decoder."""
    from django import forms

    tiff = next(data for fmt, _ext, data in other_formats() if fmt == "TIFF")
    with decoders_used() as used:
        forms.ImageField().clean(SimpleUploadedFile("picture.png", tiff))
    assert "TIFF" in used


@pytest.mark.parametrize(
    ("name", "content_type", "data"),
    [
        ("photo.jpg", "image/jpeg", encoded(Image.new("RGB", (40, 30)), "PNG")),
        ("photo.png", "image/png", encoded(Image.new("RGB", (40, 30)), "WEBP")),
        ("photo.jpg", "image/png", encoded(Image.new("RGB", (40, 30)), "JPEG")),
    ],
)
def test_the_format_found_must_be_the_one_the_name_and_type_say(
    staff_client, media_root, name, content_type, data
):
    response = upload_hero(staff_client, name, data, content_type)
    assert "save it again as a" in refused(response, media_root)


def test_an_image_named_and_typed_as_what_it_is_is_accepted(staff_client, media_root):
    data = encoded(Image.new("RGB", (40, 30)), "JPEG")
    response = upload_hero(staff_client, "photo.JPEG", data, "image/jpeg")
    assert response.status_code == HTTPStatus.FOUND
    article, stored = stored_original(media_root)
    assert article.hero_image.name.endswith(".jpg")


def test_an_image_over_the_size_limit_is_a_form_error(staff_client, media_root, settings):
    settings.NEWSROOM_MAX_IMAGE_BYTES = 20_000
    noise = Image.frombytes("L", (200, 200), random.Random(7).randbytes(200 * 200))
    data = encoded(noise, "PNG")
    assert len(data) > 20_000
    message = refused(upload_hero(staff_client, "noise.png", data), media_root)
    assert "the limit is 19.5" in message


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("huge.png", png_header_only(30_000, 30_000), "far more pixels than the 40 megapixels"),
        ("wide.png", png_header_only(12_000, 4_000), "12000×4000 pixels; it must be smaller"),
        (
            "animated.png",
            animation("PNG", 45, (1000, 1000)),
            "45 frames of 1000×1000 pixels, more than the 40 megapixels",
        ),
        (
            "animated.webp",
            animation("WEBP", 41, (1000, 1000), quality=10, method=0),
            "41 frames of 1000×1000 pixels",
        ),
    ],
    ids=["30000x30000", "48-megapixels", "apng-45-megapixels", "webp-41-megapixels"],
)
def test_too_many_pixels_across_all_frames_is_a_form_error_not_a_crash(
    staff_client, media_root, name, data, message
):
    content_type = "image/webp" if name.endswith(".webp") else "image/png"
    # Refused from the header: no pixel is decoded (a decoding would fail the message below).
    decoded = AssertionError("decoded")
    with (
        mock.patch.object(ImageFile.ImageFile, "load", side_effect=decoded),
        mock.patch.object(WebPImagePlugin.WebPImageFile, "load", side_effect=decoded),
    ):
        response = upload_hero(staff_client, name, data, content_type)
    assert message in refused(response, media_root)


def test_a_truncated_image_is_a_form_error(staff_client, media_root):
    data = photo_bytes(size=(400, 300))
    message = refused(upload_hero(staff_client, "cut.jpg", data[:2000], "image/jpeg"), media_root)
    assert "not a readable image" in message


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_an_upload_is_re_encoded_so_anything_appended_is_gone(staff_client, media_root, fmt):
    payload = b"<html><script>alert(document.cookie)</script></html>"
    data = encoded(Image.new("RGB", (120, 80), (10, 90, 160)), fmt) + payload
    name, content_type = f"photo{images.EXTENSIONS[fmt]}", f"image/{fmt.lower()}"
    assert upload_hero(staff_client, name, data, content_type).status_code == HTTPStatus.FOUND
    article, stored = stored_original(media_root)
    assert b"<html" not in stored and b"<script" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert (image.format, image.size) == (fmt, (120, 80))


def test_png_text_exif_and_gps_are_stripped_after_turning_the_image_upright(
    staff_client, media_root
):
    from PIL import PngImagePlugin

    picture = Image.new("RGB", (400, 200), (200, 120, 40))
    picture.paste((20, 40, 80), (0, 0, 200, 50))  # the dark corner, top left as stored
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # "turn 90° clockwise to view"
    exif[ExifTags.Base.Make] = "PhoneCam"
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N"}
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "taken at the safe house")
    text.add_text("Author", "informant 7", zip=True)
    text.add_itxt("XML:com.adobe.xmp", XMP.decode(), zip=False)
    data = encoded(picture, "PNG", pnginfo=text, exif=exif)
    with Image.open(io.BytesIO(data)) as check:  # the fixture carries what must go
        assert check.text and check.getexif().get(ExifTags.Base.Orientation) == 6

    assert upload_hero(staff_client, "photo.png", data).status_code == HTTPStatus.FOUND
    article, stored = stored_original(media_root)
    assert (article.hero_width, article.hero_height) == (200, 400)
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (200, 400), "turned upright before the orientation was dropped"
        assert image.getpixel((190, 10))[2] > 60 > image.getpixel((10, 10))[2]
        assert image.text == {}
        assert not image.getexif()
    chunks = re.findall(rb"[a-zA-Z]{4}", stored[8:])
    assert not {b"tEXt", b"zTXt", b"iTXt", b"eXIf"} & set(chunks)
    for secret in (b"safe house", b"informant", b"xmpmeta", b"PhoneCam"):
        assert secret not in stored


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.png", "<script>alert(1)</script>.png", "отчёт о рейде.png"]
)
def test_uploads_are_stored_under_random_names(staff_client, media_root, name):
    data = encoded(Image.new("RGB", (40, 30)), "PNG")
    assert upload_hero(staff_client, name, data).status_code == HTTPStatus.FOUND
    article = Article.objects.get()
    stored = article.hero_image.name
    assert re.fullmatch(r"articles/\d{4}/\d{2}/[0-9a-f]{20}\.png", stored), stored
    files = [path for path in media_root.rglob("*") if path.is_file()]
    assert files and all(
        not {"passwd", "script", "etc", "рейде", "report"} & set(re.split(r"[\W_]+", str(path)))
        for path in files
    )
    page = staff_client.get(reverse("admin:newsroom_article_change", args=[article.pk])).text
    assert "passwd" not in page and "&lt;script&gt;alert" not in page


def test_the_same_name_uploaded_twice_gets_two_names(media_root):
    first = make_article(hero_image=gps_upload("raid.jpg"), hero_alt="Raid")
    second = make_article(hero_image=gps_upload("raid.jpg"), hero_alt="Raid")
    assert first.hero_image.name != second.hero_image.name
    assert "raid" not in first.hero_image.name + second.hero_image.name


def test_the_file_input_asks_for_the_accepted_formats_only(staff_client):
    page = staff_client.get(reverse("admin:newsroom_article_add")).text
    field = re.search(r'<input type="file" name="hero_image"[^>]*>', page).group(0)
    assert 'accept="image/jpeg,image/png,image/webp"' in field
