"""The livelihood projects API. Public endpoints read what is public (ballot results once
closed, approved progress, collected micro-projects); a deputy casts their ballot and their
rating; staff open and close ballots and decide progress reports; a lead unit reports progress.
Nothing here answers who voted how: a cast returns only that it was cast."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from congress.drf import IdParam, OptionalYearParams, YearParam, guarded, query_params
from congress.guards import require_deputy
from congress.scoping import get_for_user_or_404
from projects import selectors
from projects.models import (
    Ballot,
    KeyProject,
    MicroProject,
    MicroStatus,
    ProgressReport,
    ProposerKind,
    SatisfactionLevel,
    SatisfactionSurvey,
)
from projects.services import (
    CHOICES,
    ballot_cast,
    ballot_close,
    ballot_open,
    progress_report_approve,
    progress_report_return,
    progress_report_submit,
    survey_rate,
)


class IsOfficeStaff(BasePermission):
    def has_permission(self, request, view):
        return bool(getattr(request.user, "is_office_staff", False))


def _int_or_404(value: str) -> int:
    if not str(value).isdigit():
        raise Http404
    return int(value)


# --- ballots --------------------------------------------------------------------------------------------

class ProjectBallotOutput(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    voted = serializers.IntegerField(read_only=True, help_text="ballots cast (turnout)")
    session = serializers.CharField(source="session.title", default=None, read_only=True)
    status = serializers.CharField(help_text="draft, open or closed")

    class Meta:
        model = Ballot
        fields = ["id", "title", "year", "session", "seats", "status", "entitled_count", "voted",
                  "runoff_of_id", "opened_at", "closed_at"]


class BallotListApi(generics.ListAPIView):
    """Opened and closed ballots with their turnout."""

    serializer_class = ProjectBallotOutput
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        return selectors.ballots_public()


class ProjectCandidateOutput(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    order = serializers.IntegerField()
    project_id = serializers.IntegerField()
    title = serializers.CharField(source="project.title")
    lead_unit = serializers.CharField(source="project.lead_unit.display_name")
    budget = serializers.DecimalField(source="project.budget", max_digits=12, decimal_places=2)
    multi_year = serializers.BooleanField(source="project.multi_year")


class ProjectBallotResultOutput(serializers.Serializer):
    rank = serializers.IntegerField()
    project_id = serializers.IntegerField()
    title = serializers.CharField()
    approvals = serializers.IntegerField()
    oppositions = serializers.IntegerField()
    abstentions = serializers.IntegerField()
    majority = serializers.BooleanField(help_text="approvals exceed half of all entitled deputies")
    result_code = serializers.CharField()


BallotDetailOutput = inline_serializer("ProjectBallotDetail", {
    "ballot": ProjectBallotOutput(),
    "turnout_rate": serializers.DecimalField(max_digits=6, decimal_places=4, allow_null=True),
    "candidates": ProjectCandidateOutput(many=True),
    "results": ProjectBallotResultOutput(many=True, help_text="empty until the ballot closes"),
})


class BallotDetailApi(APIView):
    """A ballot's candidates, turnout and, once closed, its result per candidate."""

    permission_classes = [AllowAny]

    @extend_schema(responses=BallotDetailOutput)
    def get(self, request, pk: int):
        ballot = selectors.ballot_get_public(pk=pk)
        turnout = selectors.ballot_turnout(ballot=ballot)
        return Response({
            "ballot": ProjectBallotOutput(ballot).data, "turnout_rate": turnout.rate,
            "candidates": ProjectCandidateOutput(ballot.candidacies.select_related("project__lead_unit")
                                          .order_by("order"), many=True).data,
            "results": ProjectBallotResultOutput(selectors.ballot_result_rows(ballot=ballot), many=True).data,
        })


class ProjectBallotChoiceInput(serializers.Serializer):
    candidate = serializers.IntegerField(help_text="candidate id (from the ballot's candidates)")
    choice = serializers.ChoiceField(choices=CHOICES)


class ProjectBallotCastInput(serializers.Serializer):
    choices = ProjectBallotChoiceInput(many=True, allow_empty=False, max_length=200)


