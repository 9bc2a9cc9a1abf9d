"""Conditional requests: ETag and Last-Modified on details, 304s, and If-Match on writes.

The ETag is a hash of the record's representation (what a GET of it returns), so it changes
whenever anything shown changes, a nested summary included. A write must name the ETag it
was based on in ``If-Match``: missing is a 428, stale is a 412, and the check runs with the
row locked, so of two editors who read the same version only the first can save.
"""

import hashlib
import json
from typing import Any

from django.db.models import Model
from django.utils.http import http_date
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

IF_MATCH = "If-Match"
IF_NONE_MATCH = "If-None-Match"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "Send If-Match with the ETag of the version you edited."
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record changed since you read it; fetch it again and redo the change."
    default_code = "precondition_failed"


def etag_for(data: Any) -> str:
    """A strong ETag for a representation (the serializer's data)."""
    canonical = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
    return '"' + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32] + '"'


def listed_tags(header: str) -> list[str]:
    """The entity tags of an If-Match / If-None-Match header (``*`` kept as is)."""
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def not_modified(request: Request, etag: str) -> bool:
    """If-None-Match: weak comparison, so a W/ prefix added by a proxy still matches."""
    header = request.headers.get(IF_NONE_MATCH)
    if not header:
        return False
    tags = [tag.removeprefix("W/") for tag in listed_tags(header)]
    return "*" in tags or etag in tags


def check_if_match(request: Request, etag: str) -> None:
    """If-Match: required on writes; strong comparison (RFC 9110)."""
    header = request.headers.get(IF_MATCH)
    if not header:
        raise PreconditionRequired({IF_MATCH: [PreconditionRequired.default_detail]})
    tags = listed_tags(header)
    if "*" not in tags and etag not in tags:
        raise PreconditionFailed({IF_MATCH: [PreconditionFailed.default_detail]})


def with_validators(response: Response, etag: str, record: Model) -> Response:
    response["ETag"] = etag
    updated = getattr(record, "updated_at", None)
    if updated is not None:
        response["Last-Modified"] = http_date(updated.timestamp())
    return response


def detail_response(request: Request, data: Any, record: Model) -> Response:
    """The detail's 200, or a 304 when the client's copy is current."""
    etag = etag_for(data)
    if not_modified(request, etag):
        return with_validators(Response(status=status.HTTP_304_NOT_MODIFIED), etag, record)
    return with_validators(Response(data), etag, record)
