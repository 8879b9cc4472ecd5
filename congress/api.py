"""The core registry's API: public registry endpoints (read-only) and a unit's own contact sheet."""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import authenticate
from django.db.models import Count
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, mixins, serializers, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from congress.accounts import AccountLocked, token_expires_at
from congress.drf import ChoiceLabelField
from congress.models import (
    Community,
    CongressSession,
    Deputy,
    Organization,
    OrganizationContact,
    Publication,
    Street,
    Term,
)
from congress.scoping import ScopedApiMixin
from congress.services import api_token_for_login, api_token_revoke, organization_contact_update

# --- public registry -------------------------------------------------------------------------

class StreetOutput(serializers.ModelSerializer):
    community_count = serializers.IntegerField(read_only=True)
    deputy_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Street
        fields = ["id", "name", "code", "community_count", "deputy_count"]


class CommunityOutput(serializers.ModelSerializer):
    street = serializers.StringRelatedField()

    class Meta:
        model = Community
        fields = ["id", "name", "code", "street_id", "street"]


class OrganizationOutput(serializers.ModelSerializer):
    kind_display = ChoiceLabelField("kind")
    is_joint_supervision_organ = serializers.BooleanField(read_only=True)

    class Meta:
        model = Organization
        fields = ["id", "name", "short_name", "kind", "kind_display", "is_joint_supervision_organ"]


class TermOutput(serializers.ModelSerializer):
    class Meta:
        model = Term
        fields = ["id", "number", "start_year", "end_year"]


class SessionOutput(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)

    class Meta:
        model = CongressSession
        fields = ["id", "term_id", "kind", "number", "title", "start_date", "end_date"]


class DeputyOutput(serializers.ModelSerializer):
    """Public fields only; private details are in another model and never serialized here."""

    street = serializers.StringRelatedField()
    community = serializers.StringRelatedField()
    gender_display = ChoiceLabelField("gender")
    status_display = ChoiceLabelField("status")
    photo = serializers.ImageField(read_only=True, use_url=True)

    class Meta:
        model = Deputy
        fields = ["id", "code", "name", "gender", "gender_display", "occupation", "street_id", "street",
                  "community_id", "community", "term_id", "status", "status_display",
                  "is_committee_member", "photo"]


class DeputyFilter(filters.FilterSet):
    q = filters.CharFilter(method="search", label="name, occupation or community contains")

    class Meta:
        model = Deputy
        fields = ["street", "community", "term", "status", "gender", "is_committee_member"]

    def search(self, queryset, name, value):
        return queryset.search(value)


class StreetApi(viewsets.ReadOnlyModelViewSet):
    serializer_class = StreetOutput
    # A GROUP BY query drops Meta.ordering, so the display order is repeated here (pages must not shift).
    queryset = Street.objects.annotate(
        community_count=Count("communities", distinct=True), deputy_count=Count("deputies", distinct=True),
    ).order_by("order", "name")
    search_fields = ["name"]


class CommunityApi(viewsets.ReadOnlyModelViewSet):
    serializer_class = CommunityOutput
    queryset = Community.objects.with_street()
    filterset_fields = ["street"]
    search_fields = ["name"]


