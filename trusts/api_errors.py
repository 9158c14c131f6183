"""The API's error shape: model validation from services is a 400 with field errors."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """Model validation from services becomes a 400 with field errors, never a 500."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    if isinstance(exc, exceptions.PermissionDenied) and getattr(context.get("request"), "membership", None) is None:
        exc = exceptions.NotFound()
    return drf_exception_handler(exc, context)
