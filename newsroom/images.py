"""Uploaded images: stored without their metadata, and shown through responsive renditions.

Only Pillow's JPEG, PNG and WebP decoders ever open an upload or a stored image (open_image;
newsroom/validators.py checks an upload before it is accepted). An upload is re-encoded before it
is stored: turned upright by its EXIF orientation, then saved in its own format without EXIF (GPS
included), XMP, comments or text chunks, and without anything appended after the image. It is
stored under a random name: nothing of the uploaded file's name reaches the storage.

Each image then gets its renditions, made once after the save that brings it: a few widths per
kind of image, never wider than the original, each in WebP and in a JPEG fallback (PNG for logos
that are not JPEGs, to keep their transparency). django-imagekit names and stores them with its
Optimistic strategy, so a page only computes their URLs: the width and height kept beside the
image say which widths exist, and no file is opened or looked for while a page is rendered.
`make_renditions` makes whatever is missing for images stored earlier.
"""

import hashlib
import io
import posixpath
import secrets
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from imagekit import register
from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.backends import CacheFileState, Simple
from imagekit.registry import generator_registry
from imagekit.specs import ImageSpec
from imagekit.utils import get_storage
from PIL import Image, ImageOps, JpegImagePlugin
from pilkit.utils import save_image

# Part of every rendition's name: raise it when the processing below changes, then run
# `make_renditions`, so that pages point at files made the new way.
RENDITION_VERSION = 1
GENERATOR_ID = "newsroom:rendition"


@dataclass(frozen=True)
class Kind:
    widths: tuple[int, ...]
    square: bool = False  # cropped to a square, as people's photos are shown
    keeps_transparency: bool = False  # PNG fallback unless the original is a JPEG

    def fallback_format(self, name):
        if self.keeps_transparency and not name.lower().endswith((".jpg", ".jpeg")):
            return "PNG"
        return "JPEG"


KINDS = {
    "hero": Kind(widths=(480, 800, 1200, 1600)),
    "photo": Kind(widths=(160, 320, 480), square=True),
    "logo": Kind(widths=(96, 192, 384), keeps_transparency=True),
}
# Sharing cards (OpenGraph, schema.org) use the widest fallback rendition up to this width.
SHARE_WIDTH = 1200
# Faces sit in the upper part of a portrait: a square crop keeps the top and drops the bottom.
SQUARE_CROP_TOP = 0.25

# The only formats accepted, and the only decoders ever used.
FORMATS = ("JPEG", "PNG", "WEBP")
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
RENDITION_OPTIONS = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 5},
}
# Kept when an image is re-encoded: how to show the pixels, nothing about who took them where.
KEPT_INFO = ("icc_profile", "transparency")
ORIENTATION = 0x0112  # the EXIF tag


# --- Sizes -------------------------------------------------------------------------------------


def rendition_widths(kind, width, height):
    """The widths made of a `width`×`height` image: the kind's widths that fit in the original,
    and the original's own width when it is narrower than the widest of them."""
    if not width or not height:
        return []
    available = min(width, height) if KINDS[kind].square else width
    widths = [w for w in KINDS[kind].widths if w <= available]
    if available < KINDS[kind].widths[-1] and available not in widths:
        widths.append(available)
    return widths


def rendition_size(kind, width, height, rendition_width):
    """(width, height) of the rendition `rendition_width` wide of a `width`×`height` image."""
    if KINDS[kind].square:
        return rendition_width, rendition_width
    return rendition_width, max(1, round(height * rendition_width / width))


# --- Pixels without metadata -------------------------------------------------------------------


def open_image(file):
    """Image.open() with the JPEG, PNG and WebP decoders only: no other one ever reads a file."""
    return Image.open(file, formats=FORMATS)


def upright(image):
    """`image` turned by its EXIF orientation, decoded, with nothing left of its metadata but
    its colour profile and transparency."""
    turned = ImageOps.exif_transpose(image)
    turned.load()
    turned.info = {key: image.info[key] for key in KEPT_INFO if key in image.info}
    return turned


def upright_size(image):
    """The size of an opened image once turned by its EXIF orientation, without decoding it."""
    if image.getexif().get(ORIENTATION) in {5, 6, 7, 8}:  # turned by a quarter
        return image.height, image.width
    return image.size


