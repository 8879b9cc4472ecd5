from django.urls import path

from points import api, views

urlpatterns = [
    path("ranking/", views.ranking, name="ranking"),
    path("my/", views.my_points, name="my-points"),
    path("my/report/", views.self_report, name="self-report"),
    path("correction/", views.correction, name="correction"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
]

api_urlpatterns = [
    path("rules/", api.RuleListApi.as_view(), name="rules"),
    path("quarters/", api.PublishedQuarterListApi.as_view(), name="quarters"),
    path("quarters/<str:quarter>/", api.PublishedQuarterApi.as_view(), name="quarter"),
    path("quarters/<str:quarter>/ranking/", api.PublishedRankingApi.as_view(), name="ranking"),
    path("totals/", api.TotalsApi.as_view(), name="totals"),
    path("entries/", api.EntryListApi.as_view(), name="entries"),
    path("entries/<int:pk>/", api.EntryDetailApi.as_view(), name="entry"),
    path("entries/<int:pk>/verify/", api.EntryVerifyApi.as_view(), name="entry-verify"),
    path("entries/<int:pk>/reject/", api.EntryRejectApi.as_view(), name="entry-reject"),
    path("entries/<int:pk>/reverse/", api.EntryReverseApi.as_view(), name="entry-reverse"),
    path("self-reports/", api.SelfReportCreateApi.as_view(), name="self-report"),
]
