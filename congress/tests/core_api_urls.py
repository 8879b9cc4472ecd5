"""The core registry's API alone, so its schema is checked apart from the domain apps'."""

from django.urls import include, path

from congress.urls import router

urlpatterns = [path("api/v1/", include(router.urls))]
