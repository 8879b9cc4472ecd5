"""The appointees API (/api/v1/appointees/). Reads go through the same querysets' for_user() as
the site (reports: staff all, a unit its own and the published; rating sessions: staff all,
others the closed); writes call services. No endpoint returns who chose what in a rating."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from appointees import draw as draw_rules
from appointees import rules, selectors
from appointees.models import (
    REPORT_EXTENSIONS,
    Appointee,
    Draw,
    DutyReport,
    RatingSession,
    validate_report_document,
)
from appointees.services import (
    draw_commit,
    draw_redo,
    draw_reveal,
    duty_report_publish,
    duty_report_submit,
    member_of,
    rating_ballot_submit,
    rating_session_close,
    rating_session_open,
)
from congress.drf import guarded
from congress.guards import require_role, require_staff
from congress.models import CongressSession, SessionKind
from congress.roles import Role
from congress.scoping import ScopedApiMixin, get_for_user_or_404


class AppointeeOutput(serializers.ModelSerializer):
    organization = serializers.CharField(source="organization.display_name", read_only=True)

    class Meta:
        model = Appointee
        fields = ["id", "code", "name", "position", "organization", "category", "mode", "body", "session",
                  "took_office", "left_office"]


class AppointeeListApi(ScopedApiMixin, generics.ListAPIView):
    """Officials elected or appointed by the congress or its standing committee (public)."""

    serializer_class = AppointeeOutput
    permission_classes = [AllowAny]
    queryset = Appointee.objects.select_related("organization")
    filterset_fields = ["category", "organization", "mode", "body"]
    search_fields = ["name", "position", "code"]


# --- duty reports -----------------------------------------------------------------------------------

class DutyReportOutput(serializers.ModelSerializer):
    appointee = serializers.CharField(source="appointee.code", read_only=True)
    appointee_name = serializers.CharField(source="appointee.name", read_only=True)
    is_published = serializers.BooleanField(read_only=True)
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = DutyReport
        fields = ["id", "appointee", "appointee_name", "year", "text", "submitted_at", "is_published",
                  "published_at", "has_document"]

    def get_has_document(self, obj) -> bool:
        return bool(obj.document)


class DutyReportListApi(ScopedApiMixin, generics.ListAPIView):
    """Duty reports: the published ones for everyone, a unit's own for its handlers, all for staff."""

    serializer_class = DutyReportOutput
    permission_classes = [AllowAny]
    queryset = DutyReport.objects.select_related("appointee")
    filterset_fields = ["year"]


class DutyReportInput(serializers.Serializer):
    appointee = serializers.SlugRelatedField(slug_field="code", queryset=Appointee.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    text = serializers.CharField(max_length=50000)
    document = serializers.FileField(required=False, validators=[validate_report_document],
                                     help_text=f"{', '.join(REPORT_EXTENSIONS)}; at most 10 MB")


class DutyReportSubmitApi(APIView):
    """The official's organization (or staff) submits a duty report (multipart)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request={"multipart/form-data": DutyReportInput}, responses={201: DutyReportOutput})
    def post(self, request):
        data = DutyReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        report = duty_report_submit(submitted_by=request.user, **data.validated_data)
        return Response(DutyReportOutput(report).data, status=status.HTTP_201_CREATED)


class DutyReportPublishApi(APIView):
    """Staff publish a submitted report."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=DutyReportOutput)
    def post(self, request, pk: int):
        report = get_for_user_or_404(DutyReport.objects.all(), request.user, pk=pk)
        return Response(DutyReportOutput(duty_report_publish(report=report, published_by=request.user)).data)


# --- draws ------------------------------------------------------------------------------------------

class CandidateOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    position = serializers.CharField()
    organization = serializers.CharField()


class DrawOutput(serializers.ModelSerializer):
    candidates = CandidateOutput(many=True, read_only=True)
    is_current = serializers.BooleanField(read_only=True)
    replaced_by = serializers.SerializerMethodField()
    verification_snippet = serializers.SerializerMethodField()

    class Meta:
        model = Draw
        fields = ["id", "year", "meeting", "k", "algorithm", "candidates", "commitment", "status", "public_input",
                  "revealed_secret", "seed", "result", "created_at", "revealed_at", "is_current", "replaces",
                  "redraw_reason", "superseded_at", "replaced_by", "verification_snippet"]

    def get_replaced_by(self, obj) -> int | None:
        replaced = getattr(obj, "replaced_by", None)
        return replaced.pk if replaced else None

    def get_verification_snippet(self, obj) -> str:
        if not obj.is_revealed:
            return ""
        return draw_rules.verification_snippet(candidates=obj.candidate_codes, commitment=obj.commitment,
                                               secret_hex=obj.revealed_secret, public_input=obj.public_input,
                                               k=obj.k)


class DrawListApi(ScopedApiMixin, generics.ListAPIView):
    """Every draw, superseded ones included (public: checkable by anyone)."""

    serializer_class = DrawOutput
    permission_classes = [AllowAny]
    queryset = Draw.objects.select_related("replaced_by")
    filterset_fields = ["year", "status"]


class DrawDetailApi(ScopedApiMixin, generics.RetrieveAPIView):
    """One draw with what is needed to check it."""

    serializer_class = DrawOutput
    permission_classes = [AllowAny]
    queryset = Draw.objects.select_related("replaced_by")


class DrawCommitInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    k = serializers.IntegerField(min_value=1, max_value=50, default=rules.DEFAULT_ORAL_REPORTERS)
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=CongressSession.objects.filter(kind=SessionKind.STANDING_COMMITTEE), required=False,
        allow_null=True)


