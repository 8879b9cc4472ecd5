"""The supervision API, with the site's scoping: lists and details go through for_user() (404
outside the scope), workflow steps call services. No serializer here has a reporter field: the
reporter's identity is reachable from the staff site and admin only. The statistics endpoint is
public and returns aggregates with small cells suppressed."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from congress.drf import OptionalYearParams, guarded, query_params
from congress.guards import require_staff
from congress.models import Deputy, Organization
from congress.scoping import ScopedApiMixin, get_for_user_or_404
from supervision import selectors, services
from supervision.models import (
    ESCALATION_KINDS,
    ActionKind,
    Case,
    CaseAction,
    Clue,
    ClueCategory,
    ClueSource,
    Outcome,
    OutcomeKind,
    Rectification,
    Satisfaction,
)

# --- public statistics ---------------------------------------------------------------------------


StatisticsOutput = inline_serializer("SupervisionStatistics", {
    "year": serializers.IntegerField(allow_null=True),
    "min_public_cell": serializers.IntegerField(),
    "by_source": inline_serializer("SupervisionSourceRow", {
        "source": serializers.CharField(allow_null=True, help_text="null on the total row"),
        "label": serializers.CharField(), "total": serializers.CharField(),
        "public_interest": serializers.CharField()}, many=True),
    "actions": inline_serializer("SupervisionActionRow", {
        "kind": serializers.CharField(), "label": serializers.CharField(), "actor": serializers.CharField(),
        "by_category": serializers.DictField(child=serializers.CharField()),
        "total": serializers.CharField()}, many=True),
    "outcomes_by_year": serializers.ListField(child=serializers.DictField()),
    "outcomes_by_organ": serializers.ListField(child=serializers.DictField()),
    "outcome_totals": serializers.DictField(
        help_text="outcome kind → total: a whole number for counts, an exact decimal string for yuan and m²"),
})


def _shown(cell) -> str:
    return str(cell.shown)


def _exact(row: dict) -> dict:
    """Decimals as strings, so yuan and m² arrive exact (JSON numbers would be floats)."""
    return {key: str(value) if isinstance(value, Decimal) else value for key, value in row.items()}


class StatisticsApi(APIView):
    """Aggregates of the 1+3 linked supervision (all years, or one): clues by source, organ actions
    by kind and clue category, outcome sums. Counts under the threshold are "<N"; a cell withheld so
    that a small one cannot be worked out from its total is "—"."""

    permission_classes = [AllowAny]

    @extend_schema(parameters=[OptionalYearParams], responses=StatisticsOutput)
    def get(self, request):
        year = query_params(request, OptionalYearParams).get("year")
        stats = selectors.public_statistics(year=year)
        keys = stats["actions"]["category_keys"]
        return Response({
            "year": year, "min_public_cell": stats["threshold"],
            "by_source": [{"source": row["key"], "label": str(row["source"] or _("Total")),
                           "total": _shown(row["total"]), "public_interest": _shown(row["public_interest"])}
                          for row in stats["by_source"]],
            "actions": [{"kind": row["kind"], "label": row["label"], "actor": row["actor"],
                         "by_category": {key: _shown(cell) for key, cell in zip(keys, row["cells"], strict=True)},
                         "total": _shown(row["total"])} for row in stats["actions"]["rows"]],
            "outcomes_by_year": [_exact(row) for row in stats["outcomes_by_year"]],
            "outcomes_by_organ": [_exact(row) for row in stats["outcomes_by_organ"]],
            "outcome_totals": _exact(stats["outcome_totals"]),
        })


# --- clues ---------------------------------------------------------------------------------------

class SupervisionOrganOutput(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name", "kind"]


class CaseBriefOutput(serializers.ModelSerializer):
    organ = SupervisionOrganOutput()

    class Meta:
        model = Case
        fields = ["id", "organ", "referred_on", "state", "closed_on"]


class ClueOutput(serializers.ModelSerializer):
    case_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Clue
        fields = ["id", "number", "received_on", "source", "category", "public_interest", "title", "state",
                  "shared_on", "closed_on", "case_count"]


class ClueDetailOutput(serializers.ModelSerializer):
    cases = CaseBriefOutput(many=True, source="visible_cases", help_text="the cases within your scope")

    class Meta:
        model = Clue
        fields = ["id", "number", "received_on", "source", "category", "public_interest", "title", "description",
                  "state", "shared_on", "closed_on", "result", "dismissal_reason", "cases"]


class ClueReceiveInput(serializers.Serializer):
    """A new clue. The reporter fields are written to the staff-only reporter record and are never
    returned by any endpoint."""

    received_on = serializers.DateField(required=False)
    source = serializers.ChoiceField(ClueSource.choices)
    category = serializers.ChoiceField(ClueCategory.choices)
    public_interest = serializers.BooleanField(default=False)
    title = serializers.CharField(max_length=120)
    description = serializers.CharField(max_length=5000)
    reporter_deputy = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), required=False,
                                                         allow_null=True)
    reporter_name = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    reporter_phone = serializers.RegexField(r"^[0-9+\- ]{5,30}$", required=False, allow_blank=True, default="")
    reporter_email = serializers.EmailField(required=False, allow_blank=True, default="")
    reporter_address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ClueListApi(ScopedApiMixin, generics.ListAPIView):
    """Clues within your scope: staff all; an organ liaison those shared with the joint mechanism.
    POST records a new clue (staff)."""

    serializer_class = ClueOutput
    permission_classes = [IsAuthenticated]
    filterset_fields = ["state", "source", "category", "public_interest"]
    search_fields = ["number", "title"]
    ordering_fields = ["received_on", "number"]
    queryset = Clue.objects.annotate(case_count=Count("cases")).order_by("-received_on", "-number")

    @extend_schema(request=ClueReceiveInput, responses={201: ClueDetailOutput})
    def post(self, request):
        data = ClueReceiveInput(data=request.data)
        data.is_valid(raise_exception=True)
        clue = services.clue_receive(received_by=request.user, **data.validated_data)
        return Response(ClueDetailOutput(selectors.clue_detail(user=request.user, pk=clue.pk)).data,
                        status=status.HTTP_201_CREATED)


class ClueDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=ClueDetailOutput)
    def get(self, request, pk: int):
        return Response(ClueDetailOutput(selectors.clue_detail(user=request.user, pk=pk)).data)


class _ClueStepApi(APIView):
    permission_classes = [IsAuthenticated]

    def clue(self, request, pk: int) -> Clue:
        return get_for_user_or_404(Clue.objects.all(), request.user, pk=pk)

    def done(self, request, clue: Clue, code=status.HTTP_200_OK):
        return Response(ClueDetailOutput(selectors.clue_detail(user=request.user, pk=clue.pk)).data, status=code)


class ClueReviewApi(_ClueStepApi):
    """Take a received clue under review (staff)."""

    @extend_schema(request=None, responses=ClueDetailOutput)
    def post(self, request, pk: int):
        return self.done(request, services.clue_review(clue=self.clue(request, pk), reviewed_by=request.user))


class ClueShareApi(_ClueStepApi):
    """Share a clue under review with the joint mechanism (staff)."""

    @extend_schema(request=None, responses=ClueDetailOutput)
    def post(self, request, pk: int):
        return self.done(request, services.clue_share(clue=self.clue(request, pk), shared_by=request.user))


class ClueReferApi(_ClueStepApi):
    """Refer a shared clue to one or more of the three organs: one case each (staff)."""

    permission_classes = [IsAuthenticated, guarded(require_staff)]

    class ClueReferInput(serializers.Serializer):
        organs = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.joint_supervision_organs(),
                                                    many=True, allow_empty=False)

    @extend_schema(request=ClueReferInput, responses={201: ClueDetailOutput})
    def post(self, request, pk: int):
        clue = self.clue(request, pk)
        data = self.ClueReferInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.clue_refer(clue=clue, organs=data.validated_data["organs"], referred_by=request.user)
        return self.done(request, clue, status.HTTP_201_CREATED)


class SupervisionResultInput(serializers.Serializer):
    result = serializers.CharField(max_length=2000)


class SupervisionReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ClueCloseApi(_ClueStepApi):
    """Close a referred clue whose cases are all closed (staff)."""

    permission_classes = [IsAuthenticated, guarded(require_staff)]

    @extend_schema(request=SupervisionResultInput, responses=ClueDetailOutput)
    def post(self, request, pk: int):
        clue = self.clue(request, pk)
        data = SupervisionResultInput(data=request.data)
        data.is_valid(raise_exception=True)
        return self.done(request, services.clue_close(clue=clue, closed_by=request.user, **data.validated_data))


class ClueDismissApi(_ClueStepApi):
    """Dismiss a clue not yet referred, with a reason (staff)."""

    permission_classes = [IsAuthenticated, guarded(require_staff)]

    @extend_schema(request=SupervisionReasonInput, responses=ClueDetailOutput)
    def post(self, request, pk: int):
        clue = self.clue(request, pk)
        data = SupervisionReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        return self.done(request, services.clue_dismiss(clue=clue, dismissed_by=request.user, **data.validated_data))


# --- cases ---------------------------------------------------------------------------------------

class SupervisionOutcomeOutput(serializers.ModelSerializer):
    """A count (parcels, trees, rules, problems) or an exact decimal amount (m², yuan): the other is null."""

    class Meta:
        model = Outcome
        fields = ["kind", "count", "amount"]


class CaseActionOutput(serializers.ModelSerializer):
    outcomes = SupervisionOutcomeOutput(many=True)

    class Meta:
        model = CaseAction
        fields = ["id", "kind", "actor", "occurred_on", "summary", "escalates", "outcomes"]


class RectificationOutput(serializers.ModelSerializer):
    unit = SupervisionOrganOutput()

    class Meta:
        model = Rectification
        fields = ["id", "case", "unit", "requirement", "deadline", "status", "round", "report", "reported_on",
                  "satisfaction", "evaluated_on"]


class CaseOutput(serializers.ModelSerializer):
    organ = SupervisionOrganOutput()
    clue_number = serializers.CharField(source="clue.number")
    clue_title = serializers.CharField(source="clue.title")

    class Meta:
        model = Case
        fields = ["id", "clue", "clue_number", "clue_title", "organ", "referred_on", "state", "closed_on"]


class CaseDetailOutput(CaseOutput):
    actions = CaseActionOutput(many=True)
    rectifications = RectificationOutput(many=True)

    class Meta(CaseOutput.Meta):
        fields = [*CaseOutput.Meta.fields, "result", "actions", "rectifications"]


class CaseListApi(ScopedApiMixin, generics.ListAPIView):
    """Cases within your scope: staff all; an organ liaison their organ's."""

    serializer_class = CaseOutput
    permission_classes = [IsAuthenticated]
    filterset_fields = ["state", "organ"]
    ordering_fields = ["referred_on"]

    queryset = Case.objects.select_related("clue", "organ").order_by("-referred_on", "-pk")


class CaseDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=CaseDetailOutput)
    def get(self, request, pk: int):
        return Response(CaseDetailOutput(selectors.case_detail(user=request.user, pk=pk)).data)


def _case(request, pk: int) -> Case:
    return get_for_user_or_404(Case.objects.select_related("organ"), request.user, pk=pk)


class CaseActionApi(APIView):
    """Record an action on a case with its outcomes (the organ's liaison for their organ; staff)."""

    permission_classes = [IsAuthenticated]

    class CaseActionInput(serializers.Serializer):
        kind = serializers.ChoiceField(ActionKind.choices)
        occurred_on = serializers.DateField()
        summary = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
        outcomes = serializers.DictField(
            child=serializers.DecimalField(max_digits=16, decimal_places=2, min_value=0), required=False,
            help_text="outcome kind → quantity: " + ", ".join(OutcomeKind.values))

        def validate_outcomes(self, value):
            unknown = set(value) - set(OutcomeKind.values)
            if unknown:
                raise serializers.ValidationError(f"unknown outcome kinds: {', '.join(sorted(unknown))}")
            return value

    @extend_schema(request=CaseActionInput, responses={201: CaseActionOutput})
    def post(self, request, pk: int):
        case = _case(request, pk)
        data = self.CaseActionInput(data=request.data)
        data.is_valid(raise_exception=True)
        action = services.case_action_record(case=case, recorded_by=request.user, **data.validated_data)
        action = CaseAction.objects.prefetch_related("outcomes").get(pk=action.pk)
        return Response(CaseActionOutput(action).data, status=status.HTTP_201_CREATED)


