"""One JSON shape for every error the API returns.

::

    {"type": "validation_error",
     "errors": [{"code": "invalid_choice", "detail": "...", "attr": "stance"}]}

``attr`` names the query parameter (or field) at fault, and is null when the error is about
the request as a whole. The shape is the one drf-standardized-errors uses, so clients written
against that convention work unchanged.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import OperationalError, models
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback


class ErrorType(models.TextChoices):
    VALIDATION_ERROR = "validation_error", "A parameter or field has a bad value"
    CLIENT_ERROR = "client_error", "The request cannot be served (not found, wrong method...)"
    SERVER_ERROR = "server_error", "The server failed"


def error(code: str, detail: str, attr: str | None = None) -> dict[str, str | None]:
    return {"code": code, "detail": detail, "attr": attr}


def flatten(detail: Any, attr: str | None = None) -> list[dict[str, str | None]]:
    """DRF's nested error detail as a flat list, each entry naming its parameter or field."""
    if isinstance(detail, dict):
        return [
            item
            for key, value in detail.items()
            for item in flatten(value, key if attr is None else f"{attr}.{key}")
        ]
    if isinstance(detail, list):
        return [item for value in detail for item in flatten(value, attr)]
    code = getattr(detail, "code", None) or "invalid"
    return [error(code, str(detail), None if attr == "non_field_errors" else attr)]


# How long a client is told to wait when the database is busy: writes hold the lock for
# seconds at most (ingests write in one short transaction), so a few seconds is enough.
BUSY_RETRY_AFTER = 5
# PostgreSQL's SQLSTATEs for "try again": lock_timeout expired, deadlock, serialization failure.
BUSY_SQLSTATES = {"55P03", "40P01", "40001"}


class DatabaseBusy(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The database is busy with another write; try again shortly."
    default_code = "database_busy"

    def __init__(self) -> None:
        super().__init__()
        self.wait = BUSY_RETRY_AFTER


def is_busy(exc: BaseException) -> bool:
    """A write that waited its turn for a lock and gave up: SQLite's busy timeout ("database
    is locked") or PostgreSQL's lock_timeout, deadlock or serialization failure."""
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) in BUSY_SQLSTATES:
        return True
    message = str(exc).lower()
    return "database is locked" in message or "database table is locked" in message


def as_api_exception(exc: Exception) -> exceptions.APIException | None:
    """Django's own exceptions as their DRF equivalents; None for anything unexpected."""
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    if is_busy(exc):
        return DatabaseBusy()
    if isinstance(exc, DjangoValidationError):
        # A model's clean() speaks Django; it is still the client's bad value, so a 400.
        if hasattr(exc, "error_dict"):
            detail = {
                field: [
                    exceptions.ErrorDetail(message, code=err.code or "invalid")
                    for err in errors
                    for message in err.messages
                ]
                for field, errors in exc.error_dict.items()
            }
        else:
            detail = [
                exceptions.ErrorDetail(message, code=err.code or "invalid")
                for err in exc.error_list
                for message in err.messages
            ]
        return exceptions.ValidationError(detail)
    return None


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's EXCEPTION_HANDLER: format every known error; leave real bugs to Django (500)."""
    api_exc = as_api_exception(exc)
    if api_exc is None:
        return None
    if isinstance(api_exc, exceptions.ValidationError):
        error_type = ErrorType.VALIDATION_ERROR
    elif status.is_client_error(api_exc.status_code):
        error_type = ErrorType.CLIENT_ERROR
    else:
        error_type = ErrorType.SERVER_ERROR
    headers = {}
    if getattr(api_exc, "auth_header", None):
        headers["WWW-Authenticate"] = api_exc.auth_header
    if getattr(api_exc, "wait", None):
        headers["Retry-After"] = str(int(api_exc.wait))
    set_rollback()
    body = {"type": error_type.value, "errors": flatten(api_exc.detail)}
    return Response(body, status=api_exc.status_code, headers=headers)


@csrf_exempt  # it changes nothing; a POST to a wrong URL should learn the URL is wrong
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Unknown paths under /api/ answer in the API's error shape, not Django's HTML page."""
    body = {
        "type": ErrorType.CLIENT_ERROR.value,
        "errors": [error("not_found", "No API endpoint at this path.")],
    }
    return JsonResponse(body, status=status.HTTP_404_NOT_FOUND)
