"""The points API. Public endpoints read published snapshots only; the ledger endpoints are
scoped by LedgerEntryQuerySet.for_user (a deputy their own entries, staff all) and offer no
update or delete; workflow steps call services."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from congress.drf import ContentTypeField, FilterBackend, KeysetPagination, PeriodParam, ValuesRowsMixin, query_params
from congress.files import validate_upload
from congress.guards import require_deputy, require_staff
from congress.models import Publication
from congress.periods import Quarter, local_date
from congress.scoping import ScopedApiMixin, get_for_user_or_404
from points import selectors
from points.models import (
    DeputyPointsSnapshot,
    LedgerEntry,
    PointRule,
)
from points.services import entry_reject, entry_reverse, entry_self_report, entry_verify


def _quarter_or_404(text: str) -> Quarter:
    try:
        return Quarter.parse(text)
    except ValueError:
        raise Http404 from None


# --- public: rules and published snapshots ------------------------------------------------------------

class RuleOutput(serializers.ModelSerializer):
    current_points = serializers.IntegerField(read_only=True, help_text="value in force today")

    class Meta:
        model = PointRule
        fields = ["code", "name", "description", "self_reportable", "current_points"]


class RuleListApi(generics.ListAPIView):
    """Point rules with the value in force today."""

    serializer_class = RuleOutput
    permission_classes = [AllowAny]

    def get_queryset(self):
        return selectors.rules_with_current_points(on=local_date(timezone.now()))


class RevisionOutput(serializers.ModelSerializer):
    class Meta:
        model = Publication
        fields = ["quarter", "revision", "published_at", "reason"]


class PublishedQuarterListApi(generics.ListAPIView):
    """Published quarters (their latest revision), newest first."""

    serializer_class = RevisionOutput
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        return selectors.published_quarters()


DistrictOutput = inline_serializer("PublishedDistrictPoints", {
    "quarter": serializers.CharField(),
    "revision": serializers.IntegerField(),
    "published_at": serializers.DateTimeField(),
    "deputy_count": serializers.IntegerField(),
    "quarter_points": serializers.IntegerField(),
    "year_points": serializers.IntegerField(),
    "last_year_quarter_points": serializers.IntegerField(),
    "last_year_points": serializers.IntegerField(),
    "quarter_growth": serializers.DecimalField(max_digits=8, decimal_places=4, allow_null=True),
    "year_growth": serializers.DecimalField(max_digits=8, decimal_places=4, allow_null=True),
    "revisions": RevisionOutput(many=True),
})


class PublishedQuarterApi(APIView):
    """A published quarter's district totals (latest revision) and its revision history."""

    permission_classes = [AllowAny]

    @extend_schema(responses=DistrictOutput)
    def get(self, request, quarter: str):
        period = _quarter_or_404(quarter)
        publication = selectors.publication_current(quarter=period)
        if publication is None:
            raise Http404
        district = publication.points_district
        # Through the serializer, so decimals are the strings the schema promises.
        return Response(type(DistrictOutput)({
            "quarter": publication.quarter, "revision": publication.revision,
            "published_at": publication.published_at, "deputy_count": district.deputy_count,
            "quarter_points": district.quarter_points, "year_points": district.year_points,
            "last_year_quarter_points": district.last_year_quarter_points,
            "last_year_points": district.last_year_points,
            "quarter_growth": district.quarter_growth, "year_growth": district.year_growth,
            "revisions": selectors.publication_revisions(quarter=period),
        }).data)


class RankingRowOutput(serializers.ModelSerializer):
    class Meta:
        model = DeputyPointsSnapshot
        fields = ["quarter_rank", "deputy_id", "deputy_code", "deputy_name", "street_name", "community_name",
                  "quarter_points", "year_rank", "year_points"]


class RevisionParams(serializers.Serializer):
    revision = serializers.IntegerField(min_value=1, max_value=10_000, required=False,
                                        help_text="an earlier revision (default: latest)")


@extend_schema(parameters=[RevisionParams])
class PublishedRankingApi(generics.ListAPIView):
    """The published ranking of a quarter (standard competition ranks, 1-2-2-4)."""

    serializer_class = RankingRowOutput
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        period = _quarter_or_404(self.kwargs["quarter"])
        revision = query_params(self.request, RevisionParams).get("revision")
        if revision is not None:
            publication = selectors.publication_revision(quarter=period, revision=revision)
        else:
            publication = selectors.publication_current(quarter=period)
        if publication is None:
            raise Http404
        return selectors.published_ranking(publication=publication)


# --- live totals (staff) -----------------------------------------------------------------------------------

class TotalsInput(serializers.Serializer):
    level = serializers.ChoiceField(choices=["deputy", "community", "street", "district"], default="district")
    period = PeriodParam()


