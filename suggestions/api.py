"""The suggestions API (SPEC §9): thin views that validate, call a selector or service and
serialize. Scoped endpoints use the same for_user() as the site and the admin (404 outside the
scope); the public endpoints show only what staff published."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from congress.drf import ChoiceLabelField, FilterBackend, KeysetPagination, ValuesRowsMixin, YearParam, query_params
from congress.errors import DomainError
from congress.guards import is_staff, require_deputy, require_staff
from congress.models import CongressSession, Deputy, Organization
from congress.scoping import ScopedApiMixin, get_for_user_or_404
from suggestions import selectors, services
from suggestions.models import (
    AssignmentRole,
    Category,
    Evaluation,
    FollowUpRound,
    Handling,
    HandlingState,
    ImplementationReport,
    Reply,
    Suggestion,
)
from suggestions.scoring import Grade, Stage

# --- output -----------------------------------------------------------------------------------


def _texts(reports) -> list[dict]:
    return [{"round": r.round, "submitted_on": r.submitted_on, "content": r.content} for r in reports]


class PublicHandlingOutput(ValuesRowsMixin, serializers.Serializer):
    """A handling in the public list: units and grades; the texts are given on the detail only."""

    id = serializers.IntegerField()
    unit = serializers.CharField(source="organization.name")
    role = serializers.CharField(source="assignment.role")
    state = serializers.CharField()
    reply_grade = serializers.CharField()
    implementation_grade = serializers.CharField()
    final_score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    final_level = serializers.CharField()
    replies = serializers.SerializerMethodField()
    implementation_reports = serializers.SerializerMethodField()

    # A row of the list brings them as null (selectors.suggestion_rows_public).
    row_attached = ("replies", "implementation_reports")

    def get_replies(self, handling) -> list[dict] | None:
        return None

    def get_implementation_reports(self, handling) -> list[dict] | None:
        return None


class PublicSuggestionOutput(ValuesRowsMixin, serializers.ModelSerializer):
    """A published suggestion in the public list: title, units, grades and final scores always;
    the content only if staff chose to publish it (suggestion_citizen_view decides)."""

    lead_deputy = serializers.CharField(source="lead_deputy.name")
    session = serializers.SerializerMethodField()
    category = serializers.CharField(read_only=True)
    category_display = ChoiceLabelField("category")
    units = serializers.SerializerMethodField()
    content = serializers.SerializerMethodField()
    handlings = PublicHandlingOutput(many=True, read_only=True)

    # The list reads its page as rows and brings these with them, for the whole page at once
    # (PublishedSuggestionListApi): records with their prefetched units and handlings took about
    # a millisecond a row.
    row_attached = ("category_display", "session", "units", "content", "handlings")
    row_reads = ("session__kind", "session__number", "session__term__number", "content", "publish_content")

    class Meta:
        model = Suggestion
        fields = ["id", "number", "year", "title", "category", "category_display", "session", "lead_deputy",
                  "units", "content", "handlings"]

    def get_session(self, suggestion) -> str | None:
        return suggestion.session.title if suggestion.session_id else None

    def get_units(self, suggestion) -> list[dict]:
        return [{"unit": a.organization.name, "role": a.role} for a in suggestion.assignments.all()]

    def get_content(self, suggestion) -> str | None:
        return selectors.suggestion_citizen_view(suggestion=suggestion, with_texts=False)["content"]


class PublicSuggestionDetailOutput(PublicSuggestionOutput):
    """One published suggestion: as in the list, with the replies and implementation reports of
    each handling when staff published them (null otherwise)."""

    handlings = serializers.SerializerMethodField()

    @extend_schema_field(PublicHandlingOutput(many=True))
    def get_handlings(self, suggestion) -> list[dict]:
        texts = selectors.suggestion_citizen_view(suggestion=suggestion)["texts"]
        published = {h.pk: (replies, reports) for h, replies, reports in texts or []}
        rows = PublicHandlingOutput(suggestion.handlings.all(), many=True).data
        for row in rows:
            replies, reports = published.get(row["id"], (None, None))
            row["replies"] = None if replies is None else _texts(replies)
            row["implementation_reports"] = None if reports is None else _texts(reports)
        return rows


class EvaluationOutput(serializers.ModelSerializer):
    stage = serializers.CharField(read_only=True)
    grade = serializers.CharField(read_only=True)
    entered_by = serializers.StringRelatedField()

    class Meta:
        model = Evaluation
        fields = ["id", "handling_id", "stage", "round", "grade", "graded_on", "entered_by", "on_behalf_of_deputy",
                  "created_at"]


class ReplyOutput(serializers.ModelSerializer):
    class Meta:
        model = Reply
        fields = ["id", "handling_id", "round", "content", "submitted_on"]


class ImplementationReportOutput(serializers.ModelSerializer):
    class Meta:
        model = ImplementationReport
        fields = ["id", "handling_id", "round", "content", "submitted_on"]


class FollowUpOutput(serializers.ModelSerializer):
    stage = serializers.CharField(read_only=True)
    outcome = serializers.CharField(read_only=True)

    class Meta:
        model = FollowUpRound
        fields = ["id", "handling_id", "round", "stage", "note", "opened_on", "deadline", "closed_on", "outcome",
                  "closing_note"]


class HandlingOutput(serializers.ModelSerializer):
    state = serializers.CharField(read_only=True)
    reply_grade = serializers.CharField(read_only=True)
    implementation_grade = serializers.CharField(read_only=True)
    final_level = serializers.CharField(read_only=True)
    unit = serializers.CharField(source="organization.name")
    suggestion_number = serializers.CharField(source="suggestion.number")
    suggestion_title = serializers.CharField(source="suggestion.title")
    lead_deputy = serializers.CharField(source="suggestion.lead_deputy.name")
    role = serializers.CharField(source="assignment.role")

    class Meta:
        model = Handling
        fields = ["id", "suggestion_id", "suggestion_number", "suggestion_title", "lead_deputy", "organization_id",
                  "unit", "role", "state", "round", "deadline", "first_replied_on", "reply_grade",
                  "implementation_grade", "final_score", "final_level", "evaluated_on"]


class HandlingDetailOutput(HandlingOutput):
    replies = ReplyOutput(many=True, read_only=True)
    implementation_reports = ImplementationReportOutput(many=True, read_only=True)
    evaluations = EvaluationOutput(many=True, read_only=True)
    follow_ups = FollowUpOutput(many=True, read_only=True)

    class Meta(HandlingOutput.Meta):
        fields = [*HandlingOutput.Meta.fields, "replies", "implementation_reports", "evaluations", "follow_ups"]


class HandlingSummaryOutput(serializers.Serializer):
    """A unit's handling of the suggestion: its id, the unit, its state, the reply deadline and the
    final score (a decimal as text; null until evaluated)."""

    id = serializers.IntegerField()
    unit = serializers.CharField()
    state = serializers.CharField()
    deadline = serializers.DateField()
    final_score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)


class SuggestionOutput(ValuesRowsMixin, serializers.ModelSerializer):
    state = serializers.CharField(read_only=True)
    category = serializers.CharField(read_only=True)
    lead_deputy = serializers.CharField(source="lead_deputy.name")
    handlings = serializers.SerializerMethodField()

    class Meta:
        model = Suggestion
        fields = ["id", "number", "year", "title", "content", "category", "session_id", "lead_deputy_id",
                  "lead_deputy", "state", "submitted_on", "registered_on", "rejection_reason", "is_published",
                  "publish_content", "publish_replies", "handlings"]

    # A list's rows bring their handlings (selectors.handling_summaries); a single suggestion, its
    # prefetched ones (Suggestion.objects.with_handlings_summary()). Both are shaped by handling_summary.
    row_attached = ("handlings",)

    @extend_schema_field(HandlingSummaryOutput(many=True))
    def get_handlings(self, suggestion) -> list[dict]:
        return [handling_summary({"id": h.pk, "unit": h.organization.name, "state": h.state, "deadline": h.deadline,
                                  "final_score": h.final_score}) for h in suggestion.handlings.all()]


def handling_summary(handling: dict) -> dict:
    """A handling as a suggestion's answer lists it; its score as text, as every decimal leaves the API."""
    score = handling["final_score"]
    return {**handling, "final_score": None if score is None else str(score)}


