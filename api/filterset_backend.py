"""django-filter's backend, skipped when the request names none of the filterset's parameters.

Binding a filterset builds a form of every filter (deep copies of a few dozen fields) and
validates it: on a detail or an unfiltered page that is several milliseconds of a request
whose query takes well under one. With none of its parameters present a filterset filters
nothing, so the result is the same queryset.
"""

from collections.abc import Iterator
from functools import cache
from typing import Any

from django.db.models import QuerySet
from django_filters import FilterSet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.request import Request


class _Recorder(dict):
    """Form data that notes which keys a widget reads; reading them all (iterating) is noted too."""

    def __init__(self) -> None:
        super().__init__()
        self.read: set[str] = set()
        self.iterated = False

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return default

    def getlist(self, key: str, default: Any = None) -> list:
        self.read.add(key)
        return [] if default is None else default

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        self.read.add(str(key))
        return False

    def __iter__(self) -> Iterator[str]:
        self.iterated = True
        return iter(())

    def keys(self) -> Any:
        self.iterated = True
        return super().keys()

    def items(self) -> Any:
        self.iterated = True
        return super().items()


@cache
def parameters_read(filterset_class: type[FilterSet]) -> frozenset[str] | None:
    """The query parameters the filterset's widgets read, or None when a widget reads every
    key (then the filterset always runs)."""
    recorder = _Recorder()
    form = filterset_class(queryset=filterset_class._meta.model._default_manager.none()).form
    for name, field in form.fields.items():
        field.widget.value_from_datadict(recorder, {}, form.add_prefix(name))
    return None if recorder.iterated else frozenset(recorder.read)


class FilterSetBackend(DjangoFilterBackend):
    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            read = parameters_read(filterset_class)
            if read is not None and read.isdisjoint(request.query_params.keys()):
                return queryset
        return super().filter_queryset(request, queryset, view)
