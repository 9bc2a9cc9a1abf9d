"""Small template helpers for the reader pages."""

from typing import Any

from django import template

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