class CosignatureOutput(serializers.Serializer):
    suggestion_id = serializers.IntegerField()
    deputy_id = serializers.IntegerField()
    signed_at = serializers.DateTimeField()


# --- input ------------------------------------------------------------------------------------


class SuggestionInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    content = serializers.CharField()
    category = serializers.ChoiceField(Category.choices, default=Category.OTHER)
    session = serializers.PrimaryKeyRelatedField(queryset=CongressSession.objects.all(), required=False,
                                                 allow_null=True)
    lead_deputy = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), required=False,
                                                     help_text="Staff only: the lead deputy. A deputy leads their own.")


class RegisterInput(serializers.Serializer):
    number = serializers.CharField(max_length=20, required=False, allow_blank=True)


class RejectInput(serializers.Serializer):
    reason = serializers.CharField()


class UnitInput(serializers.Serializer):
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    role = serializers.ChoiceField(AssignmentRole.choices)


class AssignInput(serializers.Serializer):
    units = UnitInput(many=True)
    deadline = serializers.DateField(required=False, allow_null=True)


class PublishInput(serializers.Serializer):
    publish = serializers.BooleanField(default=True)
    publish_content = serializers.BooleanField(default=False)
    publish_replies = serializers.BooleanField(default=False)


class CosignInput(serializers.Serializer):
    deputy = serializers.PrimaryKeyRelatedField(queryset=Deputy.objects.all(), required=False,
                                                help_text="Staff only: the deputy who co-signs.")


