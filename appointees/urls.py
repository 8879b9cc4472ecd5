from django.urls import path

from appointees import api, views

urlpatterns = [
    path("", views.index, name="index"),
    path("draws/", views.draw_list, name="draw-list"),
    path("draws/new/", views.draw_new, name="draw-new"),
    path("draws/<int:pk>/", views.draw_detail, name="draw-detail"),
    path("draws/<int:pk>/reveal/", views.draw_reveal_page, name="draw-reveal"),
    path("draws/<int:pk>/redraw/", views.draw_redo_page, name="draw-redo"),
    path("reports/", views.report_list, name="report-list"),
    path("reports/submit/", views.report_submit, name="report-submit"),
    path("reports/overdue/", views.report_overdue, name="report-overdue"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/document/", views.report_document, name="report-document"),
    path("reports/<int:pk>/publish/", views.report_publish, name="report-publish"),
    path("ratings/", views.rating_list, name="rating-list"),
    path("ratings/new/", views.rating_new, name="rating-new"),
    path("ratings/<int:pk>/", views.rating_detail, name="rating-detail"),
    path("ratings/<int:pk>/open/", views.rating_open, name="rating-open"),
    path("ratings/<int:pk>/close/", views.rating_close, name="rating-close"),
    path("ratings/<int:pk>/projector/", views.rating_projector, name="rating-projector"),
    path("ratings/<int:pk>/status/", views.rating_status, name="rating-status"),
    path("ratings/<int:pk>/report/", views.rating_report, name="rating-report"),
    path("rate/", views.rate_list, name="rate-list"),
    path("rate/<int:pk>/", views.rate, name="rate"),
]

api_urlpatterns = [
    path("appointees/", api.AppointeeListApi.as_view(), name="appointees"),
    path("reports/", api.DutyReportListApi.as_view(), name="reports"),
    path("reports/submit/", api.DutyReportSubmitApi.as_view(), name="report-submit"),
    path("reports/<int:pk>/publish/", api.DutyReportPublishApi.as_view(), name="report-publish"),
    path("draws/", api.DrawListApi.as_view(), name="draws"),
    path("draws/commit/", api.DrawCommitApi.as_view(), name="draw-commit"),
    path("draws/<int:pk>/", api.DrawDetailApi.as_view(), name="draw"),
    path("draws/<int:pk>/reveal/", api.DrawRevealApi.as_view(), name="draw-reveal"),
    path("draws/<int:pk>/redraw/", api.DrawRedoApi.as_view(), name="draw-redo"),
    path("ratings/", api.RatingSessionListApi.as_view(), name="ratings"),
    path("ratings/<int:pk>/results/", api.RatingResultsApi.as_view(), name="rating-results"),
    path("ratings/<int:pk>/open/", api.RatingOpenApi.as_view(), name="rating-open"),
    path("ratings/<int:pk>/close/", api.RatingCloseApi.as_view(), name="rating-close"),
    path("ratings/<int:pk>/ballot/", api.RatingBallotApi.as_view(), name="rating-ballot"),
]
