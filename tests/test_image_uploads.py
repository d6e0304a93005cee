"""Editors' image uploads: only real raster images of a bounded size; never SVG."""

import io
import os

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

ADD_URL = "/admin/images/add/"
TITLE = "Uploaded by this test"  # the demo's images are in the library too


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (11, 85, 99)).save(buffer, format="PNG")
    return buffer.getvalue()


def uploaded():
    return get_image_model().objects.filter(title=TITLE).exists()


def upload(client, name, content, content_type):
    return client.post(
        ADD_URL,
        {"title": TITLE, "file": SimpleUploadedFile(name, content, content_type)},
    )


def test_a_real_png_is_accepted(admin_client):
    response = upload(admin_client, "calm.png", png_bytes(), "image/png")

    assert response.status_code == 302
    assert uploaded()


def test_svg_uploads_are_refused(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

    response = upload(admin_client, "logo.svg", svg, "image/svg+xml")

    assert response.status_code == 200
    assert "Not a supported image format" in response.content.decode()
    assert not uploaded()


def test_a_file_that_only_claims_to_be_an_image_is_refused(admin_client):
    response = upload(admin_client, "fake.png", b"<html>not an image</html>", "image/png")

    assert response.status_code == 200
    assert not uploaded()


def test_images_over_the_10_mb_limit_are_refused(admin_client):
    # Random pixels do not compress: this PNG is larger than the 10 MB limit in settings.
    noise = PILImage.frombytes("RGB", (2100, 1800), os.urandom(2100 * 1800 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG", compress_level=0)
    assert len(buffer.getvalue()) > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE

    response = upload(admin_client, "big.png", buffer.getvalue(), "image/png")

    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not uploaded()
