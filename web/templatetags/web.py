"""Small template helpers for the reader pages."""

from typing import Any

from django import template

from conflict.models.choices import LossCategory, Population
from conflict.tolls import Point

from ..charts import figure_text
from ..links import page_url

register = template.Library()

OUT = {"contradicts": "Contradicts", "supports": "Supports", "responds_to": "Responds to"}
IN = {"contradicts": "Contradicted by", "supports": "Supported by", "responds_to": "Answered by"}


@register.filter
def get(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def relation_out(relation: str) -> str:
    return OUT.get(relation, relation)


@register.filter
def relation_in(relation: str) -> str:
    return IN.get(relation, relation)


@register.filter
def measure(series: Any) -> str:
    """What a toll series counts, in words: 'military killed', 'tank destroyed'."""
    what = series.equipment or Population(series.population).label.lower()
    return f"{what} {LossCategory(series.category).label.lower()}"


@register.filter
def figure(point: Point) -> str:
    """A toll figure in words: '350 since 27 Sep 2020', '10 to 20 (best 15) on 8 Oct 2020'
    (an en dash for the 'to')."""
    return figure_text(point)


# Links by slug without a reverse() each (web.links): the pages list hundreds of records.
@register.filter
def actor_url(slug: str) -> str:
    return page_url("web:actor", slug)


@register.filter
def incident_url(slug: str) -> str:
    return page_url("web:incident", slug)


@register.filter
def article_url(slug: str) -> str:
    return page_url("web:article", slug)
