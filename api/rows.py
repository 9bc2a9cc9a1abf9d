"""The fast read path: a plan per read serializer, compiled once from its fields.

The serializers are the one definition of each representation (the schema is generated from
them). A :class:`Plan` is derived from a serializer class the first time it is needed, and
kept: the ``values()`` columns its fields read (each field's ``source``, to-one relations
followed with ``__``), a builder that writes the serializer's dict key for key from such a
row (nested to-one summaries included), one batched query per to-many relation (its
children built by the child serializer's own plan, with the reader's visibility applied:
``conflict.visibility.nested``). The CSV cells are generated from the same plan
(api.exports.plan_cells: row tuple -> cells, no record dict; api.exports.claim_table
streams them). The builders are generated Python (like
dataclasses' ``__init__``): as fast as the hand-written dicts they replace, with nothing per
row but the row.

A field a plan cannot derive (a ``SerializerMethodField``, a model property) must be
declared in ``api.loaders`` with a batched loader: compiling refuses it otherwise, so no
record ever falls back to the serializer one row at a time.

``tests/api/test_rows.py`` and ``tests/exports/test_claim_table.py`` prove the output equals
the serializer's, for the public and for editors.
"""

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connections, router
from django.db.models import DateField, Model, QuerySet
from django.urls import get_urlconf
from django.urls import reverse as django_reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework import ISO_8601, serializers
from rest_framework.request import Request
from rest_framework.reverse import preserve_builtin_query_params
from rest_framework.settings import api_settings

from conflict.visibility import nested

from .permissions import is_editor
from .prepared import prepared
from .resources import resource
from .serializers.fields import EditorsOnlyMixin

_PLACEHOLDER = 987654321  # reversed once, then replaced by each id


# -- URLs and times, as DRF writes them ------------------------------------------------------


class DetailUrls:
    """One request's detail URLs, split around the id, as HyperlinkedIdentityField builds
    them (DRF's reverse: the version in the path, then the request's scheme and host, and a
    ``?format=`` carried over). What they share (the version, the urlconf, the scheme and
    host) is read once per request, the paths once per process: DRF's reverse reads it all
    again for each URL (~13 µs each; a page writes five kinds)."""

    def __init__(self, request: Request | None) -> None:
        self.request = request
        self.version = getattr(request, "version", None)
        self.urlconf = get_urlconf()
        self.origin: str | None = None
        override = api_settings.URL_FORMAT_OVERRIDE
        if request is not None and not (override and override in request.GET):
            # build_absolute_uri(path) is this plus the path, for a path reverse() gives.
            self.origin = request.build_absolute_uri("/").removesuffix("/")

    def __call__(self, basename: str) -> tuple[str, str]:
        path = _detail_path(basename, self.version, self.urlconf)
        if self.origin is not None and _plain(path):
            path = self.origin + path
        elif self.request is not None:
            path = preserve_builtin_query_params(
                self.request.build_absolute_uri(path), self.request
            )
        head, tail = path.split(str(_PLACEHOLDER))
        return head, tail


def _plain(path: str) -> bool:
    """A path that build_absolute_uri appends to the scheme and host as it is."""
    return (
        path.startswith("/") and not path.startswith("//") and not ("/./" in path or "/../" in path)
    )


@cache
def _detail_path(basename: str, version: str | None, urlconf: str | None) -> str:
    kwargs: dict[str, Any] = {resource(basename).lookup: _PLACEHOLDER}
    if version is not None:
        kwargs["version"] = version
    return django_reverse(f"{basename}-detail", kwargs=kwargs, urlconf=urlconf)


# A time or a date as SQLite stores it (Django's adapter writes ``isoformat(" ")``, without the
# fraction when it is zero), which is how the driver gives it (conflict.sqlite_backend): its
# ISO text is the same characters, a "T" for the space, with no parsing.
STORED_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.(?!0{6})\d{6})?", re.A).fullmatch
STORED_DATE = re.compile(r"\d{4}-\d\d-\d\d", re.A).fullmatch


def _parsed(represent: Callable[[Any], Any], parse: Callable[[str], Any]) -> Callable[[Any], Any]:
    """``represent``, for a value that may come as the database's text."""

    def write(value: Any) -> Any:
        return represent(parse(value) if value.__class__ is str else value)

    return write