def for_resizing(image):
    """RGB(A) or greyscale: palette images resize badly, and CMYK is no web format."""
    if image.mode in {"RGB", "RGBA", "L"}:
        return image
    if image.mode in {"P", "LA", "PA"} or "transparency" in image.info:
        converted = image.convert("RGBA")
    else:
        converted = image.convert("RGB")
    # A CMYK colour profile would misdescribe the RGB pixels.
    converted.info = {} if image.mode == "CMYK" else {**image.info}
    converted.info.pop("transparency", None)
    return converted


def _encoder_options(source, image, image_format):
    options = {key: image.info[key] for key in KEPT_INFO if key in image.info}
    if image_format == "JPEG":
        # The original's own quantisation tables: re-encoding loses as little as it can.
        options["optimize"] = True
        if getattr(source, "quantization", None):
            options["qtables"] = source.quantization
            sampling = JpegImagePlugin.get_sampling(source)
            if sampling >= 0:
                options["subsampling"] = sampling
        else:
            options["quality"] = 90
    elif image_format == "PNG":
        options["optimize"] = True
    elif image_format == "WEBP":
        options["quality"] = 90
    return options


def without_metadata(upload):
    """The uploaded image re-encoded upright in its own format, without EXIF, XMP or comments.

    Returns a ContentFile named after its format (image.jpg, image.png, image.webp), and its
    upright width and height. An animation keeps its first frame."""
    upload.seek(0)
    with open_image(upload) as source:
        image_format = source.format
        image = upright(source)
        buffer = io.BytesIO()
        image.save(buffer, image_format, **_encoder_options(source, image, image_format))
    upload.seek(0)
    return ContentFile(buffer.getvalue(), name=f"image{EXTENSIONS[image_format]}"), image.size


def has_metadata(image):
    """Whether an opened image carries more than its pixels need: EXIF, XMP, IPTC, comments."""
    if image.getexif():
        return True
    if any(key in image.info for key in ("exif", "xmp", "XML:com.adobe.xmp", "photoshop")):
        return True
    return bool(image.info.get("comment") or getattr(image, "text", None))


# --- The field ---------------------------------------------------------------------------------


class ImageField(models.ImageField):
    """An image with its kind of renditions, and its width and height kept in two columns.

    Django's own ImageField measures the file whenever a row is loaded while those columns are
    empty, which opens a file per image on every page view (and fails if the file is missing).
    This one measures a file only when it is assigned; `ensure_renditions` fills in the rest.
    """

    def __init__(self, *args, kind, **kwargs):
        if kind not in KINDS:
            raise ValueError(f"Unknown kind of image {kind!r}; one of {', '.join(KINDS)}.")
        self.kind = kind
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["kind"] = self.kind
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageFormField, **kwargs})

    def generate_filename(self, instance, filename):
        """A random name in the upload_to folder, with the extension of the image's format
        (strip_uploads names the file after it): "articles/2025/03/9f86d081884c7d659a2f.jpg".
        Nothing of the uploaded file's name reaches the storage, and no image of a draft can be
        found by guessing its name."""
        extension = posixpath.splitext(filename)[1].lower().replace(".jpeg", ".jpg")
        if extension not in EXTENSIONS.values():
            extension = ""
        return super().generate_filename(instance, f"{secrets.token_hex(10)}{extension}")

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        if not force:
            return
        try:
            super().update_dimension_fields(instance, True, *args, **kwargs)
        except FileNotFoundError:  # a name assigned without its file: nothing to show
            setattr(instance, self.width_field, None)
            setattr(instance, self.height_field, None)


class ImageFormField(forms.ImageField):
    """Django's ImageField form field opens an upload with every decoder Pillow has (EPS, PSD,
    TIFF, FITS, ...). This one leaves it to the model field's validators (validators.py), which
    open it with the JPEG, PNG and WebP decoders only, and runs them at once."""

    def to_python(self, data):
        from .validators import validate_image_upload

        upload = forms.FileField.to_python(self, data)
        if upload is not None:
            validate_image_upload(upload)
        return upload

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = "image/jpeg,image/png,image/webp"
        return attrs


def image_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, ImageField)]


