"""Buckets of moto's S3 emulator, made and read with boto3 directly (not through the site)."""

import contextlib
import json
import uuid

S3_REGION = "us-east-1"
# The emulator takes any keys; real ones never come near the tests.
S3_KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


class Bucket:
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

    @property
    def url(self):
        """The bucket's address, under which the site's media URLs are."""
        return f"{self.endpoint}/{self.name}/"

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


@contextlib.contextmanager
def media_bucket(endpoint, prefix="newsroom"):
    """A new bucket whose objects anyone may read, as a site's media bucket; removed after."""
    bucket = Bucket(endpoint, f"{prefix}-{uuid.uuid4().hex[:16]}")
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
    try:
        yield bucket
    finally:
        bucket.empty()
        bucket.client.delete_bucket(Bucket=bucket.name)