class OrganizationApi(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganizationOutput
    queryset = Organization.objects.active()
    filterset_fields = ["kind"]
    search_fields = ["name", "short_name"]


class TermApi(viewsets.ReadOnlyModelViewSet):
    serializer_class = TermOutput
    queryset = Term.objects.all()


class SessionApi(viewsets.ReadOnlyModelViewSet):
    serializer_class = SessionOutput
    queryset = CongressSession.objects.select_related("term")
    filterset_fields = ["term", "kind"]


class DeputyApi(viewsets.ReadOnlyModelViewSet):
    serializer_class = DeputyOutput
    queryset = Deputy.objects.public()
    filterset_class = DeputyFilter
    ordering_fields = ["name", "code"]


# --- a unit's own contact sheet (scoped) -------------------------------------------------------

class OrganizationContactOutput(serializers.ModelSerializer):
    organization = serializers.StringRelatedField()

    class Meta:
        model = OrganizationContact
        fields = ["id", "organization_id", "organization", "contact_person", "phone", "email", "address"]


class OrganizationContactInput(serializers.Serializer):
    contact_person = serializers.CharField(max_length=40, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)


@extend_schema_view(
    partial_update=extend_schema(request=OrganizationContactInput, responses=OrganizationContactOutput),
)
class OrganizationContactApi(ScopedApiMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                             viewsets.GenericViewSet):
    """A unit's private contact sheet: staff see all, a unit user only their own (others: 404)."""

    serializer_class = OrganizationContactOutput
    queryset = OrganizationContact.objects.all()
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "patch", "head", "options"]

    def partial_update(self, request, pk=None):
        contact = self.get_object()
        data = OrganizationContactInput(data=request.data)
        data.is_valid(raise_exception=True)
        contact = organization_contact_update(contact=contact, editor=request.user, **data.validated_data)
        return Response(OrganizationContactOutput(contact).data)


# --- API tokens -----------------------------------------------------------------------------------

class TokenInput(serializers.Serializer):
    username = serializers.CharField(max_length=150, trim_whitespace=False)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})
    otp_token = serializers.CharField(
        max_length=64, required=False, allow_blank=True,
        help_text="Office staff and superusers: the current code of their authenticator (or a recovery code).")


class TokenOutput(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`.")
    expires = serializers.DateTimeField(help_text="After this the token is refused (401); ask for a new one.")


class LockedOutOutput(serializers.Serializer):
    detail = serializers.CharField()


class ApiTokenView(APIView):
    """POST: a token for a username and password (throttled like every login: too many failures
    lock the account and the address, 429). DELETE: revoke the caller's own token."""

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method == "DELETE" else [AllowAny()]

    @extend_schema(request=TokenInput, responses={200: TokenOutput, 429: LockedOutOutput},
                   summary="Get an API token", description=(
                       "The caller's API token, valid for API_TOKEN_TTL_HOURS (default 12) hours after it "
                       "was issued. Office staff and superusers send the code of their authenticator as "
                       "`otp_token` too. Failed logins are counted per account and per address: too many lock "
                       "both for a while (429 with a message)."))
    def post(self, request):
        data = TokenInput(data=request.data)
        data.is_valid(raise_exception=True)
        # The Django request: axes marks it when the login is throttled.
        user = authenticate(request._request, username=data.validated_data["username"],
                            password=data.validated_data["password"])
        if getattr(request._request, "axes_locked_out", False):
            raise AccountLocked()
        if user is None:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Unable to log in with the username and password given.")]})
        AxesProxyHandler.user_logged_in(type(self), request._request, user)  # a success clears the count
        token = api_token_for_login(user=user, second_factor_code=data.validated_data.get("otp_token", ""))
        return Response({"token": token.key, "expires": token_expires_at(token)})

    @extend_schema(request=None, responses={204: None}, summary="Revoke my API token",
                   description="Deletes the caller's token: calls with it are refused (401) from now on.")
    def delete(self, request):
        api_token_revoke(user=request.user)
        return Response(status=204)


# --- the publications' hash chain (congress.opendata) ---------------------------------------------

class PublicationOutput(serializers.ModelSerializer):
    data = serializers.SerializerMethodField(help_text="The JSON downloads whose bytes, concatenated in this "
                                                       "order, are the revision's canonical bytes.")

    class Meta:
        model = Publication
        fields = ["sequence", "quarter", "revision", "reason", "published_at", "previous_digest", "digest", "data"]

    def get_data(self, publication) -> list[str]:
        from congress.opendata import carried_data_sets, revision_download_url

        return [revision_download_url(publication, data_set) for data_set in carried_data_sets(publication)]


class PublicationListApi(generics.ListAPIView):
    """Every sealed revision of the quarterly publication in chain order (oldest first), with its
    digest = sha256(previous_digest + canonical bytes). Public; not paginated (a few a year)."""

    serializer_class = PublicationOutput
    permission_classes = [AllowAny]
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self):
        from congress.opendata import sealed_revisions

        return sealed_revisions().order_by("sequence")

