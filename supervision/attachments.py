"""What a clue attachment may be: checked from the file's own bytes, never from its name or the
browser's claim. A small local check until congress offers a shared content validator."""

from __future__ import annotations

import filetype
from django.conf import settings
from django.utils.translation import gettext as _

from congress.errors import DomainError

# Detected MIME type -> the file name extensions that may carry it.
ALLOWED_TYPES = {
    "application/pdf": {"pdf"},
    "image/jpeg": {"jpg", "jpeg"},
    "image/png": {"png"},
    "image/webp": {"webp"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"xlsx"},
}


def attachment_check(upload) -> str:
    """The upload's content type if it is an allowed kind within the size limit; else DomainError.
    Reads only the first bytes, so a huge file is refused before any heavy work."""
    limit = settings.SUPERVISION_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise DomainError(_("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}, field="attachment")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if kind is None or kind.mime not in ALLOWED_TYPES or extension not in ALLOWED_TYPES[kind.mime]:
        raise DomainError(_("Only PDF, JPEG, PNG, WebP, Word (docx) and Excel (xlsx) files are accepted, "
                            "and the file's content must match its name."), field="attachment")
    return kind.mime
