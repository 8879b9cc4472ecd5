"""Site pages (mounted at /suggestions/, namespace "suggestions") and API (at
/api/v1/suggestions/, namespace "suggestions-api")."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from suggestions import api, views

urlpatterns = [
    path("", views.suggestion_list, name="list"),
    path("<int:pk>/", views.suggestion_detail, name="detail"),
    path("ranking/", views.unit_ranking, name="ranking"),
    path("my/", views.my_suggestions, name="mine"),
    path("new/", views.suggestion_new, name="new"),
    path("manage/<int:pk>/", views.suggestion_manage, name="manage"),
    path("manage/<int:pk>/edit/", views.suggestion_edit, name="edit"),
    path("manage/<int:pk>/<slug:step>/", views.suggestion_step, name="step"),
    path("cosign/", views.cosign_list, name="cosign-list"),
    path("cosign/<int:pk>/", views.cosign, name="cosign"),
    path("handlings/", views.handling_list, name="unit-handlings"),
    path("handlings/<int:pk>/", views.handling_detail, name="handling-detail"),
    path("handlings/<int:pk>/<slug:step>/", views.handling_step, name="handling-step"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/<int:year>/workbook/", views.performance_workbook, name="workbook"),
    path("statistics/<int:year>/report/", views.annual_report, name="report"),
]

router = DefaultRouter()
router.register("suggestions", api.SuggestionApi, basename="suggestion")
router.register("open-for-cosigning", api.OpenForCosigningApi, basename="open-for-cosigning")
router.register("handlings", api.HandlingApi, basename="handling")

api_urlpatterns = [
    path("published/", api.PublishedSuggestionListApi.as_view(), name="published-list"),
    path("published/<int:pk>/", api.PublishedSuggestionDetailApi.as_view(), name="published-detail"),
    path("", include(router.urls)),
    path("ranking/", api.PublishedRankingApi.as_view(), name="ranking"),
    path("statistics/", api.StatisticsApi.as_view(), name="statistics"),
]
