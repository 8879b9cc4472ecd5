"""The portal's URLs plus a view that breaks (test_error_pages)."""

from django.urls import path

from congress.urls import handler400, handler404, handler500, urlpatterns  # noqa: F401


def broken(request):
    raise RuntimeError("secret detail")


urlpatterns = [path("broken/", broken), *urlpatterns]
