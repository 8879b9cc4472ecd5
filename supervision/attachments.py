"""What a clue attachment may be: the portal's one upload check (congress.files), by the file's
own bytes, never its name or the browser's claim, within the supervision size limit."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from congress.errors import DomainError
from congress.files import detect_mime


def attachment_check(upload) -> str:
    """The upload's content type if it is an accepted kind within the size limit; else DomainError.
    The size is checked before any byte is read, so a huge file is refused before heavy work."""
    from supervision.models import ATTACHMENT_VALIDATOR

    limit = settings.SUPERVISION_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise DomainError(_("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}, field="attachment")
    try:
        ATTACHMENT_VALIDATOR(upload)
    except ValidationError as error:
        raise DomainError(error.messages[0], field="attachment") from None
    return detect_mime(upload) or ""
