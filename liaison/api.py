"""The liaison API. Public endpoints give the station directory and the figures computed from
confirmed meetings and resolved issues (no liaison, resident or private datum); the work
endpoints are scoped by for_user (a station's staff their stations, a deputy what they attended
or follow, office staff all) and every step calls a service."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from congress.drf import FilterBackend, KeysetPagination
from congress.models import Deputy
from congress.scoping import ScopedApiMixin, get_for_user_or_404
from liaison import selectors, services
from liaison.models import (
    Attendance,
    ContactPoint,
    IssueLevel,
    LivelihoodIssue,
    Meeting,
    MeetingKind,
    Reception,
    Station,
    Topic,
)

# --- public --------------------------------------------------------------------------------------------------


class ContactPointOutput(serializers.ModelSerializer):
    class Meta:
        model = ContactPoint
        fields = ["id", "kind", "name", "address"]


class StationOutput(serializers.ModelSerializer):
    street = serializers.CharField(source="street.name", read_only=True)
    community = serializers.CharField(source="community.name", read_only=True, allow_null=True)
    contact_point_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Station
        fields = ["id", "kind", "name", "street", "community", "address", "opening_hours", "contact_point_count"]


class StationListApi(generics.ListAPIView):
    """The open stations, central stations first in each street, with their contact point count."""

    serializer_class = StationOutput
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        from django.db.models import Count, Q

        return (Station.objects.directory()
                .annotate(contact_point_count=Count("contact_points", filter=Q(contact_points__is_active=True)))
                .order_by("street__order", "-kind", "order", "name"))


class YearOutput(serializers.Serializer):
    year = serializers.IntegerField()
    deputy_meetings = serializers.IntegerField()
    livelihood_meetings = serializers.IntegerField()
    resolved = serializers.IntegerField()
    resolved_community = serializers.IntegerField()
    resolved_street = serializers.IntegerField()
    resolved_district = serializers.IntegerField()


class PublicDeputyOutput(serializers.ModelSerializer):
    class Meta:
        model = Deputy
        fields = ["id", "code", "name"]


StationDetailOutput = inline_serializer("LiaisonStationDetail", {
    "station": StationOutput(),
    "stationed_deputies": PublicDeputyOutput(many=True),
    "contact_points": ContactPointOutput(many=True),
    "years": YearOutput(many=True),
})


class StationDetailApi(APIView):
    """A station: its stationed deputies today, contact points, and meetings and resolved issues per year."""

    permission_classes = [AllowAny]

    @extend_schema(responses=StationDetailOutput)
    def get(self, request, pk: int):
        station = selectors.station_get_public(pk=pk)
        station.contact_point_count = ContactPoint.objects.public().for_station(station).count()
        return Response({
            "station": StationOutput(station).data,
            "stationed_deputies": PublicDeputyOutput(selectors.stationed_deputies(station=station), many=True).data,
            "contact_points": ContactPointOutput(
                ContactPoint.objects.public().for_station(station).order_by("kind", "name"), many=True).data,
            "years": YearOutput(selectors.station_years(station=station), many=True).data,
        })


class FiguresApi(APIView):
    """District figures per year: meetings held, issues resolved and at which level."""

    permission_classes = [AllowAny]

    @extend_schema(responses=YearOutput(many=True))
    def get(self, request):
        return Response(YearOutput(selectors.station_years(), many=True).data)


# --- meetings (scoped) ---------------------------------------------------------------------------------------

class AttendanceOutput(serializers.ModelSerializer):
    deputy = serializers.CharField(source="deputy.name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "deputy_id", "deputy", "withdrawn_at", "withdrawal_reason"]


class TopicOutput(serializers.ModelSerializer):
    lead_deputy = serializers.CharField(source="lead_deputy.name", read_only=True)

    class Meta:
        model = Topic
        fields = ["id", "title", "lead_deputy_id", "lead_deputy", "outcome", "order", "withdrawn_at"]


class MeetingOutput(serializers.ModelSerializer):
    station = serializers.CharField(source="station.name", read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "kind", "station_id", "station", "held_on", "title", "venue", "status", "residents_present",
                  "confirmed_at"]


class MeetingDetailOutput(MeetingOutput):
    attendances = AttendanceOutput(many=True, read_only=True)
    topics = TopicOutput(many=True, read_only=True)

    class Meta(MeetingOutput.Meta):
        fields = [*MeetingOutput.Meta.fields, "minutes", "attendances", "topics"]


class MeetingCreateInput(serializers.Serializer):
    station = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=MeetingKind.choices)
    held_on = serializers.DateField()
    title = serializers.CharField(max_length=120, required=False, allow_blank=True)
    venue = serializers.CharField(max_length=120, required=False, allow_blank=True)


class MeetingListCreateApi(ScopedApiMixin, generics.ListAPIView):
    """Meetings the caller reaches (their stations', or those they attended); POST records a new one."""

    serializer_class = MeetingOutput
    permission_classes = [IsAuthenticated]
    queryset = Meeting.objects.all()
    filterset_fields = ["station", "kind", "status", "held_on"]
    ordering_fields = ["held_on"]

    def get_queryset(self):
        return super().get_queryset().select_related("station").order_by("-held_on", "-pk")

    @extend_schema(request=MeetingCreateInput, responses={201: MeetingOutput})
    def post(self, request):
        data = MeetingCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        station = get_for_user_or_404(Station.objects.all(), request.user, pk=values.pop("station"))
        meeting = services.meeting_create(station=station, recorded_by=request.user, **values)
        return Response(MeetingOutput(meeting).data, status=status.HTTP_201_CREATED)


def _meeting_detail(meeting: Meeting) -> Meeting:
    from django.db.models import Prefetch

    return (Meeting.objects.select_related("station")
            .prefetch_related(Prefetch("attendances", queryset=Attendance.objects.select_related("deputy")),
                              Prefetch("topics", queryset=Topic.objects.select_related("lead_deputy")))
            .get(pk=meeting.pk))


class MeetingDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeetingDetailOutput)
    def get(self, request, pk: int):
        """A meeting with its attendance and topics."""
        meeting = get_for_user_or_404(Meeting.objects.all(), request.user, pk=pk)
        return Response(MeetingDetailOutput(_meeting_detail(meeting)).data)