class TextInput(serializers.Serializer):
    content = serializers.CharField()


class GradeInput(serializers.Serializer):
    stage = serializers.ChoiceField(Stage.choices)
    grade = serializers.ChoiceField(Grade.choices)


class CloseFollowUpInput(serializers.Serializer):
    follow_up = serializers.IntegerField(required=False, help_text="the round to close (default: the latest open)")
    note = serializers.CharField()


class FollowUpInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True)
    deadline = serializers.DateField(required=False, allow_null=True)


# --- public -----------------------------------------------------------------------------------


class PublicSuggestionFilter(filters.FilterSet):
    year = filters.NumberFilter()
    category = filters.ChoiceFilter(choices=Category.choices)
    unit = filters.NumberFilter(method="assigned_to")
    q = filters.CharFilter(method="search", label="title or number contains")

    class Meta:
        model = Suggestion
        fields = ["year", "category", "unit", "q"]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def assigned_to(self, queryset, name, value):
        return queryset.assigned_to(value)


class PublishedSuggestionListApi(generics.ListAPIView):
    """Published suggestions, for anyone: newest year first, then by number."""

    serializer_class = PublicSuggestionOutput
    permission_classes = [AllowAny]
    filterset_class = PublicSuggestionFilter
    filter_backends = [FilterBackend]
    # By cursor, in the order of the public list's index, as the site's list: ten years are some
    # 90,000 published suggestions, and a page by number read and dropped every row before it.
    pagination_class = KeysetPagination
    keyset_ordering = ("-year", "number")
    page_as_rows = True

    def get_queryset(self):
        return selectors.suggestion_list_public(with_relations=False)

    def paginate_queryset(self, queryset):
        rows = selectors.suggestion_rows_public(rows=super().paginate_queryset(queryset))
        handlings = PublicHandlingOutput(many=True)
        for row in rows:
            row["handlings"] = handlings.to_representation(row["handlings"])
        return rows


class PublishedSuggestionDetailApi(APIView):
    """One published suggestion, for anyone (404 if it is not published)."""

    permission_classes = [AllowAny]

    @extend_schema(responses=PublicSuggestionDetailOutput)
    def get(self, request, pk: int):
        try:
            suggestion = selectors.suggestion_get_public(pk=pk)
        except Suggestion.DoesNotExist:
            raise Http404 from None
        return Response(PublicSuggestionDetailOutput(suggestion).data)


class UnitRankingRowOutput(serializers.Serializer):
    rank = serializers.IntegerField(allow_null=True)
    unit = serializers.CharField()
    handlings = serializers.IntegerField()
    evaluated = serializers.IntegerField()
    mean_final = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    satisfaction_rate = serializers.DecimalField(max_digits=5, decimal_places=4, allow_null=True)
    full_mark_replies = serializers.IntegerField()
    full_mark_implementations = serializers.IntegerField()
    overdue_replies = serializers.IntegerField()


