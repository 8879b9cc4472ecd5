"""API plumbing shared by every app: pagination and the error format. Kept apart from the
views so DRF can import it while its own modules load."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import pagination, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from congress.errors import DomainError


class Pagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


def exception_handler(exc, context):
    """Errors are JSON. Validation errors keep DRF's {"field": ["message"]} shape; a domain error
    becomes {"detail": message} (or {field: [message]} when it names a field) with 400, or 409
    for a state conflict."""
    if isinstance(exc, DomainError):
        body = {exc.field: [str(exc.message)]} if exc.field else {"detail": str(exc.message)}
        return Response(body, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        body = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