CastOutput = inline_serializer("ProjectBallotCast", {"cast": serializers.BooleanField()})


class BallotCastApi(APIView):
    """A deputy casts their secret ballot: a choice for every candidate, at most `seats`
    approvals. Final; a second ballot is a 409. The answer says only that it was cast."""

    permission_classes = [IsAuthenticated, guarded(require_deputy)]

    @extend_schema(request=ProjectBallotCastInput, responses={201: CastOutput})
    def post(self, request, pk: int):
        ballot = get_for_user_or_404(Ballot.objects.all(), request.user, pk=pk)
        data = ProjectBallotCastInput(data=request.data)
        data.is_valid(raise_exception=True)
        choices = {row["candidate"]: row["choice"] for row in data.validated_data["choices"]}
        ballot_cast(ballot=ballot, choices=choices, cast_by=request.user)
        return Response({"cast": True}, status=status.HTTP_201_CREATED)


class _BallotStaffApi(APIView):
    permission_classes = [IsAuthenticated, IsOfficeStaff]

    def ballot(self, request, pk: int) -> Ballot:
        return get_for_user_or_404(Ballot.objects.all(), request.user, pk=pk)


class BallotOpenApi(_BallotStaffApi):
    @extend_schema(request=None, responses=ProjectBallotOutput)
    def post(self, request, pk: int):
        """Staff: open a ballot in preparation."""
        return Response(ProjectBallotOutput(ballot_open(ballot=self.ballot(request, pk), opened_by=request.user)).data)


class BallotCloseApi(_BallotStaffApi):
    @extend_schema(request=None, responses=ProjectBallotOutput)
    def post(self, request, pk: int):
        """Staff: close an open ballot and count it (a tie at the cut-off creates a run-off ballot)."""
        return Response(ProjectBallotOutput(ballot_close(ballot=self.ballot(request, pk), closed_by=request.user)).data)


# --- key projects -----------------------------------------------------------------------------------------

class KeyProjectOutput(serializers.ModelSerializer):
    lead_unit = serializers.CharField(source="lead_unit.display_name")
    percent = serializers.IntegerField(help_text="latest approved progress, %")
    as_of = serializers.DateField(allow_null=True)
    group_size = serializers.IntegerField()
    inspection_count = serializers.IntegerField()
    status = serializers.CharField(help_text="planned, in_progress, completed or carried_over")

    class Meta:
        model = KeyProject
        fields = ["id", "year", "title", "description", "lead_unit", "budget", "planned_start", "planned_end",
                  "multi_year", "status", "completed_on", "percent", "as_of", "group_size", "inspection_count"]


@extend_schema(parameters=[OptionalYearParams])
class ProjectListApi(generics.ListAPIView):
    """Elected key projects with their progress (latest approved report)."""

    serializer_class = KeyProjectOutput
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        return selectors.projects_progress(year=query_params(self.request, OptionalYearParams).get("year"))


class ProjectReportOutput(serializers.ModelSerializer):
    milestone = serializers.CharField(source="milestone.title", default=None)
    status = serializers.CharField(help_text="submitted, approved or returned")

    class Meta:
        model = ProgressReport
        fields = ["id", "project_id", "reported_on", "percent_complete", "spent", "text", "milestone", "status",
                  "reason", "submitted_at", "decided_at"]


class ProjectPublicReportOutput(serializers.ModelSerializer):
    milestone = serializers.CharField(source="milestone.title", default=None)

    class Meta:
        model = ProgressReport
        fields = ["reported_on", "percent_complete", "spent", "text", "milestone"]


