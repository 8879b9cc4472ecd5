"""Uploads are judged by their bytes: a file whose content is not what the field accepts is
refused whatever its name or Content-Type, and an accepted file is stored under a name of ours."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from congress.files import UploadTo, UploadValidator, validate_image, validate_upload
from congress.testing import bad_uploads, sample_jpeg, sample_pdf, sample_png


@pytest.mark.parametrize(("name", "content"), bad_uploads(), ids=lambda value: str(value)[:20])
def test_hostile_files_are_refused_whatever_their_name(name, content, security_figures):
    security_figures.add("bad files tried")
    upload = SimpleUploadedFile(name, content, "image/png")
    try:
        validate_upload(upload)
    except ValidationError as error:
        assert error.messages[0]
    else:
        security_figures.add("bad files accepted")
        pytest.fail(f"{name} was accepted")


@pytest.mark.parametrize(("name", "content"), [("photo.png", sample_png()), ("IMG_0001.JPG", sample_jpeg()),
                                               ("扫描件.pdf", sample_pdf()), ("blob", sample_png())])
def test_real_photos_and_pdfs_pass(name, content):
    validate_upload(SimpleUploadedFile(name, content))


def test_a_pdf_is_not_a_photo():
    with pytest.raises(ValidationError, match="JPG"):
        validate_image(SimpleUploadedFile("photo.jpg", sample_pdf()))


def test_the_size_limit_is_a_setting(settings):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile("photo.png", sample_png() + b"\0" * 200))
    assert refused.value.code == "too_large"
    UploadValidator(max_bytes=10_000)(SimpleUploadedFile("photo.png", sample_png()))


def test_the_stored_name_is_ours_with_the_extension_of_the_content():
    from congress.tests.factories import DeputyFactory

    deputy = DeputyFactory.build()
    deputy.photo = SimpleUploadedFile("../../etc/passwd.html", sample_jpeg())
    name = UploadTo("deputies/")(deputy, "../../etc/passwd.html")
    assert name.startswith("deputies/") and name.endswith(".jpg")
    assert ".." not in name and "passwd" not in name
