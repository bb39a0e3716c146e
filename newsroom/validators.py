from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image

IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
validate_image_extension = FileExtensionValidator(IMAGE_EXTENSIONS)


@deconstructible
class ImageUploadValidator:
    """Refuse uploads too large in bytes or pixels (decompression bombs), or not really images."""

    def __call__(self, upload):
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
            with Image.open(upload) as image:
                width, height = image.size
                image_format = image.format
        except (OSError, Image.DecompressionBombError, ValueError) as exc:
            raise ValidationError(
                _("The file is not a readable image."), code="invalid_image"
            ) from exc
        finally:
            if position is not None:
                upload.seek(position)
        if width * height > settings.NEWSROOM_MAX_IMAGE_PIXELS:
            raise ValidationError(
                _("The image is %(width)s×%(height)s pixels; it must be smaller."),
                code="image_too_many_pixels",
                params={"width": width, "height": height},
            )
        if image_format not in {"JPEG", "PNG", "WEBP"}:
            raise ValidationError(
                _("Upload a JPEG, PNG or WebP image."), code="invalid_image_format"
            )

    def __eq__(self, other):
        return isinstance(other, ImageUploadValidator)


validate_image_upload = ImageUploadValidator()
IMAGE_VALIDATORS = [validate_image_extension, validate_image_upload]