class AttendanceInput(serializers.Serializer):
    deputies = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), many=True, allow_empty=True)


class MeetingAttendanceApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=AttendanceInput, responses=MeetingDetailOutput)
    def put(self, request, pk: int):
        """Record exactly these deputies as present at a draft meeting."""
        meeting = get_for_user_or_404(Meeting.objects.all(), request.user, pk=pk)
        data = AttendanceInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.meeting_set_attendance(meeting=meeting, deputies=data.validated_data["deputies"],
                                        recorded_by=request.user)
        return Response(MeetingDetailOutput(_meeting_detail(meeting)).data)


class TopicInput(serializers.Serializer):
    title = serializers.CharField(max_length=120)
    lead_deputy = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all())
    outcome = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class TopicAddApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=TopicInput, responses={201: TopicOutput})
    def post(self, request, pk: int):
        """Add a topic led by a deputy to a draft meeting."""
        meeting = get_for_user_or_404(Meeting.objects.all(), request.user, pk=pk)
        data = TopicInput(data=request.data)
        data.is_valid(raise_exception=True)
        topic = services.topic_add(meeting=meeting, recorded_by=request.user, **data.validated_data)
        return Response(TopicOutput(topic).data, status=status.HTTP_201_CREATED)


class MeetingConfirmApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=MeetingOutput)
    def post(self, request, pk: int):
        """Confirm (lock) a draft meeting; its attendances and topic leads earn their points once."""
        meeting = get_for_user_or_404(Meeting.objects.all(), request.user, pk=pk)
        meeting = services.meeting_confirm(meeting=meeting, confirmed_by=request.user)
        return Response(MeetingOutput(meeting).data)


# --- issues (scoped) -----------------------------------------------------------------------------------------

class IssueOutput(serializers.ModelSerializer):
    station = serializers.CharField(source="station.name", read_only=True)
    following_deputy = serializers.CharField(source="following_deputy.name", read_only=True, allow_null=True)

    class Meta:
        model = LivelihoodIssue
        # The resident's name and contact stay in the back office and the station's own pages.
        fields = ["id", "station_id", "station", "origin", "topic_id", "reception_id", "contact_point_id", "title",
                  "description", "public_title", "raised_on", "level", "following_deputy_id", "following_deputy",
                  "status", "resolved_on", "resolution_note", "closed_on", "closed_reason"]


