"""Uploads: checked by their bytes, stored under names we choose, private ones served only
through scoped views.

- `validate_upload` / `UploadValidator(kinds=..., max_bytes=...)`: the one validator of every
  FileField and ImageField (model, form and serializer). The type comes from the file's bytes
  (`filetype` signatures; Pillow decodes images fully; a PDF must start with `%PDF-` and end with
  `%%EOF`), never from the name or the browser's Content-Type; sizes are settings.
- `UploadTo(prefix)`: upload_to that ignores the uploaded name and stores `<prefix><random>.<ext>`
  with the extension of the detected type.
- `removed_on_error(*field_files)`: a service that saves a file with a row deletes the file again
  when the row is not saved (constraint lost in a race, validation, any error).
- Private uploads (evidence of self-reported activities, clue attachments) are stored outside
  MEDIA_ROOT (settings.STORAGES["private"], no URL of their own) and handed out only by views that
  first fetch the owning record through its for_user() scope (`private_file_response`).
"""

from __future__ import annotations

import contextlib
import posixpath
import uuid
import warnings
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Kinds of upload a field may accept, by the MIME types their bytes may have.
UPLOAD_KINDS: dict[str, dict[str, str]] = {
    "image": {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/heic": "heic"},
    "pdf": {"application/pdf": "pdf"},
    # Office documents (a unit's rectification report, an audit finding) are stored, never opened
    # by the portal: their signature is checked, not their contents.
    "office": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
               "application/msword": "doc", "application/vnd.oasis.opendocument.text": "odt"},
}
# Pillow cannot decode these without a plug-in; their signature is checked, not their pixels.
_SIGNATURE_ONLY = {"image/heic", *UPLOAD_KINDS["office"]}
ALL_EXTENSIONS = {mime: ext for kinds in UPLOAD_KINDS.values() for mime, ext in kinds.items()}
_HEAD_BYTES = 8192


def _kind_names(kinds) -> str:
    names = {"image": "JPG, PNG, WebP, HEIC", "pdf": "PDF", "office": "Word (doc, docx), ODT, Excel (xlsx)"}
    return ", ".join(names.get(kind, kind) for kind in kinds)


def _read(file, start: int, size: int) -> bytes:
    file.seek(start)
    return file.read(size)


def detect_mime(file) -> str | None:
    """The MIME type the file's first bytes say it is (None when no known signature matches)."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        head = _read(file, 0, _HEAD_BYTES)
    finally:
        file.seek(position)
    kind = filetype.guess(head)
    return kind.mime if kind else None


def _check_image(file) -> None:
    from PIL import Image

    max_pixels = settings.UPLOAD_IMAGE_MAX_PIXELS
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                if image.width * image.height > max_pixels:
                    raise ValidationError(_("The image is too large (more than %(pixels)s million pixels).")
                                          % {"pixels": max_pixels // 1_000_000}, code="too_many_pixels")
                image.verify()
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 - any decoder error means "not a readable image"
        raise ValidationError(_("The file is not a readable image."), code="bad_image") from error
    finally:
        file.seek(0)


def _check_pdf(file) -> None:
    size = file.size
    head = _read(file, 0, 5)
    tail = _read(file, max(size - 1024, 0), 1024)
    file.seek(0)
    if head != b"%PDF-" or b"%%EOF" not in tail:
        raise ValidationError(_("The file is not a complete PDF document."), code="bad_pdf")


@deconstructible
class UploadValidator:
    """Accept a file only if its bytes are one of `kinds` ("image", "pdf") and it is at most
    `max_bytes` (default settings.UPLOAD_MAX_BYTES). Use on model fields, form fields and DRF
    serializer fields alike."""

    def __init__(self, kinds=("image", "pdf"), max_bytes: int | None = None):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and (self.kinds, self.max_bytes) == (other.kinds, other.max_bytes)

    def allowed(self) -> dict[str, str]:
        return {mime: ext for kind in self.kinds for mime, ext in UPLOAD_KINDS[kind].items()}

    def __call__(self, file) -> None:
        if not file:
            return
        limit = self.max_bytes or settings.UPLOAD_MAX_BYTES
        if file.size > limit:
            raise ValidationError(_("The file is larger than %(size)s MB.") % {"size": round(limit / 1024 / 1024, 1)},
                                  code="too_large")
        if file.size == 0:
            raise ValidationError(_("The file is empty."), code="empty")
        mime = detect_mime(file)
        if mime not in self.allowed():
            raise ValidationError(_("This file is not of an accepted type (%(kinds)s), whatever its name says.")
                                  % {"kinds": _kind_names(self.kinds)}, code="bad_type")
        if mime == "application/pdf":
            _check_pdf(file)
        elif mime not in _SIGNATURE_ONLY:
            _check_image(file)


validate_upload = UploadValidator()
validate_image = UploadValidator(kinds=("image",))


@deconstructible
class UploadTo:
    """upload_to that never uses the uploaded name: `<prefix with strftime><random hex>.<ext>`,
    the extension that of the type detected from the bytes."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __eq__(self, other):
        return isinstance(other, UploadTo) and self.prefix == other.prefix

    def __call__(self, instance, filename: str) -> str:
        ext = "bin"
        for field in instance._meta.concrete_fields:
            field_file = getattr(instance, field.attname, None)
            if getattr(field, "upload_to", None) == self and field_file and not field_file._committed:
                with contextlib.suppress(Exception):
                    ext = ALL_EXTENSIONS.get(detect_mime(field_file.file), ext)
        folder = timezone.now().strftime(self.prefix)
        return posixpath.join(folder, f"{uuid.uuid4().hex}.{ext}")


@contextlib.contextmanager
def removed_on_error(*field_files):
    """Delete these files from storage if the block raises: a row that was not saved (a lost race
    on a constraint, a validation error) leaves no file behind. Use inside the service's atomic
    block, around the save that writes the file and everything after it that may still fail."""
    try:
        yield
    except BaseException:
        for field_file in field_files:
            name = getattr(field_file, "name", None)
            if name and getattr(field_file, "_committed", False):
                with contextlib.suppress(Exception):
                    field_file.storage.delete(name)
        raise


class _PrivateStorage(Storage):
    """settings.STORAGES["private"], looked up at every call: Django calls a FileField's storage
    callable once, when the model loads, so without this a test's or a deployment's later setting
    (PRIVATE_MEDIA_ROOT) would be ignored."""

    def __getattribute__(self, name):
        if name.startswith("__"):
            return super().__getattribute__(name)
        return getattr(storages["private"], name)


_private = _PrivateStorage()


def private_storage():
    """Storage callable for FileField(storage=private_storage)."""
    return _private


def private_file_response(field_file) -> FileResponse:
    """Send a private file as a download. The caller has already checked the user's scope."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=PurePath(field_file.name).name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
