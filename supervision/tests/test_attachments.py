"""Clue attachments: type checked from the file's bytes, size limited, kept in private storage and
handed out only within the user's scope (staff; an organ liaison when staff made it visible)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congress.errors import DomainError
from congress.testing import sample_png
from supervision import services
from supervision.models import Clue, ClueAttachment
from supervision.tests.factories import ClueFactory, SharedClueFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = sample_png()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_a_pdf_is_stored_privately(staff, settings):
    clue = ClueFactory()
    attachment = services.clue_attach(clue=clue, upload=upload("举报材料.pdf", PDF), attached_by=staff)
    assert attachment.content_type == "application/pdf" and attachment.size == len(PDF)
    # outside MEDIA_ROOT: no URL of the portal serves it; only the scoped view hands it out
    assert not attachment.file.path.startswith(str(settings.MEDIA_ROOT))
    assert attachment.file.read() == PDF


@pytest.mark.parametrize(("name", "content"), [
    ("evil.pdf", b"<html><script>alert(1)</script></html>"),   # claims PDF, is HTML
    ("run.exe", b"MZ\x90\x00" + b"\x00" * 100),
])
def test_content_that_does_not_match_is_refused(staff, name, content):
    clue = ClueFactory()
    with pytest.raises(DomainError):
        services.clue_attach(clue=clue, upload=upload(name, content), attached_by=staff)
    assert not ClueAttachment.objects.exists()


def test_a_png_named_pdf_is_kept_as_the_png_it_is(staff):
    """Names are never trusted: the type comes from the bytes, and the stored name is the portal's."""
    attachment = services.clue_attach(clue=ClueFactory(), upload=upload("photo.pdf", PNG), attached_by=staff)
    assert attachment.content_type == "image/png"
    assert "photo" not in attachment.file.name


def test_a_large_file_is_refused_before_reading(staff, settings):
    settings.SUPERVISION_ATTACHMENT_MAX_BYTES = 1024
    clue = ClueFactory()
    with pytest.raises(DomainError, match="larger"):
        services.clue_attach(clue=clue, upload=upload("big.pdf", PDF + b"0" * 2000), attached_by=staff)
    assert not ClueAttachment.objects.exists()


def test_a_bad_attachment_on_a_new_clue_saves_no_clue(client, staff):
    client.force_login(staff)
    response = client.post(reverse("supervision:clue-new"), {
        "received_on": "2020-03-01", "source": "citizen", "category": "land", "title": "闲置土地",
        "description": "地块闲置", "reporter_name": "王某", "attachment": io.BytesIO(b"not a pdf") and
        upload("a.pdf", b"not a pdf")})
    assert response.status_code == 400
    assert "PDF" in response.content.decode()
    assert not Clue.objects.exists()


def test_download_is_scoped(client, staff, liaison):
    clue = SharedClueFactory()
    hidden = services.clue_attach(clue=clue, upload=upload("来信.pdf", PDF), attached_by=staff)
    shown = services.clue_attach(clue=clue, upload=upload("照片.png", PNG), visible_to_organs=True, attached_by=staff)
    client.force_login(staff)
    response = client.get(reverse("supervision:attachment", args=[hidden.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    client.force_login(liaison)
    assert client.get(reverse("supervision:attachment", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("supervision:attachment", args=[shown.pk])).status_code == 200
    page = client.get(reverse("supervision:clue-detail", args=[clue.pk])).content.decode()
    assert "照片.png" in page and "来信.pdf" not in page
    client.logout()
    assert client.get(reverse("supervision:attachment", args=[shown.pk])).status_code == 302
