"""django-filter's backend, binding only the filters a request names.

Binding a filterset deep-copies every filter, builds a form class of every filter's field
and validates it: with the few dozen filters of claims or incidents, a millisecond or two of a
request whose query takes well under one. A filter whose parameters are absent filters
nothing (django-filter skips empty values), so the request is filtered by a subclass of the
filterset that keeps only the filters it names (a class per set of names, the recent ones
kept), and a request naming none is not filtered at all. The schema still describes the
whole filterset.
"""

from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import Any

from django.db.models import QuerySet
from django_filters import FilterSet, utils
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
def parameters_read(filterset_class: type[FilterSet]) -> dict[str, frozenset[str]] | None:
    """The query parameters each filter's widget reads, by filter name, or None when a widget
    reads every key (then the whole filterset always runs)."""
    form = filterset_class(queryset=filterset_class._meta.model._default_manager.none()).form
    read = {}
    for name, field in form.fields.items():
        recorder = _Recorder()
        field.widget.value_from_datadict(recorder, {}, form.add_prefix(name))
        if recorder.iterated:
            return None
        read[name] = frozenset(recorder.read)
    return read


# Keyed by what a request names: a client cycling through combinations of parameters must not
# grow the process without bound, so only the most recent combinations are kept.
@lru_cache(maxsize=256)
def narrowed(filterset_class: type[FilterSet], names: frozenset[str]) -> type[FilterSet]:
    """The filterset with only the filters ``names``, each the same filter, in its order."""
    kept = {name: f for name, f in filterset_class.base_filters.items() if name in names}
    subclass = type(filterset_class.__name__, (filterset_class,), {})
    subclass.base_filters = kept
    return subclass


def named_filters(filterset_class: type[FilterSet], parameters: Iterable[str]) -> frozenset[str]:
    """The filters that read any of ``parameters``."""
    given = set(parameters)
    read = parameters_read(filterset_class) or {}
    return frozenset(name for name, keys in read.items() if not keys.isdisjoint(given))


class FilterSetBackend(DjangoFilterBackend):
    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or parameters_read(filterset_class) is None:
            return super().filter_queryset(request, queryset, view)
        names = named_filters(filterset_class, request.query_params.keys())
        if not names:
            return queryset
        kwargs = self.get_filterset_kwargs(request, queryset, view)
        filterset = narrowed(filterset_class, names)(**kwargs)
        if not filterset.is_valid() and self.raise_exception:
            raise utils.translate_validation(filterset.errors)
        return filterset.qs