def datetime_writer(field: serializers.DateTimeField) -> Callable[[Any], Any]:
    """``field.to_representation``, with the time zone looked up once instead of per value
    (DRF's lookup is a good part of a row's cost); any other case is left to DRF.

    A naive time, or a time as text, is the database's own, in UTC (Rows.raw_times reads
    SQLite's as its text): in UTC it is written as its ``isoformat()`` and a ``Z``, from the
    stored text as it is when that is in :data:`STORED_TIME`'s form. Django's converter would
    make each aware, and the writer convert it back to UTC: a fifth of a claims page's CPU. An
    aware time already in UTC (PostgreSQL's) is written the same way, without a conversion."""
    output_format = getattr(field, "format", api_settings.DATETIME_FORMAT)
    if output_format is None or output_format.lower() != ISO_8601:
        return _parsed(field.to_representation, parse_datetime)
    zone = field.timezone if hasattr(field, "timezone") else field.default_timezone()
    if zone is None:
        return _parsed(field.to_representation, parse_datetime)
    in_utc = zone is dt.UTC or getattr(zone, "key", None) in {"UTC", "Etc/UTC"}
    naive_is_utc = settings.USE_TZ  # the database's times are UTC
    stored_is_written = in_utc and naive_is_utc

    def write(value: Any) -> Any:
        if value.__class__ is str:
            if stored_is_written and STORED_TIME(value):
                return f"{value[:10]}T{value[11:]}Z"
            value = parse_datetime(value)
        if value.__class__ is dt.datetime:
            if value.tzinfo is None:
                if naive_is_utc:
                    if in_utc:
                        return value.isoformat() + "Z"
                    value = value.replace(tzinfo=dt.UTC)
            elif in_utc:
                text = value.isoformat()
                if text.endswith("+00:00"):  # PostgreSQL's, in UTC
                    return text[:-6] + "Z"
        if not value or isinstance(value, str) or timezone.is_naive(value):
            return field.to_representation(value)
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return write


def date_writer(field: serializers.DateField) -> Callable[[Any], Any]:
    """``field.to_representation``, with its format looked up once instead of per value: in
    ISO 8601 (DRF's default) a date is its ``isoformat()``, which SQLite's text already is;
    any other case is left to DRF."""
    output_format = getattr(field, "format", api_settings.DATE_FORMAT)
    represent = field.to_representation
    if output_format is None or output_format.lower() != ISO_8601:
        return _parsed(represent, parse_date)

    def write(value: Any) -> Any:
        if value.__class__ is str:
            if STORED_DATE(value):
                return value
            value = parse_date(value)
        return value.isoformat() if value.__class__ is dt.date else represent(value)

    return write


def model_field(model: type[Model], source: str) -> Any:
    """The model field a serializer field's dotted ``source`` reads, or None (an annotation)."""
    try:
        current: Any = model
        parts = source.split(".")
        for part in parts[:-1]:
            current = current._meta.get_field(part).related_model
        return current._meta.get_field(parts[-1])
    except Exception:
        return None


# -- what a plan is made of --------------------------------------------------------------------

# Fields whose value from the database is already what DRF writes (str, int, bool: values()
# applies Django's converters). Any other field is written by its own to_representation.
_AS_READ = (
    serializers.CharField,  # SlugField, URLField, EmailField are CharFields
    serializers.IntegerField,
    serializers.BooleanField,
)


@dataclass(frozen=True)
class Loader:
    """A field the plan cannot derive, loaded for a whole page at once.

    ``load(env, ids)`` returns ``{id: value}`` for the records with a value; the others get
    ``empty()``. The field's CSV cells are its value flattened by its declared shape
    (api.exports.columns.METHOD_FIELD_SHAPES), unless ``cells(env, ids)`` gives them faster
    (``{id: cells}``; the others get the empty value's cells)."""

    load: Callable[["Env", list[int]], dict[int, Any]]
    empty: Callable[[], Any] = list
    cells: Callable[["Env", list[int]], dict[int, tuple[str, ...]]] | None = None
    floats: bool = True  # whether a value may hold a float (see Plan.may_hold_floats)


@dataclass(frozen=True)
class Computed:
    """A field computed from the record's own columns (a model property): ``compute`` gets
    the values of ``columns`` in order."""

    columns: tuple[str, ...]
    compute: Callable[..., Any]
    floats: bool = True  # whether a value may be a float (see Plan.may_hold_floats)


@dataclass(frozen=True)
class Spec:
    """What a serializer's plan needs beyond its fields: loaders for the fields it cannot
    derive, and a to-many relation's order where it is not the child model's own."""

    fields: dict[str, Loader | Computed] = field(default_factory=dict)
    order: dict[str, tuple[str, ...]] = field(default_factory=dict)