ProjectDetailOutput = inline_serializer("KeyProjectDetail", {
    "id": serializers.IntegerField(), "year": serializers.IntegerField(), "title": serializers.CharField(),
    "lead_unit": serializers.CharField(), "status": serializers.CharField(),
    "milestones": inline_serializer("KeyProjectMilestone", {
        "title": serializers.CharField(), "due_on": serializers.DateField(),
        "reached_on": serializers.DateField(allow_null=True)}, many=True),
    "reports": ProjectPublicReportOutput(many=True),
    "inspections": inline_serializer("KeyProjectInspection", {
        "occurred_on": serializers.DateField(), "findings": serializers.CharField(),
        "participants": serializers.ListField(child=serializers.CharField())}, many=True),
    "quality": inline_serializer("KeyProjectQuality", {
        "evaluator": serializers.CharField(), "score": serializers.DecimalField(max_digits=5, decimal_places=1),
        "grade": serializers.CharField()}, allow_null=True),
})


class ProjectDetailApi(APIView):
    """A public key project: milestones, approved progress, inspections, quality evaluation."""

    permission_classes = [AllowAny]

    @extend_schema(responses=ProjectDetailOutput)
    def get(self, request, pk: int):
        project = selectors.project_get_public(pk=pk)
        quality = project.quality
        return Response({
            "id": project.pk, "year": project.year, "title": project.title,
            "lead_unit": project.lead_unit.display_name, "status": project.status,
            "milestones": [{"title": m.title, "due_on": m.due_on, "reached_on": m.reached_on}
                           for m in project.milestones.all()],
            "reports": ProjectPublicReportOutput(project.approved_reports, many=True).data,
            "inspections": [{"occurred_on": i.occurred_on, "findings": i.findings,
                             "participants": [d.name for d in i.participants.all()]}
                            for i in project.inspections.all()],
            "quality": None if quality is None else {"evaluator": quality.evaluator, "score": quality.score,
                                                     "grade": quality.grade},
        })


StatisticsOutput = inline_serializer("KeyProjectYear", {
    "year": serializers.IntegerField(), "elected": serializers.IntegerField(),
    "completed": serializers.IntegerField(), "carried_over": serializers.IntegerField(),
    "ongoing": serializers.IntegerField(),
    "budget": serializers.DecimalField(max_digits=14, decimal_places=2),
    "completion_rate": serializers.DecimalField(max_digits=6, decimal_places=4, allow_null=True)}, many=True)


class ProjectStatisticsApi(APIView):
    """Per year: elected key projects, completed, carried over, ongoing, completion rate."""

    permission_classes = [AllowAny]

    @extend_schema(responses=StatisticsOutput)
    def get(self, request):
        return Response(selectors.key_project_statistics())


class ProjectReportInput(serializers.Serializer):
    reported_on = serializers.DateField()
    percent_complete = serializers.IntegerField(min_value=0, max_value=100)
    spent = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, default=0)
    text = serializers.CharField(max_length=4000)
    milestone = serializers.IntegerField(required=False, allow_null=True)


class ReportSubmitApi(APIView):
    """The lead unit reports a project's progress; staff approve it before it is public."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=ProjectReportInput, responses={201: ProjectReportOutput})
    def post(self, request, pk: int):
        project = get_for_user_or_404(KeyProject.objects.for_unit(request.user), request.user, pk=pk)
        data = ProjectReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        milestone_id = values.pop("milestone", None)
        milestone = project.milestones.filter(pk=milestone_id).first() if milestone_id else None
        if milestone_id and milestone is None:
            raise serializers.ValidationError({"milestone": ["Not a milestone of this project."]})
        report = progress_report_submit(project=project, milestone=milestone, submitted_by=request.user, **values)
        return Response(ProjectReportOutput(report).data, status=status.HTTP_201_CREATED)


class ProjectReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class _ReportStaffApi(APIView):
    permission_classes = [IsAuthenticated, IsOfficeStaff]

    def report(self, request, pk: int) -> ProgressReport:
        return get_for_user_or_404(ProgressReport.objects.all(), request.user, pk=pk)


class ReportApproveApi(_ReportStaffApi):
    @extend_schema(request=None, responses=ProjectReportOutput)
    def post(self, request, pk: int):
        """Staff: approve a submitted progress report (it becomes public)."""
        return Response(ProjectReportOutput(progress_report_approve(report=self.report(request, pk),
                                                             approved_by=request.user)).data)


class ReportReturnApi(_ReportStaffApi):
    @extend_schema(request=ProjectReasonInput, responses=ProjectReportOutput)
    def post(self, request, pk: int):
        """Staff: return a submitted progress report to the lead unit with a reason."""
        data = ProjectReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        report = progress_report_return(report=self.report(request, pk), returned_by=request.user,
                                        **data.validated_data)
        return Response(ProjectReportOutput(report).data)


class ProjectRatingInput(serializers.Serializer):
    ratings = inline_serializer("ProjectRating", {
        "project": serializers.IntegerField(),
        "rating": serializers.ChoiceField(choices=SatisfactionLevel.choices)}, many=True, allow_empty=False,
        max_length=200)


class SurveyRateApi(APIView):
    """A deputy's secret year-end satisfaction rating of every elected project; final."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=ProjectRatingInput, responses={201: CastOutput})
    def post(self, request, pk: int):
        survey = get_for_user_or_404(SatisfactionSurvey.objects.all(), request.user, pk=pk)
        data = ProjectRatingInput(data=request.data)
        data.is_valid(raise_exception=True)
        survey_rate(survey=survey, rated_by=request.user,
                    ratings={row["project"]: row["rating"] for row in data.validated_data["ratings"]})
        return Response({"cast": True}, status=status.HTTP_201_CREATED)