def ranking_rows(snapshot_rows) -> list[dict]:
    return [{"rank": r.rank, "unit": r.unit_name, "handlings": r.handlings, "evaluated": r.evaluated,
             "mean_final": r.mean_final, "satisfaction_rate": r.satisfaction_rate,
             "full_mark_replies": r.full_mark_replies, "full_mark_implementations": r.full_mark_implementations,
             "overdue_replies": r.overdue_replies} for r in snapshot_rows]


class YearParams(serializers.Serializer):
    year = YearParam(help_text="e.g. 2020")


class PublishedRankingApi(APIView):
    """The published unit ranking of a year (latest revision of the latest published quarter)."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[YearParams],
        responses=inline_serializer("SuggestionRanking", fields={
            "year": serializers.IntegerField(), "quarter": serializers.CharField(),
            "revision": serializers.IntegerField(), "rows": UnitRankingRowOutput(many=True)}))
    def get(self, request):
        year = query_params(request, YearParams)["year"]
        ranking = selectors.published_ranking(year=year)
        if ranking is None:
            raise Http404
        publication = ranking["publication"]
        return Response({"year": year, "quarter": publication.quarter, "revision": publication.revision,
                         "rows": UnitRankingRowOutput(ranking_rows(ranking["rows"]), many=True).data})


# --- scoped workflow: one view per operation ---------------------------------------------------
# Each step fetches its row within the caller's scope (404 outside it) and calls one service,
# which decides whether the caller may take the step (403) and whether the state allows it (409).


class SuggestionFilter(filters.FilterSet):
    class Meta:
        model = Suggestion
        fields = ["state", "year", "category"]


def _suggestion_output(request, suggestion, status_code=status.HTTP_200_OK) -> Response:
    fresh = _scoped_suggestions(request.user).get(pk=suggestion.pk)
    return Response(SuggestionOutput(fresh).data, status=status_code)


def _scoped_suggestions(user):
    return Suggestion.objects.for_user(user).select_related("lead_deputy").prefetch_related("handlings__organization")


def _suggestion(request, pk) -> Suggestion:
    return get_for_user_or_404(Suggestion.objects.all(), request.user, pk=pk)


def _handling(request, pk) -> Handling:
    return get_for_user_or_404(Handling.objects.select_related("suggestion", "organization"), request.user, pk=pk)


def _valid(serializer_class, request) -> dict:
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class SuggestionListCreateApi(ScopedApiMixin, generics.ListAPIView):
    """Suggestions within the user's scope (a deputy's own, a unit's assigned, all for staff), newest first;
    POST drafts one (a deputy leads their own; staff name the lead deputy)."""

    serializer_class = SuggestionOutput
    permission_classes = [IsAuthenticated]
    filterset_class = SuggestionFilter
    filter_backends = [FilterBackend]
    queryset = Suggestion.objects.all()
    # Newest first, by cursor on the primary key: office staff page through 100,000 suggestions in
    # ten years, and a page by number read and dropped every row before it. Not by year and number,
    # as the public list: a draft has neither until it is registered.
    pagination_class = KeysetPagination
    keyset_ordering = ("-id",)
    page_as_rows = True  # a page is read as rows, and its handlings for all of them in one query

    def paginate_queryset(self, queryset):
        rows = super().paginate_queryset(queryset)
        handlings = selectors.handling_summaries(suggestion_ids=[row["id"] for row in rows])
        for row in rows:
            row["handlings"] = [handling_summary(handling) for handling in handlings[row["id"]]]
        return rows

    @extend_schema(request=SuggestionInput, responses={201: SuggestionOutput})
    def post(self, request):
        values = _valid(SuggestionInput, request)
        lead = values.pop("lead_deputy", None)
        if not is_staff(request.user):
            lead = require_deputy(request.user)
        elif lead is None:
            raise DomainError(_("Choose the lead deputy."), field="lead_deputy")
        suggestion = services.suggestion_create(lead_deputy=lead, created_by=request.user, **values)
        return _suggestion_output(request, suggestion, status.HTTP_201_CREATED)


class SuggestionDetailApi(ScopedApiMixin, generics.RetrieveAPIView):
    serializer_class = SuggestionOutput
    permission_classes = [IsAuthenticated]
    queryset = Suggestion.objects.with_handlings_summary()


class SuggestionEditApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=SuggestionInput, responses=SuggestionOutput)
    def post(self, request, pk: int):
        """Change a draft's text (its lead deputy or staff)."""
        values = _valid(SuggestionInput, request)
        values.pop("lead_deputy", None)
        values.setdefault("session", None)
        suggestion = services.suggestion_update_draft(suggestion=_suggestion(request, pk), edited_by=request.user,
                                                      **values)
        return _suggestion_output(request, suggestion)


class SuggestionSubmitApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=SuggestionOutput)
    def post(self, request, pk: int):
        """Submit a draft (its lead deputy or staff)."""
        suggestion = services.suggestion_submit(suggestion=_suggestion(request, pk), submitted_by=request.user)
        return _suggestion_output(request, suggestion)


class SuggestionRegisterApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=RegisterInput, responses=SuggestionOutput)
    def post(self, request, pk: int):
        """Staff: register a submitted suggestion (the next number of its year unless given)."""
        suggestion = services.suggestion_register(suggestion=_suggestion(request, pk), registered_by=request.user,
                                                  **_valid(RegisterInput, request))
        return _suggestion_output(request, suggestion)


class SuggestionRejectApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=RejectInput, responses=SuggestionOutput)
    def post(self, request, pk: int):
        """Staff: do not register a submitted suggestion, with a reason."""
        suggestion = services.suggestion_reject(suggestion=_suggestion(request, pk), rejected_by=request.user,
                                                **_valid(RejectInput, request))
        return _suggestion_output(request, suggestion)


class SuggestionAssignApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=AssignInput, responses=SuggestionOutput)
    def post(self, request, pk: int):
        """Staff: assign a registered suggestion to units with their roles."""
        values = _valid(AssignInput, request)
        suggestion = _suggestion(request, pk)
        services.suggestion_assign(suggestion=suggestion, assigned_by=request.user, deadline=values.get("deadline"),
                                   units=[(u["organization"], u["role"]) for u in values["units"]])
        return _suggestion_output(request, suggestion)


class SuggestionPublishApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=PublishInput, responses=SuggestionOutput)
    def post(self, request, pk: int):
        """Staff: publish a registered suggestion (choosing content and replies), or withdraw it
        with {"publish": false}."""
        values = _valid(PublishInput, request)
        suggestion = _suggestion(request, pk)
        if not values.pop("publish"):
            suggestion = services.suggestion_unpublish(suggestion=suggestion, unpublished_by=request.user)
        else:
            suggestion = services.suggestion_publish(suggestion=suggestion, published_by=request.user, **values)
        return _suggestion_output(request, suggestion)


class OpenForCosigningOutput(serializers.ModelSerializer):
    category = serializers.CharField(read_only=True)
    lead_deputy = serializers.CharField(source="lead_deputy.name")

    class Meta:
        model = Suggestion
        fields = ["id", "title", "content", "category", "lead_deputy", "submitted_on"]


class OpenForCosigningApi(generics.ListAPIView):
    """Submitted suggestions of other deputies a deputy may read and co-sign."""

    serializer_class = OpenForCosigningOutput
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.suggestions_open_for_cosigning(user=self.request.user)


class CosignApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=CosignInput, responses={201: CosignatureOutput})
    def post(self, request, pk: int):
        """Co-sign: a deputy in their own name, or staff naming the deputy."""
        suggestion = selectors.suggestion_get_for_cosigning(pk=pk, user=request.user)
        values = _valid(CosignInput, request)
        if is_staff(request.user):
            deputy = values.get("deputy")
            if deputy is None:
                raise DomainError(_("Choose the deputy who co-signs."), field="deputy")
        else:
            deputy = require_deputy(request.user)
        cosignature = services.suggestion_cosign(suggestion=suggestion, deputy=deputy, signed_by=request.user)
        return Response(CosignatureOutput(cosignature).data, status=status.HTTP_201_CREATED)


class HandlingFilter(filters.FilterSet):
    state = filters.ChoiceFilter(choices=HandlingState.choices)
    year = filters.NumberFilter(field_name="suggestion__year")

    class Meta:
        model = Handling
        fields = ["state", "year", "organization"]