class NotCompilable(TypeError):
    """A serializer field the plan cannot derive and nobody declared a loader for."""


@dataclass
class Child:
    """A to-many field: one batched query (``<parent key> IN (ids)``), its rows built by the
    child serializer's plan."""

    key: str
    plan: "Plan"
    model: type[Model]  # what the query reads from (the child model or the m2m table)
    parent: str  # the column holding the parent's id
    prefix: str  # from the queried model to the child's fields
    target: type[Model]  # the child model, whose visibility applies
    order: tuple[str, ...]
    extra: tuple[str, ...] = ()  # more columns a caller reads (a place's point)

    def query(self, statuses: tuple[str, ...]) -> QuerySet:
        rows = self.model.objects.filter(nested(self.target, statuses, self.prefix))
        columns = [self.parent, *self.plan.columns, *(self.prefix + c for c in self.extra)]
        return rows.order_by(*self.order).values_list(*columns)


class Source:
    """Python source being generated, and the names it refers to (the records' code here,
    the CSV cells' in api/exports/plan_cells.py)."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {}
        self.binds: list[tuple[str, str, Any]] = []  # (name, kind, argument) bound per request

    def constant(self, value: Any, stem: str = "k") -> str:
        name = f"_{stem}{len(self.names)}"
        self.names[name] = value
        return name

    def bound(self, kind: str, argument: Any) -> str:
        for name, known, arg in self.binds:
            if known == kind and arg == argument:
                return name
        name = f"_{kind}{len(self.binds)}"
        self.binds.append((name, kind, argument))
        return name


class Plan:
    """A read serializer, compiled: ``columns`` to read, and code to write its records.

    Built by :func:`plan_for`; a plan is per serializer class (and per-request values, such
    as URLs and whether the reader is an editor, are bound by :meth:`bind`)."""

    def __init__(
        self,
        serializer: type[serializers.Serializer],
        prefix: str = "",
        pk: str = "id",
        extra: dict[str, tuple[str, ...]] | None = None,
        lead: int = 0,
    ) -> None:
        from .loaders import SPECS  # the declarations import the serializers, as we do

        self.serializer = serializer
        self.model: type[Model] = serializer.Meta.model
        self.spec: Spec = SPECS.get(serializer, Spec())
        self.prefix = prefix
        self.pk = pk
        # Rows of a child query are tuples, ``lead`` columns (the parent's id...) first; the
        # top's are values() dicts.
        self.lead = lead
        self.child = lead > 0
        self.extra = extra or {}
        self.fields = serializer().fields  # binding fields costs more than a page of rows
        self.columns: list[str] = []
        self.children: list[Child] = []
        self.loaders: list[tuple[str, Loader]] = []
        # Columns of dates and times, read as the database gives them (Rows.raw_positions).
        self.dates_and_times: set[str] = set()
        # Whether a record may hold a float for any reader, or only for editors of these
        # models (an editors-only field is None for everyone else): see may_hold_floats.
        self.floats = False
        self.editor_floats: set[type[Model]] = set()
        self.source = Source()
        self.expression = self._record(self.fields, self.model, prefix, pk)
        self.factory = self._generate()

    # -- columns and expressions ---------------------------------------------------------------

    def column(self, lookup: str) -> str:
        """The expression reading column ``lookup`` from the row ``r`` (a values() dict at the
        top, a tuple in a child query)."""
        if lookup not in self.columns:
            self.columns.append(lookup)
        if self.child:
            return f"r[{self.columns.index(lookup) + self.lead}]"
        return f"r[{lookup!r}]"

    def _record(
        self, fields: dict[str, serializers.Field], model: type[Model], prefix: str, pk: str
    ) -> str:
        """A dict display: one ``key: expression`` per field, in the serializer's order."""
        items = []
        for name, fld in fields.items():
            items.append(f"{name!r}: {self._field(name, fld, model, prefix, pk)}")
        return "{" + ", ".join(items) + "}"

    def _field(
        self, name: str, fld: serializers.Field, model: type[Model], prefix: str, pk: str
    ) -> str:
        top = model is self.model and prefix == self.prefix
        declared = self.spec.fields.get(name) if top else None
        if declared is not None:
            self.floats |= declared.floats
        elif _may_write_float(fld):
            if isinstance(fld, EditorsOnlyMixin):
                self.editor_floats.add(model)
            else:
                self.floats = True
        if isinstance(declared, Computed):
            args = ", ".join(self.column(prefix + c) for c in declared.columns)
            return f"{self.source.constant(declared.compute, 'f')}({args})"
        if isinstance(declared, Loader):
            if self.child:
                raise NotCompilable(f"{self.serializer.__name__}.{name}: loaders at the top only")
            self.loaders.append((name, declared))
            position = len(self.loaders) - 1
            return f"L{position}.get({self.column(pk)}, E{position}())"
        if isinstance(fld, serializers.HyperlinkedIdentityField):
            url = self.source.bound("url", fld.view_name.removesuffix("-detail"))
            return f'f"{{{url}h}}{{{self.column(pk)}}}{{{url}t}}"'
        if isinstance(fld, serializers.ListSerializer):
            return self._many(name, fld, model, prefix, pk)
        if isinstance(fld, serializers.Serializer):
            return self._one(fld, model, prefix)
        if isinstance(fld, serializers.SerializerMethodField) or fld.source == "*":
            raise NotCompilable(
                f"{type(fld.parent).__name__}.{name} is not derived from a column: declare "
                "a Loader for it in api/loaders.py"
            )
        lookup = self._lookup(model, prefix, pk, fld.source, name, top)
        value = self.column(lookup)
        if isinstance(fld, serializers.DateTimeField) or (
            isinstance(fld, serializers.DateField)
            and type(model_field(model, fld.source)) is DateField
        ):
            self.dates_and_times.add(lookup)
        if isinstance(fld, EditorsOnlyMixin):
            editor = self.source.bound("editor", model)
            return f"({self._written(fld, value)} if {editor} else None)"
        return self._written(fld, value)

    def _lookup(
        self, model: type[Model], prefix: str, pk: str, source: str, name: str, top: bool
    ) -> str:
        """The values() lookup of a field's ``source`` (``a.b`` is ``a__b``)."""
        parts = source.split(".")
        if parts == ["id"] or parts == [model._meta.pk.name]:
            return pk
        try:
            current = model
            for part in parts[:-1]:
                current = current._meta.get_field(part).related_model
            current._meta.get_field(parts[-1])
        except Exception:
            if top and len(parts) == 1 and not hasattr(model, source):
                return prefix + source  # an annotation of the list's queryset (contested)
            raise NotCompilable(
                f"{self.serializer.__name__}: {name} reads {source!r}, not a column: declare "
                "it in api/loaders.py (Computed or Loader)"
            ) from None
        return prefix + "__".join(parts)

    def _written(self, fld: serializers.Field, value: str) -> str:
        """How the field writes a value read from the database."""
        if isinstance(fld, serializers.ChoiceField):
            if all(isinstance(key, str) for key in fld.choices):
                return value
        elif isinstance(fld, _AS_READ) and not isinstance(fld, serializers.ListField):
            return value
        if isinstance(fld, serializers.FloatField):
            return f"(None if (v := {value}) is None else float(v))"
        if isinstance(fld, serializers.DateTimeField):
            writer = self.source.bound("datetime", fld)
        elif isinstance(fld, serializers.DateField):
            writer = self.source.bound("date", fld)
        else:
            writer = self.source.bound("represent", fld)
        return f"(None if (v := {value}) is None else {writer}(v))"

    def _one(self, fld: serializers.Serializer, model: type[Model], prefix: str) -> str:
        """A nested to-one summary: null when the relation is."""
        relation = model._meta.get_field(fld.source)
        if not relation.many_to_one and not relation.one_to_one:
            raise NotCompilable(f"{fld.source}: not a to-one relation")
        target = relation.related_model
        key = prefix + relation.attname
        inner = self._record(fld.fields, target, f"{prefix}{relation.name}__", key)
        if relation.null:
            return f"(None if {self.column(key)} is None else {inner})"
        return inner

    def _many(
        self, name: str, fld: serializers.ListSerializer, model: type[Model], prefix: str, pk: str
    ) -> str:
        if self.child:
            raise NotCompilable(f"{name}: a to-many field inside a to-many field")
        relation = model._meta.get_field(fld.source)
        target = relation.related_model
        if relation.many_to_many:
            m2m = relation if not relation.auto_created else relation.field
            through = m2m.remote_field.through
            own, other = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
            if relation.auto_created:  # the reverse side (an incident's claims)
                own, other = other, own
            queried, parent, child_prefix, child_pk = (
                through,
                f"{own}_id",
                f"{other}__",
                f"{other}_id",
            )
        elif relation.one_to_many:
            queried, parent, child_prefix, child_pk = target, relation.field.attname, "", "id"
        else:
            raise NotCompilable(f"{name}: not a to-many relation")
        order = self.spec.order.get(name) or tuple(target._meta.ordering)
        if relation.one_to_many and order[:1] in ((relation.field.name,), (parent,)):
            order = order[1:]  # by the parent first: the same within one parent, one join less
        order = tuple(
            f"-{child_prefix}{o[1:]}" if o.startswith("-") else f"{child_prefix}{o}" for o in order
        )
        child = Child(
            key=name,
            plan=Plan(type(fld.child), child_prefix, child_pk, lead=1),
            model=queried,
            parent=parent,
            prefix=child_prefix,
            target=target,
            order=order,
            extra=self.extra.get(name, ()),
        )
        self.children.append(child)
        self.floats |= child.plan.floats
        self.editor_floats |= child.plan.editor_floats
        position = len(self.children) - 1
        return f"C{position}.get({self.column(pk)}, [])"

    def may_hold_floats(self, env: "Env") -> bool:
        """Whether a record written for this reader may hold a float: the only values whose
        JSON text orjson writes otherwise than Python (api.renderers), so a page without one
        is rendered without looking for one."""
        return self.floats or any(env.editor(model) for model in self.editor_floats)

    # -- the generated code ------------------------------------------------------------------

    def _generate(self) -> Callable:
        """``make(env) -> build(rows, C..., L...) -> [record, ...]``: per-request values are
        bound once by ``make``; ``build`` is one list comprehension."""
        children = [f"C{i}" for i in range(len(self.children))]
        loaders = [f"L{i}" for i in range(len(self.loaders))]
        lines = ["def make(env):"]
        for name, kind, argument in self.source.binds:
            if kind == "url":
                lines.append(f"    {name}h, {name}t = env.url({argument!r})")
            else:
                key = self.source.constant(argument, "a")
                lines.append(f"    {name} = env.{kind}({key})")
        for i, (_, loader) in enumerate(self.loaders):
            lines.append(f"    E{i} = {self.source.constant(loader.empty, 'e')}")
        args = ", ".join(["rows", *children, *loaders])
        lines.append(f"    def build({args}):")
        lines.append(f"        return [{self.expression} for r in rows]")
        lines.append("    return build")
        self.code = "\n".join(lines)
        namespace = dict(self.source.names)
        exec("\n".join(lines), namespace)
        return namespace["make"]


