"""The portal's URLs plus views that break, refuse without a message and cannot read their request
(test_error_pages)."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path

from congress.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def broken(request):
    raise RuntimeError("secret detail")


def refused(request):
    raise PermissionDenied


def unreadable(request):
    raise BadRequest("secret detail")


urlpatterns = [path("broken/", broken), path("refused/", refused), path("unreadable/", unreadable),
               path("api/v1/refused/", refused), *urlpatterns]