class TotalOutput(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    points = serializers.IntegerField()
    last_year_points = serializers.IntegerField()
    growth = serializers.DecimalField(max_digits=8, decimal_places=4, allow_null=True)


class TotalsApi(APIView):
    """Staff: live verified totals per deputy, community, street or the district for a year or a
    quarter, with the same period of the year before and the growth (not the published figures)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[TotalsInput], responses=TotalOutput(many=True))
    def get(self, request):
        require_staff(request.user)
        params = query_params(request, TotalsInput)
        return Response(TotalOutput(selectors.totals(level=params["level"], period=params["period"]),
                                    many=True).data)


# --- the ledger (scoped) ----------------------------------------------------------------------------------

class EntryOutput(ValuesRowsMixin, serializers.ModelSerializer):
    deputy = serializers.CharField(source="deputy.name", read_only=True)
    rule = serializers.CharField(source="rule.code", read_only=True)
    rule_name = serializers.CharField(source="rule.name", read_only=True)
    source_type = ContentTypeField(source="source_type_id", help_text='"app_label.model" of the source record')

    class Meta:
        model = LedgerEntry
        fields = ["id", "deputy_id", "deputy", "rule", "rule_name", "occurred_on", "points", "kind", "status",
                  "reason", "reverses_id", "source_type", "source_id", "created_at", "decided_at"]


class EntryListApi(ScopedApiMixin, generics.ListAPIView):
    """Ledger entries: a deputy sees their own, staff everyone's. Read-only: the ledger is append-only."""

    serializer_class = EntryOutput
    permission_classes = [IsAuthenticated]
    queryset = LedgerEntry.objects.all()
    filter_backends = [FilterBackend]
    filterset_fields = ["status", "kind", "deputy", "occurred_on"]
    # Newest first, by cursor: office staff page through two million entries, a deputy through ten
    # years of theirs; no page counts them all or skips over the ones before it.
    pagination_class = KeysetPagination
    keyset_ordering = ("-occurred_on", "-id")
    page_as_rows = True  # a page of fifty is read and rendered without building 150 models


class EntryDetailApi(ScopedApiMixin, generics.RetrieveAPIView):
    """One ledger entry (no update or delete: a correction is a reversal)."""

    serializer_class = EntryOutput
    permission_classes = [IsAuthenticated]
    queryset = LedgerEntry.objects.all()

    def get_queryset(self):
        return super().get_queryset().values(*EntryOutput.row_keys())


class ReasonInput(serializers.Serializer):
    # Not required here: the service refuses a caller (403) before it asks for a reason (400).
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class _EntryActionApi(APIView):
    """Staff's steps on an entry: the entry is found in the caller's scope (404 outside it) and the
    service decides whether the caller may take the step (403) and whether it is pending (409)."""

    permission_classes = [IsAuthenticated]

    def entry(self, request, pk: int) -> LedgerEntry:
        return get_for_user_or_404(LedgerEntry.objects.all(), request.user, pk=pk)


class EntryVerifyApi(_EntryActionApi):
    @extend_schema(request=None, responses=EntryOutput)
    def post(self, request, pk: int):
        """Staff: verify a pending self-report."""
        entry = entry_verify(entry=self.entry(request, pk), verified_by=request.user)
        return Response(EntryOutput(entry).data)


class EntryRejectApi(_EntryActionApi):
    @extend_schema(request=ReasonInput, responses=EntryOutput)
    def post(self, request, pk: int):
        """Staff: reject a pending self-report with a reason."""
        entry = self.entry(request, pk)
        data = ReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        entry = entry_reject(entry=entry, rejected_by=request.user, **data.validated_data)
        return Response(EntryOutput(entry).data)


class EntryReverseApi(_EntryActionApi):
    @extend_schema(request=ReasonInput, responses={201: EntryOutput})
    def post(self, request, pk: int):
        """Staff: reverse a verified entry (appends a reversing entry with a reason)."""
        entry = self.entry(request, pk)
        data = ReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        reversal = entry_reverse(entry=entry, reversed_by=request.user, **data.validated_data)
        return Response(EntryOutput(reversal).data, status=status.HTTP_201_CREATED)


class SelfReportInput(serializers.Serializer):
    rule = serializers.SlugRelatedField(slug_field="code", queryset=PointRule.objects.self_reportable())
    occurred_on = serializers.DateField()
    description = serializers.CharField(max_length=200)
    evidence = serializers.FileField(validators=[validate_upload],
                                     help_text="a photo (JPG, PNG, WebP, HEIC) or a PDF, checked by its content; "
                                               "at most settings.UPLOAD_MAX_BYTES (5 MB)")


class SelfReportCreateApi(APIView):
    """A deputy registers an activity with evidence (multipart); it waits for staff verification."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request={"multipart/form-data": SelfReportInput}, responses={201: EntryOutput})
    def post(self, request):
        deputy = require_deputy(request.user)
        data = SelfReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        entry = entry_self_report(deputy=deputy, submitted_by=request.user, **data.validated_data)
        return Response(EntryOutput(entry).data, status=status.HTTP_201_CREATED)