# Fields whose written values are never floats: text, whole numbers and booleans as read,
# times and dates written as text, URLs. Nested serializers are checked field by field; any
# other field (a FloatField, a DecimalField, a JSONField, a ListField...) may write a float.
_NEVER_FLOAT = (
    *_AS_READ,
    serializers.DateField,
    serializers.DateTimeField,
    serializers.HyperlinkedIdentityField,
    serializers.ListSerializer,
    serializers.Serializer,
)


def _may_write_float(fld: serializers.Field) -> bool:
    if isinstance(fld, serializers.ChoiceField):  # a choice is written as its key
        return not all(isinstance(key, str | int) for key in fld.choices)
    if isinstance(fld, serializers.ListField):  # aliases: a list of text
        return _may_write_float(fld.child)
    return not isinstance(fld, _NEVER_FLOAT)


@cache
def plan_for(
    serializer: type[serializers.Serializer], extra: tuple[tuple[str, tuple[str, ...]], ...] = ()
) -> Plan:
    """The serializer's plan, compiled on first use."""
    return Plan(serializer, extra=dict(extra))


# -- a plan bound to a request -----------------------------------------------------------------


class Env:
    """What a plan's code reads per request: URLs, writers, whether the reader edits."""

    def __init__(
        self, request: Request | None, statuses: Sequence[str], alias: str = "default"
    ) -> None:
        self.request = request
        self.statuses = tuple(statuses)
        self.alias = alias
        self.memo: dict[Any, Any] = {}
        self.urls: dict[str, tuple[str, str]] = {}
        self.detail_urls: DetailUrls | None = None

    def url(self, basename: str) -> tuple[str, str]:
        found = self.urls.get(basename)
        if found is None:
            if self.detail_urls is None:
                self.detail_urls = DetailUrls(self.request)
            found = self.urls[basename] = self.detail_urls(basename)
        return found

    def editor(self, model: type[Model]) -> bool:
        return self.request is not None and is_editor(self.request, model)

    def datetime(self, fld: serializers.DateTimeField) -> Callable[[Any], Any]:
        return datetime_writer(fld)  # the zone is the current one: bound per request

    def date(self, fld: serializers.DateField) -> Callable[[Any], Any]:
        return date_writer(fld)

    def represent(self, fld: serializers.Field) -> Callable[[Any], Any]:
        return fld.to_representation


