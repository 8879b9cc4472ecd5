from django.urls import path

from liaison import api, views

urlpatterns = [
    path("", views.directory, name="directory"),
    path("figures/", views.figures, name="figures"),
    path("stations/<int:pk>/", views.station_detail, name="station"),
    path("stations/<int:pk>/bulletin/", views.bulletin, name="bulletin"),
    path("work/", views.work, name="work"),
    path("work/<int:pk>/", views.station_work, name="station-work"),
    path("work/<int:pk>/meetings/new/", views.meeting_new, name="meeting-new"),
    path("work/<int:pk>/receptions/new/", views.reception_new, name="reception-new"),
    path("work/<int:pk>/issues/new/", views.issue_new, name="issue-new"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/details/", views.meeting_details, name="meeting-details"),
    path("meetings/<int:pk>/attendance/", views.meeting_attendance, name="meeting-attendance"),
    path("meetings/<int:pk>/topics/", views.topic_add, name="topic-add"),
    path("meetings/<int:pk>/topics/<int:topic_pk>/remove/", views.topic_remove, name="topic-remove"),
    path("meetings/<int:pk>/confirm/", views.meeting_confirm, name="meeting-confirm"),
    path("issues/<int:pk>/", views.issue, name="issue"),
    path("issues/<int:pk>/start/", views.issue_start, name="issue-start"),
    path("issues/<int:pk>/escalate/", views.issue_escalate, name="issue-escalate"),
    path("issues/<int:pk>/follower/", views.issue_follower, name="issue-follower"),
    path("issues/<int:pk>/resolve/", views.issue_resolve, name="issue-resolve"),
    path("issues/<int:pk>/close/", views.issue_close, name="issue-close"),
    path("issues/<int:pk>/withdraw-resolution/", views.issue_withdraw_resolution, name="issue-withdraw-resolution"),
    path("my/", views.my_liaison, name="my"),
]

api_urlpatterns = [
    path("stations/", api.StationListApi.as_view(), name="stations"),
    path("stations/<int:pk>/", api.StationDetailApi.as_view(), name="station"),
    path("figures/", api.FiguresApi.as_view(), name="figures"),
    path("meetings/", api.MeetingListCreateApi.as_view(), name="meetings"),
    path("meetings/<int:pk>/", api.MeetingDetailApi.as_view(), name="meeting"),
    path("meetings/<int:pk>/attendance/", api.MeetingAttendanceApi.as_view(), name="meeting-attendance"),
    path("meetings/<int:pk>/topics/", api.TopicAddApi.as_view(), name="topic-add"),
    path("meetings/<int:pk>/confirm/", api.MeetingConfirmApi.as_view(), name="meeting-confirm"),
    path("issues/", api.IssueListApi.as_view(), name="issues"),
    path("issues/<int:pk>/", api.IssueDetailApi.as_view(), name="issue"),
    path("issues/<int:pk>/start/", api.IssueStartApi.as_view(), name="issue-start"),
    path("issues/<int:pk>/escalate/", api.IssueEscalateApi.as_view(), name="issue-escalate"),
    path("issues/<int:pk>/resolve/", api.IssueResolveApi.as_view(), name="issue-resolve"),
    path("issues/<int:pk>/close/", api.IssueCloseApi.as_view(), name="issue-close"),
    path("receptions/", api.ReceptionListApi.as_view(), name="receptions"),
]
