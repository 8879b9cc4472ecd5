from django.urls import path

from projects import api, views

urlpatterns = [
    path("", views.index, name="index"),
    path("ballots/<int:pk>/", views.ballot_detail, name="ballot"),
    path("ballots/<int:pk>/projector/", views.projector, name="projector"),
    path("ballots/<int:pk>/projector.json", views.projector_data, name="projector-data"),
    path("ballots/<int:pk>/vote/", views.ballot_vote, name="vote"),
    path("ballots/<int:pk>/review/", views.ballot_review, name="review"),
    path("key/<int:pk>/", views.project_detail, name="project"),
    path("key/<int:pk>/report/", views.report_submit, name="report"),
    path("micro/", views.micro_list, name="micro"),
    path("my/ballots/", views.my_ballots, name="my-ballots"),
    path("surveys/<int:pk>/rate/", views.survey_rate_page, name="rate"),
    path("unit/", views.unit_projects, name="unit-projects"),
]

api_urlpatterns = [
    path("ballots/", api.BallotListApi.as_view(), name="ballots"),
    path("ballots/<int:pk>/", api.BallotDetailApi.as_view(), name="ballot"),
    path("ballots/<int:pk>/cast/", api.BallotCastApi.as_view(), name="ballot-cast"),
    path("ballots/<int:pk>/open/", api.BallotOpenApi.as_view(), name="ballot-open"),
    path("ballots/<int:pk>/close/", api.BallotCloseApi.as_view(), name="ballot-close"),
    path("key-projects/", api.ProjectListApi.as_view(), name="projects"),
    path("key-projects/statistics/", api.ProjectStatisticsApi.as_view(), name="statistics"),
    path("key-projects/<int:pk>/", api.ProjectDetailApi.as_view(), name="project"),
    path("key-projects/<int:pk>/reports/", api.ReportSubmitApi.as_view(), name="report-submit"),
    path("reports/<int:pk>/approve/", api.ReportApproveApi.as_view(), name="report-approve"),
    path("reports/<int:pk>/return/", api.ReportReturnApi.as_view(), name="report-return"),
    path("surveys/<int:pk>/rate/", api.SurveyRateApi.as_view(), name="survey-rate"),
    path("micro-projects/", api.MicroListApi.as_view(), name="micro-projects"),
    path("micro-projects/statistics/", api.MicroStatisticsApi.as_view(), name="micro-statistics"),
]
