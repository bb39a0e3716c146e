"""What an uploaded image must be before anything else is done with it.

Only Pillow's JPEG, PNG and WebP decoders ever read an upload (images.open_image): a file in any
other format (EPS, PSD, PDF, TIFF, GIF, BMP, FITS, ...) is refused as unreadable before another
decoder sees it. The format found must be the one the file's name and declared type say; the
file has a size limit in bytes, and a limit in pixels counted over all of its frames, checked on
the header before anything is decoded. What passes is then decoded once here, so that a truncated
or corrupt file is a form error rather than a failure when it is saved (and re-encoded: images.py).
"""

import posixpath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from .images import open_image

IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
validate_image_extension = FileExtensionValidator(IMAGE_EXTENSIONS)

FORMAT_OF_EXTENSION = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
# Media types a browser may declare for each; any other declared type is left to the checks above.
FORMAT_OF_TYPE = {
    "image/jpeg": "JPEG",
    "image/jpg": "JPEG",
    "image/pjpeg": "JPEG",
    "image/png": "PNG",
    "image/x-png": "PNG",
    "image/webp": "WEBP",
}
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# Set on an uploaded file once it has passed, so that the form field and the model field, which
# both validate it, decode it once.
CHECKED = "_newsroom_image_checked"


@deconstructible
class ImageUploadValidator:
    """Refuse uploads too large in bytes or pixels (decompression bombs), in another format than
    JPEG, PNG or WebP, in another format than their name says, or not really images."""

    def __call__(self, upload):
        if getattr(upload, "_committed", False):
            return  # a stored file (the form kept the current image): checked when it came
        # From a form, the uploaded file; from a model field, the FieldFile holding it.
        uploaded = upload if hasattr(upload, "content_type") else getattr(upload, "file", None)
        if getattr(uploaded, CHECKED, False):
            return
        max_bytes = settings.NEWSROOM_MAX_IMAGE_BYTES
        if upload.size and upload.size > max_bytes:
            raise ValidationError(
                _("The image is %(size)s; the limit is %(limit)s."),
                code="image_too_large",
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(max_bytes),
                },
            )
        position = upload.tell() if hasattr(upload, "tell") else None
        try:
            upload.seek(0)
            image_format = self.check_content(upload)
        finally:
            if position is not None:
                upload.seek(position)
        self.check_name(upload, uploaded, image_format)
        if uploaded is not None:
            setattr(uploaded, CHECKED, True)

    def check_content(self, upload):
        """Open the file with the allowed decoders only, check its size in pixels, decode it.
        Returns its format."""
        limit = settings.NEWSROOM_MAX_IMAGE_PIXELS
        too_many = None
        try:
            with open_image(upload) as image:
                width, height = image.size
                frames = getattr(image, "n_frames", 1)
                if width * height * frames > limit:
                    too_many = {"width": width, "height": height, "frames": frames}
                else:
                    image.load()  # a truncated or corrupt file fails here, not when saved
                image_format = image.format
        except UnidentifiedImageError as exc:
            raise ValidationError(
                _("Upload a JPEG, PNG or WebP image."), code="invalid_image_format"
            ) from exc
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            # Pillow's own limit, far above ours: refused from the header, before any decoding.
            raise ValidationError(
                _("The image has far more pixels than the %(limit)s megapixels allowed."),
                code="image_too_many_pixels",
                params={"limit": limit // 1_000_000},
            ) from exc
        except Exception as exc:  # whatever a malformed file makes a decoder raise
            raise ValidationError(
                _("The file is not a readable image."), code="invalid_image"
            ) from exc
        if too_many and too_many["frames"] == 1:
            raise ValidationError(
                _("The image is %(width)s×%(height)s pixels; it must be smaller."),
                code="image_too_many_pixels",
                params=too_many,
            )
        if too_many:
            raise ValidationError(
                _(
                    "The animation has %(frames)s frames of %(width)s×%(height)s pixels, more "
                    "than the %(limit)s megapixels allowed in all."
                ),
                code="image_too_many_pixels",
                params={**too_many, "limit": limit // 1_000_000},
            )
        return image_format

    def check_name(self, upload, uploaded, image_format):
        """The format found must be the one the file's name, and its declared type, say."""
        extension = posixpath.splitext(upload.name or "")[1].lstrip(".").lower()
        declared = (getattr(uploaded, "content_type", None) or "").split(";")[0].strip().lower()
        expected = [FORMAT_OF_EXTENSION.get(extension), FORMAT_OF_TYPE.get(declared)]
        if any(found and found != image_format for found in expected):
            raise ValidationError(
                _(
                    "The file is a %(format)s image, but its name or type says otherwise; "
                    "save it again as a .%(extension)s file."
                ),
                code="image_format_mismatch",
                params={
                    "format": FORMAT_NAMES[image_format],
                    "extension": "jpg" if image_format == "JPEG" else image_format.lower(),
                },
            )

    def __eq__(self, other):
        return isinstance(other, ImageUploadValidator)


validate_image_upload = ImageUploadValidator()
IMAGE_VALIDATORS = [validate_image_extension, validate_image_upload]