# --- Renditions (django-imagekit) ---------------------------------------------------------------


class StorageBackend(Simple):
    """Renditions are made only on save and by make_renditions: ask the storage each time, and
    remember nothing in the cache that could outlive the files (a restored or emptied media
    folder, a test's temporary one)."""

    def get_state(self, file, check_if_unknown=True):
        return CacheFileState.EXISTS if self._exists(file) else CacheFileState.DOES_NOT_EXIST

    def set_state(self, file, state):
        pass


def rendition_hash(source_name, kind, width, image_format):
    options = sorted(RENDITION_OPTIONS[image_format].items())
    key = f"{RENDITION_VERSION}|{source_name}|{kind}|{width}|{options}"
    return hashlib.sha256(key.encode()).hexdigest()


def rendition_name(source_name, kind, width, image_format):
    """The stored name of a rendition, e.g.
    renditions/articles/2025/03/map.jpg/800w-1f2e3d4c5b.webp: readable, and the same name every
    time for the same original, so a file made once is found again."""
    digest = rendition_hash(source_name, kind, width, image_format)[:10]
    name = f"{width}w-{digest}{EXTENSIONS[image_format]}"
    return posixpath.join(settings.IMAGEKIT_CACHEFILE_DIR, source_name, name)


class Rendition(ImageSpec):
    """One width of one image, in one format."""

    cachefile_backend = StorageBackend()
    cachefile_strategy = "imagekit.cachefiles.strategies.Optimistic"

    def __init__(self, source, kind, width, format):
        self.kind = kind
        self.width = width
        self.format = format
        self.options = RENDITION_OPTIONS[format]
        self.prepared = None  # the upright original, when one save makes several renditions
        super().__init__(source)

    def get_hash(self):
        return rendition_hash(self.source.name, self.kind, self.width, self.format)

    @property
    def cachefile_name(self):
        return rendition_name(self.source.name, self.kind, self.width, self.format)

    def generate(self):
        image = self.prepared
        if image is None:
            with self.source.open("rb"), open_image(self.source) as opened:
                image = for_resizing(upright(opened))
        width, height = rendition_size(self.kind, *image.size, self.width)
        if KINDS[self.kind].square:
            side = min(image.size)
            left = (image.width - side) / 2
            top = (image.height - side) * SQUARE_CROP_TOP
            box = (left, top, left + side, top + side)
        else:
            box = None
        resized = image.resize((width, height), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
        resized.info = dict(image.info)
        # pilkit composes transparency onto white for JPEG and keeps it for PNG and WebP.
        return save_image(resized, io.BytesIO(), self.format, self.options)


register.generator(GENERATOR_ID, Rendition)


@dataclass(frozen=True)
class Candidate:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    """What a page needs to show an image: its renditions in WebP and in the fallback format,
    narrowest first."""

    webp: list
    fallback: list

    @property
    def largest(self):
        return self.fallback[-1]


def _dimensions(file):
    field = file.field
    return getattr(file.instance, field.width_field), getattr(file.instance, field.height_field)


def _cache_files(file, kind, widths, formats):
    for image_format in formats:
        for width in widths:
            spec = generator_registry.get(
                GENERATOR_ID, source=file, kind=kind, width=width, format=image_format
            )
            yield image_format, width, ImageCacheFile(spec)


def picture(file, kind=None):
    """The renditions of an image field's file, or None when there are none to show.

    Reads only the row: the widths come from the stored width and height, the names from the
    file's name, and the URLs from the storage without asking it whether the files are there.
    """
    if not file:
        return None
    kind = kind or file.field.kind
    width, height = _dimensions(file)
    widths = rendition_widths(kind, width, height)
    if not widths:
        return None
    fallback_format = KINDS[kind].fallback_format(file.name)
    # The names and URLs of the renditions' ImageCacheFiles (the Optimistic strategy checks and
    # makes nothing for a URL), without building a spec and a cache file for each of them.
    storage = get_storage()
    sizes = [rendition_size(kind, width, height, w) for w in widths]

    def candidates(image_format):
        return [
            Candidate(storage.url(rendition_name(file.name, kind, w, image_format)), *size)
            for w, size in zip(widths, sizes, strict=True)
        ]

    return Picture(webp=candidates("WEBP"), fallback=candidates(fallback_format))


def share_image(file):
    """The fallback rendition for sharing cards: the widest up to SHARE_WIDTH, or None."""
    found = picture(file)
    if found is None:
        return None
    fitting = [c for c in found.fallback if c.width <= SHARE_WIDTH]
    return fitting[-1] if fitting else found.fallback[0]


# --- Making them -------------------------------------------------------------------------------


@dataclass
class Outcome:
    created: int = 0
    existing: int = 0
    cleaned: bool = False  # the stored original was re-encoded without its metadata
    missing: bool = False  # the original is not in the storage


def strip_uploads(instance):
    """Replace each newly uploaded image of `instance` by its copy without metadata.

    Called before the row is saved: the file is stored once, already clean."""
    for field in image_fields(type(instance)):
        file = getattr(instance, field.attname)
        if file and not file._committed:
            clean, _size = without_metadata(file.file)
            setattr(instance, field.attname, clean)  # measured again on assignment


def _clean_stored_original(file):
    """Re-encode a stored original that still carries metadata, under the same name.

    Returns its upright (width, height) and whether it was rewritten."""
    with file.open("rb"), open_image(file) as opened:
        size, dirty = upright_size(opened), has_metadata(opened)
    if not dirty:
        return size, False
    with file.open("rb"):
        clean, size = without_metadata(file.file)
    file.storage.delete(file.name)
    saved = file.storage.save(file.name, clean)
    if saved != file.name:  # the storage would not reuse the name: follow it
        file.name = saved
    return size, True


def ensure_renditions(instance, *, force=False, check_original=False, fields=None):
    """Make the renditions `instance`'s images lack (all of them with `force`).

    Fills in an image's width and height when they are unknown, and, when they are unknown or
    with `check_original`, first strips metadata left in a stored original. Writes those
    columns with an UPDATE, so that no revision or timestamp records the upkeep.
    Returns an Outcome per image field that holds a file.
    """
    outcomes = {}
    for field in image_fields(type(instance)):
        if fields is not None and field.name not in fields:
            continue
        file = getattr(instance, field.attname)
        if not file:
            continue
        outcomes[field.name] = outcome = Outcome()
        if not file.storage.exists(file.name):
            outcome.missing = True
            continue
        width, height = _dimensions(file)
        if check_original or not width or not height:
            name = file.name
            (width, height), outcome.cleaned = _clean_stored_original(file)
            changes = {field.width_field: width, field.height_field: height}
            if file.name != name:
                changes[field.attname] = file.name
            if any(getattr(instance, key) != value for key, value in changes.items()):
                for key, value in changes.items():
                    setattr(instance, key, value)
                manager = type(instance)._default_manager.using(instance._state.db)
                manager.filter(pk=instance.pk).update(**changes)
        outcome.created, outcome.existing = _make(
            file, field.kind, width, height, force or outcome.cleaned
        )
    return outcomes


def _make(file, kind, width, height, force):
    widths = rendition_widths(kind, width, height)
    formats = ["WEBP", KINDS[kind].fallback_format(file.name)]
    cache_files = [
        cache_file for _format, _w, cache_file in _cache_files(file, kind, widths, formats)
    ]
    if not cache_files:
        return 0, 0
    stored = _stored_renditions(cache_files[0])
    wanted = [f for f in cache_files if force or f.name not in stored]
    if not wanted:
        return 0, len(cache_files)
    with file.open("rb"), open_image(file) as opened:
        prepared = for_resizing(upright(opened))
    for cache_file in wanted:
        if cache_file.name in stored:
            cache_file.storage.delete(cache_file.name)  # else the storage picks another name
        cache_file.generator.prepared = prepared
        cache_file.generate(force=True)
    return len(wanted), len(cache_files) - len(wanted)


def _stored_renditions(cache_file):
    """The names stored in the folder of an original's renditions: one listing, rather than a
    request per rendition when the storage is a bucket."""
    folder = posixpath.dirname(cache_file.name)
    try:
        _folders, files = cache_file.storage.listdir(folder)
    except FileNotFoundError:  # the file system, before the first rendition
        return set()
    return {posixpath.join(folder, name) for name in files}