class DrawCommitApi(APIView):
    """Staff fix the candidate list and publish the commitment."""

    permission_classes = [IsAuthenticated, guarded(require_staff)]

    @extend_schema(request=DrawCommitInput, responses={201: DrawOutput})
    def post(self, request):
        data = DrawCommitInput(data=request.data)
        data.is_valid(raise_exception=True)
        draw = draw_commit(created_by=request.user, **data.validated_data)
        return Response(DrawOutput(draw).data, status=status.HTTP_201_CREATED)


class DrawRevealInput(serializers.Serializer):
    public_input = serializers.CharField(max_length=200)


def require_committee_member(user) -> None:
    require_role(user, Role.COMMITTEE_MEMBER)


class DrawRevealApi(APIView):
    """A committee member (or staff) enters the public input; the secret is revealed and the draw made."""

    permission_classes = [IsAuthenticated, guarded(require_committee_member)]

    @extend_schema(request=DrawRevealInput, responses=DrawOutput)
    def post(self, request, pk: int):
        draw = get_object_or_404(Draw, pk=pk)
        data = DrawRevealInput(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(DrawOutput(draw_reveal(draw=draw, entered_by=request.user, **data.validated_data)).data)


class DrawRedoInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class DrawRedoApi(APIView):
    """Staff supersede a draw with a new one, giving a reason; the earlier stays published."""

    permission_classes = [IsAuthenticated, guarded(require_staff)]

    @extend_schema(request=DrawRedoInput, responses={201: DrawOutput})
    def post(self, request, pk: int):
        draw = get_object_or_404(Draw, pk=pk)
        data = DrawRedoInput(data=request.data)
        data.is_valid(raise_exception=True)
        new = draw_redo(draw=draw, created_by=request.user, **data.validated_data)
        return Response(DrawOutput(new).data, status=status.HTTP_201_CREATED)


# --- rating sessions --------------------------------------------------------------------------------

class RatingSessionOutput(serializers.ModelSerializer):
    meeting_title = serializers.CharField(source="meeting.title", read_only=True)

    class Meta:
        model = RatingSession
        fields = ["id", "title", "year", "meeting", "meeting_title", "status", "opened_at", "closed_at"]


class RatingSessionListApi(ScopedApiMixin, generics.ListAPIView):
    """Rating sessions: the closed ones for everyone, all for staff."""

    serializer_class = RatingSessionOutput
    permission_classes = [AllowAny]
    queryset = RatingSession.objects.select_related("meeting__term")
    filterset_fields = ["year", "status"]


class ResultOutput(serializers.Serializer):
    """One official's announced result."""


    rank = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    position = serializers.CharField()
    organization = serializers.CharField()
    satisfied = serializers.IntegerField()
    basically_satisfied = serializers.IntegerField()
    unsatisfied = serializers.IntegerField()
    total = serializers.IntegerField()
    satisfaction_rate = serializers.FloatField(allow_null=True)


RESULT_KEYS = ["rank", "code", "name", "position", "organization", "satisfied", "basically_satisfied",
               "unsatisfied", "total", "satisfaction_rate"]


class RatingResultsApi(APIView):
    """The announced results of a closed session (404 before it is closed; an empty list when fewer
    members handed in than APPOINTEE_MIN_BALLOTS_FOR_RESULTS, whose totals would reveal their ratings)."""

    permission_classes = [AllowAny]

    @extend_schema(responses=ResultOutput(many=True))
    def get(self, request, pk: int):
        session = get_for_user_or_404(RatingSession.objects.closed(), request.user, pk=pk)
        rows = selectors.rating_results(session=session)
        return Response([{key: row[key] for key in RESULT_KEYS} for row in rows])


class RatingOpenApi(APIView):
    """Staff open a prepared session."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=RatingSessionOutput)
    def post(self, request, pk: int):
        session = get_for_user_or_404(RatingSession.objects.all(), request.user, pk=pk)
        return Response(RatingSessionOutput(rating_session_open(session=session, opened_by=request.user)).data)


class RatingCloseApi(APIView):
    """Staff close an open session; the results are announced."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=RatingSessionOutput)
    def post(self, request, pk: int):
        session = get_for_user_or_404(RatingSession.objects.all(), request.user, pk=pk)
        return Response(RatingSessionOutput(rating_session_close(session=session, closed_by=request.user)).data)


class RatingChoiceInput(serializers.Serializer):
    official = serializers.IntegerField(help_text="the appointee id of a rated official")
    choice = serializers.ChoiceField(choices=list(rules.CHOICES))


class BallotInput(serializers.Serializer):
    ratings = RatingChoiceInput(many=True, allow_empty=False)


class RatingBallotApi(APIView):
    """A member present submits their ratings once; the answer says only that it was received."""

    permission_classes = [IsAuthenticated, guarded(member_of)]

    @extend_schema(request=BallotInput,
                   responses={201: inline_serializer("BallotReceived", {"submitted": serializers.BooleanField()})})
    def post(self, request, pk: int):
        session = get_object_or_404(RatingSession, pk=pk)
        data = BallotInput(data=request.data)
        data.is_valid(raise_exception=True)
        choices = {row["official"]: row["choice"] for row in data.validated_data["ratings"]}
        rating_ballot_submit(session=session, user=request.user, choices=choices)
        return Response({"submitted": True}, status=status.HTTP_201_CREATED)
