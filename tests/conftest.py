import json
import logging
import uuid

import pytest
from django.conf import settings
from django.utils import translation

from config.settings.base import media_base_url, s3_media_storage


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "pw-editor-123"
    )
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture(autouse=True)
def english_to_begin_with():
    """Each test starts in the default language; a request to /ru/ activates Russian in the
    test's thread, as in a server's, and must not leak into the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


# --- S3: moto's emulator on loopback ------------------------------------------------------------

S3_REGION = "us-east-1"
# The emulator takes any keys; real ones never come near the tests.
S3_KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3 server on a free port of 127.0.0.1, for the whole run."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


class Bucket:
    """A bucket of the emulator, read with boto3 directly (not through the site's storage)."""

    def __init__(self, endpoint, name):
        import boto3

        self.endpoint, self.name = endpoint, name
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=S3_REGION,
            aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"],
        )

    @property
    def env(self):
        """The variables that point a site at this bucket (NEWSROOM_MEDIA_STORAGE=s3)."""
        return {
            "NEWSROOM_MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": self.name,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": S3_REGION,
            **S3_KEYS,
        }

    def keys(self, prefix=""):
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.name, Prefix=prefix
        )
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def read(self, key):
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def head(self, key):
        return self.client.head_object(Bucket=self.name, Key=key)

    def empty(self):
        for key in self.keys():
            self.client.delete_object(Bucket=self.name, Key=key)


@pytest.fixture
def s3_bucket(s3_endpoint):
    """A new, empty bucket whose objects anyone may read, as a site's media bucket; removed
    afterwards."""
    bucket = Bucket(s3_endpoint, f"newsroom-{uuid.uuid4().hex[:16]}")
    bucket.client.create_bucket(Bucket=bucket.name)
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket.name}/*",
            }
        ],
    }
    bucket.client.put_bucket_policy(Bucket=bucket.name, Policy=json.dumps(public_read))
    yield bucket
    bucket.empty()
    bucket.client.delete_bucket(Bucket=bucket.name)


@pytest.fixture
def s3_media(settings, s3_bucket, monkeypatch):
    """Uploads and renditions go to `s3_bucket`, configured as NEWSROOM_MEDIA_STORAGE=s3 does."""
    for name, value in S3_KEYS.items():
        monkeypatch.setenv(name, value)
    storage = s3_media_storage(s3_bucket.env)
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.MEDIA_URL = media_base_url(storage)
    return s3_bucket