class Rows:
    """Records equal to ``serializer(instance).data``, from a plan's ``values()`` rows."""

    def __init__(
        self,
        serializer: type[serializers.Serializer],
        request: Request | None,
        statuses: Sequence[str],
        extra: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.plan = plan_for(serializer, tuple(sorted((extra or {}).items())))
        self.alias = router.db_for_read(self.plan.model)
        self.env = Env(request, statuses, self.alias)
        self.build = self.plan.factory(self.env)
        self.children = [(child, child.plan.factory(self.env)) for child in self.plan.children]
        self.raw: dict[str, dict[int, list]] = {}  # each child's rows, for ``extra`` columns
        # On SQLite, dates and times are read as the text it stores (conflict.sqlite_backend;
        # times in UTC: datetime_writer), not parsed by Django's converters.
        self.raw_times = settings.USE_TZ and connections[self.alias].vendor == "sqlite"

    def raw_positions(self, names: Sequence[str], plan: "Plan | None" = None) -> frozenset[int]:
        """The positions, among a query's column ``names``, of the plan's dates and times to
        read as the database gives them (none but on SQLite)."""
        if not self.raw_times:
            return frozenset()
        times = (plan or self.plan).dates_and_times
        return frozenset(position for position, name in enumerate(names) if name in times)

    def may_hold_floats(self) -> bool:
        """Whether a record may hold a float for this reader (Plan.may_hold_floats)."""
        return self.plan.may_hold_floats(self.env)

    def columns(self, queryset: QuerySet) -> QuerySet:
        """The queryset's rows (its filters and order kept) as the plan's dicts."""
        return queryset.values(*self.plan.columns)

    def rows(self, records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """The representation of each row of :meth:`columns`, in the given order."""
        records = list(records)
        ids = [record["id"] for record in records]
        found = [self._children(child, build, ids) for child, build in self.children]
        loaded = [loader.load(self.env, ids) for _, loader in self.plan.loaders]
        return self.build(records, *found, *loaded)

    def child_rows(
        self, child: Child, ids: list[int], raw: frozenset[int] | None = None
    ) -> list[Any]:
        """The rows of a to-many relation for these parents (the parent's id first), in the
        relation's order, those the reader may see (``raw``: see PreparedQuery.rows)."""
        statuses = self.env.statuses
        query = prepared(
            ("plan", self.plan.serializer, child.key, child.extra, statuses),
            lambda: child.query(statuses),
            child.parent,
            self.alias,
        )
        return query.rows(ids, raw)

    def _children(self, child: Child, build: Callable, ids: list[int]) -> dict[int, list]:
        # A child query's columns: the parent's id, then the plan's.
        names = ["", *child.plan.columns]
        rows = self.child_rows(child, ids, self.raw_positions(names, child.plan) or None)
        grouped: dict[int, list] = defaultdict(list)
        for row, record in zip(rows, build(rows), strict=True):
            grouped[row[0]].append(record)
        if child.extra:
            raw: dict[int, list] = defaultdict(list)
            for row in rows:
                raw[row[0]].append(row[len(row) - len(child.extra) :])
            self.raw[child.key] = raw
        return grouped


# -- incidents' rows, with their places' points for GeoJSON -------------------------------------


class PlacePoint(NamedTuple):
    """What ``api.exports.geo`` reads of a place: its point, if it has one."""

    latitude: float | None
    longitude: float | None

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class PlacePoints:
    """What ``api.exports.geo.incident_geometry`` reads of an incident: ``places.all()``."""

    def __init__(self, places: list[PlacePoint]) -> None:
        self.places = self
        self._places = places

    def all(self) -> list[PlacePoint]:
        return self._places


class IncidentRows(Rows):
    """Incidents as dicts equal to ``IncidentSerializer(incident).data``; after
    :meth:`rows`, :meth:`points` gives an incident's places for the GeoJSON geometry (read
    with the page's places, built only for the pages that draw them)."""

    def __init__(self, request: Request | None, statuses: Sequence[str]) -> None:
        from .serializers import IncidentSerializer

        super().__init__(
            IncidentSerializer, request, statuses, extra={"places": ("latitude", "longitude")}
        )

    def points(self, incident_id: int) -> PlacePoints:
        found = self.raw.get("places", {}).get(incident_id, ())
        return PlacePoints([PlacePoint(*point) for point in found])
