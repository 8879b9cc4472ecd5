"""Private uploads: evidence of self-reported activities, attachments of supervision clues.
They are stored outside MEDIA_ROOT (settings.STORAGES["private"], no URL of their own) and are
handed out only by views that first fetch the owning record through its for_user() scope."""

from __future__ import annotations

from pathlib import PurePath

from django.core.files.storage import storages
from django.http import FileResponse, Http404


def private_storage():
    """Storage callable for FileField(storage=private_storage): resolved at run time, so tests and
    deployments can point PRIVATE_MEDIA_ROOT elsewhere."""
    return storages["private"]


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
    return response