class CaseRectificationApi(APIView):
    """Require a responsible unit to rectify something by a deadline (staff; the organ's liaison)."""

    permission_classes = [IsAuthenticated]

    class CaseRectificationInput(serializers.Serializer):
        unit = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.active())
        requirement = serializers.CharField(max_length=2000)
        deadline = serializers.DateField()

    @extend_schema(request=CaseRectificationInput, responses={201: RectificationOutput})
    def post(self, request, pk: int):
        case = _case(request, pk)
        data = self.CaseRectificationInput(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.rectification_require(case=case, required_by=request.user, **data.validated_data)
        return Response(RectificationOutput(item).data, status=status.HTTP_201_CREATED)


class CaseCloseApi(APIView):
    """Close a case once every rectification item is accepted (staff)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=SupervisionResultInput, responses=CaseOutput)
    def post(self, request, pk: int):
        case = _case(request, pk)
        data = SupervisionResultInput(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.case_close(case=case, closed_by=request.user, **data.validated_data)
        return Response(CaseOutput(case).data)


# --- rectification -------------------------------------------------------------------------------

class RectificationListApi(ScopedApiMixin, generics.ListAPIView):
    """Rectification items within your scope: a unit handler their unit's; an organ liaison those of
    their organ's cases; staff all."""

    serializer_class = RectificationOutput
    permission_classes = [IsAuthenticated]
    filterset_fields = ["status", "unit"]
    ordering_fields = ["deadline"]

    queryset = Rectification.objects.select_related("unit").order_by("deadline", "pk")


class RectificationDetailApi(ScopedApiMixin, generics.RetrieveAPIView):
    serializer_class = RectificationOutput
    permission_classes = [IsAuthenticated]

    queryset = Rectification.objects.select_related("unit")


def _item(request, pk: int) -> Rectification:
    return get_for_user_or_404(Rectification.objects.select_related("unit", "case"), request.user, pk=pk)


class RectificationReportApi(APIView):
    """The responsible unit reports what it has rectified."""

    permission_classes = [IsAuthenticated]

    class RectificationReportInput(serializers.Serializer):
        report = serializers.CharField(max_length=5000)

    @extend_schema(request=RectificationReportInput, responses=RectificationOutput)
    def post(self, request, pk: int):
        item = _item(request, pk)
        data = self.RectificationReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.rectification_report(item=item, reported_by=request.user, **data.validated_data)
        return Response(RectificationOutput(item).data)


class RectificationEvaluateApi(APIView):
    """The standing committee's satisfaction evaluation of a reported rectification (staff)."""

    permission_classes = [IsAuthenticated, guarded(require_staff)]

    class RectificationEvaluateInput(serializers.Serializer):
        satisfaction = serializers.ChoiceField(Satisfaction.choices)

    @extend_schema(request=RectificationEvaluateInput, responses=RectificationOutput)
    def post(self, request, pk: int):
        item = _item(request, pk)
        data = self.RectificationEvaluateInput(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.rectification_evaluate(item=item, evaluated_by=request.user, **data.validated_data)
        return Response(RectificationOutput(item).data)


class RectificationEscalateApi(APIView):
    """Escalate an inadequate rectification (a congress action, or litigation); it reopens."""

    permission_classes = [IsAuthenticated]

    class RectificationEscalateInput(serializers.Serializer):
        kind = serializers.ChoiceField(ActionKind.choices, help_text="a congress action or litigation_filed: "
                                       + ", ".join(sorted(ESCALATION_KINDS)))
        occurred_on = serializers.DateField()
        summary = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
        new_deadline = serializers.DateField()

    @extend_schema(request=RectificationEscalateInput, responses={201: CaseActionOutput})
    def post(self, request, pk: int):
        item = _item(request, pk)
        data = self.RectificationEscalateInput(data=request.data)
        data.is_valid(raise_exception=True)
        action = services.rectification_escalate(item=item, escalated_by=request.user, **data.validated_data)
        return Response(CaseActionOutput(action).data, status=status.HTTP_201_CREATED)


