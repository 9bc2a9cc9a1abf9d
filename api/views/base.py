"""What every resource's viewset shares: read-only actions, id-or-slug lookups."""

import re
from typing import Any

from django.db.models import Model
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

ID_PATTERN = re.compile(r"[0-9]+")


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """List and detail. Writes for editors will come as a separate viewset or mixins.

    Pagination (page or cursor) and the schema class come from REST_FRAMEWORK settings.
    """

    lookup_value_converter = "int"


class IdOrSlugLookupMixin:
    """``/things/{id_or_slug}/``: all digits is an id, anything else a slug.

    Unambiguous because the models refuse all-digit slugs.
    """

    lookup_url_kwarg = "id_or_slug"
    lookup_value_converter = "slug"  # digits are a slug to Django too

    def get_object(self) -> Model:
        value = self.kwargs[self.lookup_url_kwarg]
        lookup = {"pk": int(value)} if ID_PATTERN.fullmatch(value) else {"slug": value}
        queryset = self.filter_queryset(self.get_queryset())
        obj = get_object_or_404(queryset, **lookup)
        self.check_object_permissions(self.request, obj)
        return obj

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "id_or_slug",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="The id (all digits) or the slug (always has a letter).",
            )
        ]
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)