class HandlingListApi(ScopedApiMixin, generics.ListAPIView):
    """Handlings within the user's scope: a unit's own, a deputy's suggestions', all for staff;
    the nearest reply deadline first."""

    serializer_class = HandlingOutput
    permission_classes = [IsAuthenticated]
    filterset_class = HandlingFilter
    filter_backends = [FilterBackend]
    # By cursor: office staff page through every handling of ten years (100,000); the (deadline, id)
    # and (unit, deadline, id) indexes serve any page as fast as the first.
    pagination_class = KeysetPagination
    keyset_ordering = ("deadline", "id")
    queryset = Handling.objects.with_relations()


class HandlingDetailApi(ScopedApiMixin, generics.RetrieveAPIView):
    """One handling with its replies, reports, every grade and its follow-up rounds."""

    serializer_class = HandlingDetailOutput
    permission_classes = [IsAuthenticated]
    queryset = Handling.objects.with_relations().prefetch_related(
        "replies", "implementation_reports", "evaluations__entered_by", "follow_ups")


class HandlingReplyApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=TextInput, responses={201: ReplyOutput})
    def post(self, request, pk: int):
        """The unit (or staff): the reply, or the new reply of a follow-up round."""
        reply = services.handling_reply(handling=_handling(request, pk), submitted_by=request.user,
                                        **_valid(TextInput, request))
        return Response(ReplyOutput(reply).data, status=status.HTTP_201_CREATED)


class HandlingReportImplementationApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=TextInput, responses={201: ImplementationReportOutput})
    def post(self, request, pk: int):
        """The unit (or staff): the implementation report, or a follow-up round's new one."""
        report = services.handling_report_implementation(handling=_handling(request, pk), submitted_by=request.user,
                                                         **_valid(TextInput, request))
        return Response(ImplementationReportOutput(report).data, status=status.HTTP_201_CREATED)


class HandlingGradeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=GradeInput, responses={201: EvaluationOutput})
    def post(self, request, pk: int):
        """The lead deputy (or staff for them): grade the stage's answer awaiting its grade."""
        evaluation = services.handling_grade(handling=_handling(request, pk), entered_by=request.user,
                                             **_valid(GradeInput, request))
        return Response(EvaluationOutput(evaluation).data, status=status.HTTP_201_CREATED)


class HandlingSuperviseFollowUpApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=FollowUpInput, responses={200: FollowUpOutput})
    def post(self, request, pk: int):
        """Staff: the supervision note and deadline of the open follow-up round (a C opens the
        round itself; the path `open-follow-up` keeps its name for existing clients)."""
        follow_up = services.handling_supervise_follow_up(handling=_handling(request, pk), supervised_by=request.user,
                                                          **_valid(FollowUpInput, request))
        return Response(FollowUpOutput(follow_up).data)


class HandlingCloseFollowUpApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=CloseFollowUpInput, responses={200: FollowUpOutput})
    def post(self, request, pk: int):
        """Staff: close an open follow-up round with a note (the current grade stays)."""
        values = _valid(CloseFollowUpInput, request)
        open_rounds = FollowUpRound.objects.open().filter(handling=_handling(request, pk)).order_by("-round")
        wanted = values.get("follow_up")
        follow_up = open_rounds.filter(pk=wanted).first() if wanted else open_rounds.first()
        if follow_up is None:
            raise Http404
        follow_up = services.follow_up_close(follow_up=follow_up, note=values["note"], closed_by=request.user)
        return Response(FollowUpOutput(follow_up).data)


class StatisticsApi(APIView):
    """Live statistics of a year, per unit and district-wide (staff; the public gets the ranking)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[YearParams],
                   responses=inline_serializer("SuggestionStatistics", fields={
                       "year": serializers.IntegerField(), "district": serializers.DictField(),
                       "units": serializers.ListField(child=serializers.DictField())}))
    def get(self, request):
        require_staff(request.user)
        stats = selectors.year_statistics(year=query_params(request, YearParams)["year"])

        def plain(unit):
            return {**vars(unit), "satisfaction_rate": unit.satisfaction_rate, "mean_final": unit.mean_final}

        return Response({"year": stats.year, "as_of": stats.as_of, "min_evaluated": stats.min_evaluated,
                         "district": plain(stats.district), "units": [plain(u) for u in stats.units]})
