"""Site pages (mounted at /suggestions/, namespace "suggestions") and API (at
/api/v1/suggestions/, namespace "suggestions-api")."""

from django.urls import path

from suggestions import api, views

urlpatterns = [
    path("", views.suggestion_list, name="list"),
    path("<int:pk>/", views.suggestion_detail, name="detail"),
    path("ranking/", views.unit_ranking, name="ranking"),
    path("my/", views.my_suggestions, name="mine"),
    path("my/awaiting/", views.awaiting_grades, name="awaiting"),
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

api_urlpatterns = [
    path("published/", api.PublishedSuggestionListApi.as_view(), name="published-list"),
    path("published/<int:pk>/", api.PublishedSuggestionDetailApi.as_view(), name="published-detail"),
    path("suggestions/", api.SuggestionListCreateApi.as_view(), name="suggestion-list"),
    path("suggestions/<int:pk>/", api.SuggestionDetailApi.as_view(), name="suggestion-detail"),
    path("suggestions/<int:pk>/edit/", api.SuggestionEditApi.as_view(), name="suggestion-edit"),
    path("suggestions/<int:pk>/submit/", api.SuggestionSubmitApi.as_view(), name="suggestion-submit"),
    path("suggestions/<int:pk>/register/", api.SuggestionRegisterApi.as_view(), name="suggestion-register"),
    path("suggestions/<int:pk>/reject/", api.SuggestionRejectApi.as_view(), name="suggestion-reject"),
    path("suggestions/<int:pk>/assign/", api.SuggestionAssignApi.as_view(), name="suggestion-assign"),
    path("suggestions/<int:pk>/publish/", api.SuggestionPublishApi.as_view(), name="suggestion-publish"),
    path("open-for-cosigning/", api.OpenForCosigningApi.as_view(), name="open-for-cosigning-list"),
    path("open-for-cosigning/<int:pk>/cosign/", api.CosignApi.as_view(), name="open-for-cosigning-cosign"),
    path("handlings/", api.HandlingListApi.as_view(), name="handling-list"),
    path("handlings/<int:pk>/", api.HandlingDetailApi.as_view(), name="handling-detail"),
    path("handlings/<int:pk>/reply/", api.HandlingReplyApi.as_view(), name="handling-reply"),
    path("handlings/<int:pk>/report-implementation/", api.HandlingReportImplementationApi.as_view(),
         name="handling-report-implementation"),
    path("handlings/<int:pk>/grade/", api.HandlingGradeApi.as_view(), name="handling-grade"),
    path("handlings/<int:pk>/open-follow-up/", api.HandlingSuperviseFollowUpApi.as_view(),
         name="handling-open-follow-up"),
    path("handlings/<int:pk>/close-follow-up/", api.HandlingCloseFollowUpApi.as_view(),
         name="handling-close-follow-up"),
    path("ranking/", api.PublishedRankingApi.as_view(), name="ranking"),
    path("statistics/", api.StatisticsApi.as_view(), name="statistics"),
]