# --- micro-projects ---------------------------------------------------------------------------------------

class MicroProjectOutput(serializers.ModelSerializer):
    community = serializers.CharField(source="community.name")
    street = serializers.CharField(source="community.street.name")
    station = serializers.CharField(source="station.name")
    proposer = serializers.CharField(source="proposer_display")
    meeting_date = serializers.DateField(source="meeting.held_on", default=None)
    status = serializers.CharField()
    proposer_kind = serializers.CharField(help_text="deputy, residents or organization")
    evaluation = serializers.CharField(help_text="satisfied, basically or dissatisfied; empty until evaluated")

    class Meta:
        model = MicroProject
        fields = ["id", "year", "title", "street", "community", "station", "budget", "proposer_kind", "proposer",
                  "status", "meeting_date", "present", "votes_for", "votes_against", "abstentions",
                  "completed_on", "evaluation"]


class MicroListParams(serializers.Serializer):
    year = YearParam(required=False)
    street = IdParam(required=False)
    community = IdParam(required=False)
    status = serializers.ChoiceField(choices=MicroStatus.choices, required=False)
    proposer_kind = serializers.ChoiceField(choices=ProposerKind.choices, required=False)


@extend_schema(parameters=[MicroListParams])
class MicroListApi(generics.ListAPIView):
    """Community micro-projects (once collected by their station), filterable."""

    serializer_class = MicroProjectOutput
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        return selectors.micro_projects_public(filters=query_params(self.request, MicroListParams))


MicroStatisticsOutput = inline_serializer("MicroProjectStatistics", {
    "id": serializers.IntegerField(allow_null=True), "name": serializers.CharField(),
    "collected": serializers.IntegerField(), "shortlisted": serializers.IntegerField(),
    "passed": serializers.IntegerField(), "completed": serializers.IntegerField(),
    "meetings": serializers.IntegerField(), "deputy_screened": serializers.IntegerField(),
    "deputy_shortlisted": serializers.IntegerField(),
    "completion_rate": serializers.DecimalField(max_digits=6, decimal_places=4, allow_null=True),
    "deputy_shortlisted_rate": serializers.DecimalField(max_digits=6, decimal_places=4, allow_null=True)},
    many=True)


class MicroProjectStatisticsInput(serializers.Serializer):
    level = serializers.ChoiceField(choices=["district", "street", "community"], default="street")
    first_year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    last_year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


class MicroStatisticsApi(APIView):
    """Micro-projects per street, community or the district: collected, shortlisted, passed,
    completed, completion rate, share of deputy-proposed projects shortlisted."""

    permission_classes = [AllowAny]

    @extend_schema(parameters=[MicroProjectStatisticsInput], responses=MicroStatisticsOutput)
    def get(self, request):
        data = MicroProjectStatisticsInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        return Response(selectors.micro_statistics(**data.validated_data))
