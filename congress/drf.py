"""API plumbing shared by every app: strict pagination, query-parameter validation, the router,
the error format and the error answers every operation documents. Kept apart from the views so
DRF can import it while its own modules load.

No input yields a 500: a malformed page, page size, id, year or period is a 400 with a message
per field (`query_params`), an id that is not a number does not match a route (404), and the
schema says so for every operation (`document_error_responses`)."""

from __future__ import annotations

import datetime
import re
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import pagination, routers, serializers, status
from rest_framework.fields import ISO_8601
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import exception_handler as drf_exception_handler

from congress.errors import DomainError
from congress.paging import MAX_CURSOR_LENGTH, keyset_page
from congress.periods import Quarter, Year

MAX_PAGE = 100_000


# --- query parameters -----------------------------------------------------------------------------

def query_params(request, serializer_class: type[serializers.Serializer], **context) -> dict:
    """The request's query parameters validated by `serializer_class` (400 with a message per
    field otherwise). Declare the same serializer in `extend_schema(parameters=[...])`."""
    data = serializer_class(data=request.query_params, context={"request": request, **context})
    data.is_valid(raise_exception=True)
    return data.validated_data


class YearParam(serializers.IntegerField):
    """A calendar year (1900–2999), e.g. ?year=2020."""

    default_error_messages = {"invalid": gettext_lazy("Give a year such as 2020.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2999)
        super().__init__(**kwargs)


class OptionalYearParams(serializers.Serializer):
    """The query of a public read that answers all years, or one: ?year=2020 (optional)."""

    year = YearParam(required=False)


class IdParam(serializers.IntegerField):
    """The id of a row, e.g. ?community=12: a positive integer that fits an id column (a larger one
    overflowed SQLite's integers: a 500 instead of a 400)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(**kwargs)


class QuarterParam(serializers.CharField):
    """A quarter such as 2020Q4 → congress.periods.Quarter."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "a quarter, e.g. 2020Q4")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        text = super().to_internal_value(data)[:20]
        try:
            return Quarter.parse(text)
        except ValueError:
            raise serializers.ValidationError(_("Give a quarter such as 2020Q4.")) from None


class PeriodParam(serializers.CharField):
    """A year (2020) or a quarter (2020Q4) → congress.periods.Year or Quarter."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "a year (2020) or a quarter (2020Q4)")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        text = super().to_internal_value(data)[:20]
        try:
            if not re.fullmatch(r"\d{4}(Q[1-4])?", text):
                raise ValueError(text)
            return Quarter.parse(text) if "Q" in text else Year(int(text))
        except ValueError:
            raise serializers.ValidationError(_lazy_period_message) from None


_lazy_period_message = gettext_lazy("Give a year (2020) or a quarter (2020Q4) between 1900 and 2999.")


# --- filters -------------------------------------------------------------------------------------

class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, except that the FilterSet a view's `filterset_fields` describe is
    built once per view and model, not as a new class on every request (about 1 ms each here), and
    that a request which names none of its filters is not run through a FilterSet at all (its form,
    a deep copy of every filter, for nothing: about a fifth of a short API list's time)."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or not _names_a_filter(filterset_class, request.query_params):
            return queryset
        _check_booleans(filterset_class, request.query_params)
        return super().filter_queryset(request, queryset, view)

    def get_filterset_class(self, view, queryset=None):
        if getattr(view, "filterset_class", None) or queryset is None:
            return super().get_filterset_class(view, queryset)
        key = (type(view), queryset.model)
        built = _filtersets.get(key)
        if built is None:
            built = _filtersets[key] = super().get_filterset_class(view, queryset)
        return built


_BOOLEAN_WORDS = {"true", "false", "True", "False"}  # what django-filter reads


def _check_booleans(filterset_class, params) -> None:
    """A yes/no filter given something else is a 400: django-filter reads "abc" as no filter at
    all, so ?is_committee_member=abc answered every deputy as if it had not been asked."""
    from django_filters import BooleanFilter

    errors = {name: [_("Give true or false.")] for name, flt in filterset_class.base_filters.items()
              if isinstance(flt, BooleanFilter) and name in params
              and params.get(name, "") not in _BOOLEAN_WORDS | {""}}
    if errors:
        raise serializers.ValidationError(errors)


def _names_a_filter(filterset_class, params) -> bool:
    """Whether the FilterSet has anything to do with these parameters: one of them belongs to a
    filter (a filter reads its own name, or its name with a suffix: `deadline_after`, `points_min`),
    or a filter is required (its absence is a 400)."""
    if any(f.extra.get("required") for f in filterset_class.base_filters.values()):
        return True
    return any(key.startswith(name) for key in params for name in filterset_class.base_filters)


_filtersets: dict = {}


# --- output of long lists --------------------------------------------------------------------------

class ValuesRowsMixin:
    """For a (Model)Serializer whose lists are long: it also renders the dicts of a `.values()`
    queryset, keyed by each field's source with `__` for `.` (`rule.code` → `rule__code`).

    A row goes straight to each field's own to_representation, without DRF's walk of the source
    per field and without model instances: on a page of fifty ledger entries, about three times
    faster, and the same output (points/tests/test_api_entry_output.py). An instance is rendered by
    DRF as usual, so the serializer still answers the workflow steps with their saved object.
    The fields are built once per class, so they must render a value alone (no request in their
    context). `row_keys()` names what to select: `queryset.values(*Output.row_keys())`; a paged list view
    sets `page_as_rows = True` instead, so the page is counted on the plain queryset (no joins for
    the row's names) and only the page's rows are selected as values. Fields whose source is `*`
    (method fields) are not supported, except those named in `row_attached`: the list view puts their
    value into each row itself (e.g. a suggestion's handlings, read for the whole page in one query),
    and the row renders it as it is, as DRF renders a method field's return value."""

    row_attached: tuple[str, ...] = ()
    # Further keys the list view selects to work out what it attaches (not rendered themselves).
    row_reads: tuple[str, ...] = ()

    @classmethod
    def row_keys(cls) -> list[str]:
        return [key for name, key, _render in cls._row_plan() if name not in cls.row_attached] + list(cls.row_reads)

    @classmethod
    def many_init(cls, *args, **kwargs):
        # DRF's own many_init, with a list serializer that renders a page of rows in one pass.
        list_kwargs = {key: kwargs.pop(key) for key in serializers.LIST_SERIALIZER_KWARGS_REMOVE
                       if kwargs.get(key) is not None}
        list_kwargs["child"] = cls(*args, **kwargs)
        list_kwargs.update({key: value for key, value in kwargs.items() if key in serializers.LIST_SERIALIZER_KWARGS})
        return _RowsListSerializer(*args, **list_kwargs)

    @classmethod
    def _row_plan(cls) -> list[tuple]:
        # Built once per class (DRF would build the fields again for every serializer): the fields
        # of a row serializer render a value alone, without the request or the parent.
        plan = cls.__dict__.get("_row_plan_built")
        if plan is None:
            plan = []
            for name, field in cls().fields.items():
                if field.write_only:
                    continue
                if name in cls.row_attached:
                    plan.append((name, name, None))
                    continue
                if field.source == "*" or isinstance(field, serializers.BaseSerializer):
                    raise TypeError(f"{cls.__name__}.{name}: a row has no nested object or method field")
                plan.append((name, field.source.replace(".", "__"), _value_renderer(field)))
            cls._row_plan_built = plan
        return plan

    def to_representation(self, instance):
        if not isinstance(instance, dict):
            return super().to_representation(instance)
        return self.rows_to_representation([instance])[0]

    def rows_to_representation(self, rows) -> list[dict]:
        # The current time zone is read once for the rows, not once per datetime value as DRF does.
        zone = timezone.get_current_timezone() if settings.USE_TZ else None
        plan = [(name, key, partial(_datetime_iso, zone=zone) if render is _DATETIME else render)
                for name, key, render in self._row_plan()]
        return [{name: value if (value := row[key]) is None or render is None else render(value)
                 for name, key, render in plan} for row in rows]


class _RowsListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        if isinstance(data, list) and data and isinstance(data[0], dict):
            return self.child.rows_to_representation(data)
        return super().to_representation(data)


_PLAIN = {serializers.CharField: str, serializers.IntegerField: int, serializers.BooleanField: bool}
_DATETIME = object()  # a placeholder in a row plan: rendered in the time zone current for the rows


def _value_renderer(field):
    """How a row renders a database value of `field`: what DRF's field would return, without a call
    through the field for the plain types (None: the value as it is)."""
    kind = type(field)
    if kind is serializers.ReadOnlyField:
        return None
    if kind is serializers.BigIntegerField:
        coerce = getattr(field, "coerce_to_string", api_settings.COERCE_BIGINT_TO_STRING)
        return str if coerce else int
    if kind in _PLAIN:
        return _PLAIN[kind]
    if kind is serializers.ChoiceField and all(isinstance(key, str) for key in field.choices):
        return None  # a stored choice renders as itself (DRF maps str(value) back to the same key)
    if kind is serializers.DateField and getattr(field, "format", api_settings.DATE_FORMAT).lower() == ISO_8601:
        return datetime.date.isoformat
    if (kind is serializers.DateTimeField and not hasattr(field, "timezone")
            and getattr(field, "format", api_settings.DATETIME_FORMAT).lower() == ISO_8601):
        return _DATETIME
    return field.to_representation


def _datetime_iso(value, *, zone):
    """DRF's ISO 8601 rendering of a datetime: in the current time zone, UTC written as Z."""
    if zone is not None and timezone.is_aware(value):
        value = value.astimezone(zone)
    elif zone is not None:
        value = timezone.make_aware(value, zone)
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


@extend_schema_field(OpenApiTypes.STR)
class ContentTypeField(serializers.Field):
    """A content type's id (`source="source_type_id"`) shown as "app_label.model", from Django's
    content-type cache (no join, no query once cached)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        from django.contrib.contenttypes.models import ContentType

        content_type = ContentType.objects.get_for_id(value)
        return f"{content_type.app_label}.{content_type.model}"


@extend_schema_field(OpenApiTypes.STR)
class ChoiceLabelField(serializers.Field):
    """The label of a choice field in the reader's language: `ChoiceLabelField("kind")` answers
    `get_kind_display()`. Not `CharField(source="get_kind_display")`: DRF inspects the signature of a
    callable source on every row it renders."""

    def __init__(self, field_name: str, **kwargs):
        self.choice_field_name = field_name
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, instance) -> str:
        return getattr(instance, f"get_{self.choice_field_name}_display")()


# --- pagination ----------------------------------------------------------------------------------

class PageParams(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)
    page_size = serializers.IntegerField(min_value=1, required=False)

    def validate_page_size(self, value):
        limit = self.context["max_page_size"]
        if value > limit:
            raise serializers.ValidationError(_("At most %(limit)s rows per page.") % {"limit": limit})
        return value


def _page_params(request, serializer_class, **context) -> dict:
    """?page= and ?page_size= validated; most requests name neither, and skip the serializer."""
    if "page" not in request.query_params and "page_size" not in request.query_params:
        return {}
    return query_params(request, serializer_class, **context)


class _RowsPaginator(Paginator):
    """Counts the queryset as it is; reads the page as `.values(*keys)` rows (ValuesRowsMixin)."""

    def __init__(self, object_list, per_page, *, keys: list[str], **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.keys = keys

    def _get_page(self, object_list, *args, **kwargs):
        return super()._get_page(object_list.values(*self.keys), *args, **kwargs)


class Pagination(pagination.PageNumberPagination):
    """?page= and ?page_size= must be whole numbers in range (else 400, not a silent default);
    a page past the end is a 404."""

    page_size_query_param = "page_size"
    max_page_size = 500
    last_page_strings = ()

    def paginate_queryset(self, queryset, request, view=None):
        _page_params(request, PageParams, max_page_size=self.max_page_size)
        if getattr(view, "page_as_rows", False):
            self.django_paginator_class = partial(_RowsPaginator, keys=view.get_serializer_class().row_keys())
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": MAX_PAGE})
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
        return parameters


class KeysetParams(PageParams):
    page = serializers.IntegerField(required=False)

    def validate_page(self, value):
        raise serializers.ValidationError(_("This list is paged by cursor: follow the answer's \"next\" link."))


class KeysetPagination(pagination.BasePagination):
    """For the longest lists (the ledger: two million entries): the page after `?after=` or before
    `?before=` a cursor, in the view's fixed `keyset_ordering` (congress.paging), which an index
    answers as fast at any depth as on the first page, and no count of the whole list. The answer
    is {next, previous, results}; ?page_size= as on every list; ?page= is refused (a client that
    counts pages would otherwise read the first page forever)."""

    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        params = _page_params(request, KeysetParams, max_page_size=self.max_page_size)
        self.request = request
        if getattr(view, "page_as_rows", False):
            queryset = queryset.values(*view.get_serializer_class().row_keys())
        self.page = keyset_page(queryset, ordering=view.keyset_ordering, request=request,
                                per_page=params.get("page_size") or api_settings.PAGE_SIZE, count=False)
        return list(self.page)

    def get_paginated_response(self, data):
        return Response({"next": self._link("after", self.page.next_cursor),
                         "previous": self._link("before", self.page.previous_cursor), "results": data})

    def _link(self, key: str, cursor: str | None) -> str | None:
        if cursor is None:
            return None
        url = remove_query_param(remove_query_param(self.request.build_absolute_uri(), "after"), "before")
        return replace_query_param(url, key, cursor)

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {"type": "object", "required": ["results"],
                "properties": {"next": link, "previous": link, "results": schema}}

    def get_schema_operation_parameters(self, view):
        cursor = {"type": "string", "maxLength": MAX_CURSOR_LENGTH}
        return [
            {"name": "after", "required": False, "in": "query", "schema": cursor,
             "description": "the cursor of the answer's `next` link"},
            {"name": "before", "required": False, "in": "query", "schema": cursor,
             "description": "the cursor of the answer's `previous` link"},
            {"name": self.page_size_query_param, "required": False, "in": "query",
             "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
             "description": "rows per page"},
        ]


# --- routes ---------------------------------------------------------------------------------------

class Router(routers.DefaultRouter):
    """Every app's router: ids in URLs are whole numbers (`/suggestions/AAA/` is a 404, never a
    lookup with a malformed id). A viewset with another lookup sets `lookup_value_regex`."""

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        if not getattr(viewset, "lookup_value_regex", None):
            viewset.lookup_value_regex = "[0-9]{1,18}"
        return super().get_lookup_regex(viewset, lookup_prefix)


# --- errors ---------------------------------------------------------------------------------------

def _record_refusal(exc, context) -> None:
    """A refused authorization (a guard's NotPermitted, a permission class's 403) joins the audit
    trail; a missing login (401) does not: it refuses no one in particular."""
    from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
    from rest_framework.exceptions import PermissionDenied

    from congress.audit import record_refusal
    from congress.errors import NotPermitted

    if isinstance(exc, NotPermitted):
        record_refusal(exc.message, request=context.get("request"))
    elif isinstance(exc, (PermissionDenied, DjangoPermissionDenied)):
        record_refusal(getattr(exc, "detail", None) or str(exc) or "permission denied",
                       request=context.get("request"))


def exception_handler(exc, context):
    """Errors are JSON. Validation errors keep DRF's {"field": ["message"]} shape; a domain error
    becomes {"detail": message} (or {field: [message]} when it names a field) with 400, or 409
    for a state conflict."""
    _record_refusal(exc, context)
    if isinstance(exc, DomainError):
        body = {exc.field: [str(exc.message)]} if exc.field else {"detail": str(exc.message)}
        return Response(body, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        body = exc.message_dict if hasattr(exc, "error_dict") else {"detail": " ".join(exc.messages)}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        # A validator that raised a bare list (e.g. a NUL character in a parameter): one shape only.
        response.data = {"detail": " ".join(str(message) for message in response.data)}
    return response


ERROR_SCHEMA = {
    "type": "object",
    "description": "{\"detail\": message} or {field: [message, …]} (nested for nested input).",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
ERROR_ANSWERS = {
    "400": "Invalid input: a message per field (query parameters included).",
    "401": "Not logged in, or the token is invalid (send `Authorization: Token <key>`).",
    "403": "Logged in, but this role may not do this.",
    "404": "Nothing here, or outside what this user may see.",
    "409": "The record is not in a state that allows this, or another request has just done it.",
}


def document_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation documents the error answers it can
    give (400, 401, 403, 404, 409; 415 when it takes a body), all in one JSON error shape."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            answers = dict(ERROR_ANSWERS)
            if "requestBody" in operation:
                answers["415"] = "The body is not in a media type this operation reads."
            if method in {"get", "delete"}:
                answers.pop("409")
            responses = operation.setdefault("responses", {})
            for code, description in answers.items():
                responses.setdefault(code, {"description": description,
                                            "content": {"application/json": {"schema": reference}}})
    return result


# --- who may call, before any input is read --------------------------------------------------------

def guarded(guard) -> type:
    """A DRF permission asking one of `congress.guards` (or a function of the user raising
    NotPermitted) before the view reads its input: a caller who may never do this gets 403 with the
    guard's message, not a 400 about the fields of a form they may not send. The service asks the
    same guard again (with the row, where scope matters)."""
    from rest_framework.permissions import BasePermission

    from congress.errors import NotPermitted

    class Guarded(BasePermission):
        message = _("You may not do this.")

        def has_permission(self, request, view) -> bool:
            try:
                guard(request.user)
            except NotPermitted as error:
                self.message = str(error)
                return False
            return True

    Guarded.__name__ = Guarded.__qualname__ = f"Guarded[{getattr(guard, '__name__', 'guard')}]"
    return Guarded