class IssueListApi(ScopedApiMixin, generics.ListAPIView):
    """Issues the caller reaches (their stations', or those they follow)."""

    serializer_class = IssueOutput
    permission_classes = [IsAuthenticated]
    queryset = LivelihoodIssue.objects.all()
    filter_backends = [FilterBackend]
    filterset_fields = ["station", "status", "level", "origin"]
    # Newest first, by cursor: the district raises some 50,000 issues in ten years, and a page by
    # number read and dropped every issue before it.
    pagination_class = KeysetPagination
    keyset_ordering = ("-raised_on", "-id")

    def get_queryset(self):
        return super().get_queryset().select_related("station", "following_deputy")


class IssueDetailApi(ScopedApiMixin, generics.RetrieveAPIView):
    serializer_class = IssueOutput
    permission_classes = [IsAuthenticated]
    queryset = LivelihoodIssue.objects.select_related("station", "following_deputy")


class _IssueStepApi(APIView):
    permission_classes = [IsAuthenticated]

    def issue(self, request, pk: int) -> LivelihoodIssue:
        return get_for_user_or_404(LivelihoodIssue.objects.all(), request.user, pk=pk)

    def done(self, issue: LivelihoodIssue) -> Response:
        issue = LivelihoodIssue.objects.select_related("station", "following_deputy").get(pk=issue.pk)
        return Response(IssueOutput(issue).data)


class NoteInput(serializers.Serializer):
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class IssueStartApi(_IssueStepApi):
    @extend_schema(request=NoteInput, responses=IssueOutput)
    def post(self, request, pk: int):
        """open → in progress."""
        data = NoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        return self.done(services.issue_start(issue=self.issue(request, pk), started_by=request.user,
                                              **data.validated_data))


class EscalateInput(serializers.Serializer):
    to_level = serializers.ChoiceField(choices=IssueLevel.choices)
    reason = serializers.CharField(max_length=5000)


class IssueEscalateApi(_IssueStepApi):
    @extend_schema(request=EscalateInput, responses=IssueOutput)
    def post(self, request, pk: int):
        """Hand the issue up to a higher level, with a reason."""
        data = EscalateInput(data=request.data)
        data.is_valid(raise_exception=True)
        return self.done(services.issue_escalate(issue=self.issue(request, pk), escalated_by=request.user,
                                                 **data.validated_data))


class ResolveInput(serializers.Serializer):
    note = serializers.CharField(max_length=5000)
    on = serializers.DateField(required=False)


class IssueResolveApi(_IssueStepApi):
    @extend_schema(request=ResolveInput, responses=IssueOutput)
    def post(self, request, pk: int):
        """in progress → resolved (with a note); the following deputy earns the points once."""
        data = ResolveInput(data=request.data)
        data.is_valid(raise_exception=True)
        issue = self.issue(request, pk)
        services.issue_resolve(issue=issue, resolved_by=request.user, **data.validated_data)
        return self.done(issue)


class CloseInput(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)


class IssueCloseApi(_IssueStepApi):
    @extend_schema(request=CloseInput, responses=IssueOutput)
    def post(self, request, pk: int):
        """open / in progress → closed unresolved, with a reason."""
        data = CloseInput(data=request.data)
        data.is_valid(raise_exception=True)
        return self.done(services.issue_close(issue=self.issue(request, pk), closed_by=request.user,
                                              **data.validated_data))


class ReceptionOutput(serializers.ModelSerializer):
    deputy = serializers.CharField(source="deputy.name", read_only=True)
    station = serializers.CharField(source="station.name", read_only=True)

    class Meta:
        model = Reception
        fields = ["id", "station_id", "station", "deputy_id", "deputy", "received_on", "place", "residents_count",
                  "summary"]


class ReceptionListApi(ScopedApiMixin, generics.ListAPIView):
    """Receptions the caller reaches (their stations', or those they held)."""

    serializer_class = ReceptionOutput
    permission_classes = [IsAuthenticated]
    queryset = Reception.objects.all()
    filterset_fields = ["station", "deputy", "received_on"]

    def get_queryset(self):
        return super().get_queryset().select_related("station", "deputy").order_by("-received_on", "-pk")
