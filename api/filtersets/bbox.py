"""``?bbox=min_lon,min_lat,max_lon,max_lat``: the OGC API Features bounding box (WGS 84)."""

import math
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

BBOX_HELP = (
    "Only records with a point inside this box: `min_lon,min_lat,max_lon,max_lat` in WGS 84 "
    "degrees (the OGC API Features order), edges included, e.g. `44.5,38.5,50.5,42`. "
    "A box crossing the antimeridian is not supported: ask for its two halves."
)


class BBoxField(forms.CharField):
    def to_python(self, value: Any) -> tuple[float, float, float, float] | None:
        if value is None:
            return None  # not given
        text = super().to_python(value)
        if not text:
            # Given empty: most likely the client's unset variable; no box is not every row.
            raise ValidationError(
                "Give four numbers: min_lon,min_lat,max_lon,max_lat.", code="invalid"
            )
        parts = text.split(",")
        if len(parts) != 4:
            raise ValidationError(
                "Give four numbers: min_lon,min_lat,max_lon,max_lat.", code="invalid"
            )
        try:
            numbers = [float(part) for part in parts]
        except ValueError:
            raise ValidationError("Each corner value must be a number.", code="invalid") from None
        if not all(math.isfinite(number) for number in numbers):
            raise ValidationError("Each corner value must be a finite number.", code="invalid")
        min_lon, min_lat, max_lon, max_lat = numbers
        if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
            raise ValidationError("Longitudes must be between -180 and 180.", code="invalid")
        if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
            raise ValidationError("Latitudes must be between -90 and 90.", code="invalid")
        if min_lon > max_lon or min_lat > max_lat:
            raise ValidationError(
                "The box is inverted: min_lon must not exceed max_lon, nor min_lat max_lat.",
                code="invalid",
            )
        return min_lon, min_lat, max_lon, max_lat


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^[^,]+,[^,]+,[^,]+,[^,]+$",
        "example": "44.5,38.5,50.5,42",
        "description": BBOX_HELP,
    }
)
class BBoxFilter(filters.Filter):
    """Rows whose point lies in the box; with ``related``, rows with a related place in it."""

    field_class = BBoxField

    def __init__(self, *args: Any, related: str | None = None, **kwargs: Any) -> None:
        self.related = related
        kwargs.setdefault("help_text", BBOX_HELP)
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: tuple[float, float, float, float] | None) -> QuerySet:
        if value is None:
            return qs
        min_lon, min_lat, max_lon, max_lat = value
        prefix = f"{self.related}__" if self.related else ""
        box = {
            f"{prefix}longitude__gte": min_lon,
            f"{prefix}longitude__lte": max_lon,
            f"{prefix}latitude__gte": min_lat,
            f"{prefix}latitude__lte": max_lat,
        }
        if not self.related:
            return qs.filter(**box)
        # Through a subquery, so a row with two places in the box appears once, without DISTINCT.
        return qs.filter(pk__in=qs.model._default_manager.filter(**box).values("pk"))
