"""Uploads in an S3-compatible bucket (NEWSROOM_MEDIA_STORAGE=s3; settings: s3_media_storage()).

Renditions are named after their original and the way they were made (newsroom/images.py), so a
rendition's name never points at other pixels: browsers and the CDN may keep them for a year.
An original can be rewritten under its name (make_renditions strips metadata an older one still
carries), so copies of it are kept for a day only.
"""

import mimetypes

from django.conf import settings
from storages.backends.s3 import S3Storage

RENDITION_CACHE_CONTROL = "public, max-age=31536000, immutable"
ORIGINAL_CACHE_CONTROL = "public, max-age=86400"


class MediaStorage(S3Storage):
    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        # `name` carries the bucket prefix (AWS_LOCATION) here.
        relative = name.removeprefix(f"{self.location}/") if self.location else name
        rendition = relative.startswith(f"{settings.IMAGEKIT_CACHEFILE_DIR}/")
        parameters.setdefault(
            "CacheControl", RENDITION_CACHE_CONTROL if rendition else ORIGINAL_CACHE_CONTROL
        )
        # From the name, never from what an uploading browser claimed the file was.
        parameters.setdefault(
            "ContentType", mimetypes.guess_type(relative)[0] or "application/octet-stream"
        )
        return parameters
