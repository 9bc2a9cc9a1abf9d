"""A read plan's CSV cells, generated as Python: one row tuple -> its list of cells.

A plan (api.rows) writes a serializer's records from ``values()`` rows; building a nested dict
per record and reading it back cell by cell (api.exports.columns.readers) cost more than twice
the hand-written raw-cursor export it replaced. Here the same walk over the serializer's
fields generates the CSV row directly: each column's cell from the row's tuple (a to-one
summary's cells empty when it is null), each to-many relation's cells joined column by column
with ``;`` (api.exports.columns' rule) per parent, a loader's field flattened from its loaded
value. The header is checked against ``columns_for(serializer())`` when the cells are compiled,
so the layout is the serializer's by construction.

The top query runs on a raw cursor (no Django converters per value): dates and times are read
as text and written as DRF writes them (see :func:`datetime_cell`), booleans from 0/1 or
True/False; any other field goes through Django's converters for its column and the field's
own ``to_representation``. Children come from api.prepared, converted as ``values_list()``.
"""

from collections.abc import Callable
from functools import cache
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import DateField, DateTimeField, F, Func, Model, TextField
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

from ..rows import (
    STORED_TIME,
    Child,
    Computed,
    Env,
    Loader,
    NotCompilable,
    Plan,
    Source,
    date_writer,
    datetime_writer,
    model_field,
)
from ..serializers.fields import EditorsOnlyMixin
from .columns import SEPARATOR, Column, cell, columns_for, raw_readers


def _utc(field: serializers.DateTimeField, alias: str) -> bool:
    """Whether ``field`` writes a stored time as its UTC ``isoformat()`` plus ``Z``: the
    database's connection and the field's zone are UTC and its format ISO 8601."""
    zone = field.timezone if hasattr(field, "timezone") else field.default_timezone()
    output = getattr(field, "format", api_settings.DATETIME_FORMAT)
    return bool(
        settings.USE_TZ
        and str(zone) == "UTC"
        and connections[alias].timezone_name == "UTC"
        and output is not None
        and output.lower() == ISO_8601
    )


def datetime_cell(field: serializers.DateTimeField, alias: str) -> Callable[[Any], str]:
    """A stored timestamp's cell as ``field`` writes it. Read as text (see
    :meth:`Cells.selected`) it is the naive time in the connection's zone; when :func:`_utc`
    holds, DRF's text is its ``isoformat()`` plus ``Z``: taken from the stored text when that
    is in the stored form (a parse and an ``isoformat()`` were a fifth of a claims export's
    CPU), else parsed as Django's converter would. A converted (aware) value is written by
    DRF's rules."""
    write = datetime_writer(field)
    connection = connections[alias]
    aware, utc = settings.USE_TZ, _utc(field, alias)

    def write_cell(value: Any) -> str:
        if value is None:
            return ""
        if value.__class__ is str:
            if utc and STORED_TIME(value):
                return f"{value[:10]}T{value[11:]}Z"
            value = parse_datetime(value)
        if aware and value.tzinfo is None:
            if utc:
                return f"{value.isoformat()}Z"
            value = timezone.make_aware(value, connection.timezone)
        return cell(write(value))

    return write_cell


def date_cell(field: serializers.DateField) -> Callable[[Any], str]:
    """A stored date's cell as ``field`` writes it (api.rows.date_writer: SQLite's text as it
    is in DRF's ISO format, any other form parsed as Django's converter would)."""
    write = date_writer(field)

    def write_cell(value: Any) -> str:
        return "" if value is None else cell(write(value))

    return write_cell


def _flat(value: Any) -> list[Any]:
    if isinstance(value, list):
        return [item for element in value for item in _flat(element)]
    return [value]


def list_cell(values: Any) -> str:
    """A list of values (a ListField) as one cell (api.exports.columns' ``many`` reader)."""
    if not values:
        return ""
    return SEPARATOR.join(cell(value) for value in _flat(values))


def joined(rows: list, cells: list[tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """Each parent's children's cells (``row[0]`` is the parent's id), one child's as they
    are, several joined column by column with ``;`` in the order given."""
    grouped: dict[int, list[tuple[str, ...]]] = {}
    for row, found in zip(rows, cells, strict=True):
        grouped.setdefault(row[0], []).append(found)
    return {
        parent: found[0]
        if len(found) == 1
        else tuple(map(SEPARATOR.join, zip(*found, strict=True)))
        for parent, found in grouped.items()
    }


class _UtcText(Func):
    """A PostgreSQL timestamp as the naive UTC text SQLite stores (``YYYY-MM-DD
    HH:MM:SS.ffffff``), whatever the session's DateStyle."""

    template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
    output_field = TextField()


class Binder:
    """The per-request values generated cells read: URLs, writers, converters."""

    def __init__(self, env: Env, converters: dict[int, Callable[[Any], Any]] | None = None):
        self.env = env
        self.converters = converters or {}

    def url(self, basename: str) -> tuple[str, str]:
        return self.env.url(basename)

    def datetime(self, fld: serializers.DateTimeField) -> Callable[[Any], str]:
        return datetime_cell(fld, self.env.alias)

    def date(self, fld: serializers.DateField) -> Callable[[Any], str]:
        return date_cell(fld)

    def represent(self, fld: serializers.Field) -> Callable[[Any], Any]:
        return fld.to_representation

    def convert(self, position: int) -> Callable[[Any], Any]:
        return self.converters.get(position, _same)


def _same(value: Any) -> Any:
    return value


class Cells(Source):
    """A plan's CSV cells, compiled: ``make(binder)(rows, G..., N..., L..., M...)`` -> rows
    of cells, where ``G`` are the to-many children's joined cells per parent id and ``N``
    their empty cells, ``L`` the loaders' cells per id and ``M`` their empty cells."""

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan
        self.names.update(_cell=cell, _list=list_cell)
        self.header: list[str] = []
        # The top's date and time columns (read as text, see selected()) and their fields.
        self.dates: dict[str, serializers.Field] = {}
        self.children: list[tuple[Child, Cells]] = []
        self.loaders: list[tuple[Loader, list[Callable], str]] = []
        self.used: list[str] = []  # the top query's columns
        # A child row's positions written from the driver's value as it is (booleans as
        # 0/1 or True/False): their converters need not run (api.prepared).
        self.raw: set[int] = set()
        known = list(plan.columns)
        cells = self._record(plan.fields, plan.model, plan.prefix, plan.pk, (), None)
        if plan.columns != known:
            raise NotCompilable(f"{plan.serializer.__name__}: CSV cells read other columns")
        if not plan.child:
            expected = [column.name for column in columns_for(plan.serializer())]
            if self.header != expected:
                raise NotCompilable(
                    f"{plan.serializer.__name__}: the generated cells {self.header} are not "
                    f"the serializer's columns {expected}"
                )
        self.width = len(self.header)
        self.pk = None if plan.child else self._position(plan.pk)
        self.make = self._generate(cells)

    def _position(self, lookup: str) -> int:
        """Where the column is in a row: a child's rows are its plan's query (shared with the
        JSON path); the top query reads only the columns the cells use (not the editors'
        review fields, which are no CSV column)."""
        if lookup not in self.plan.columns:
            raise NotCompilable(f"{self.plan.serializer.__name__}: {lookup} is not read")
        if self.plan.child:
            return self.plan.columns.index(lookup) + self.plan.lead
        if lookup not in self.used:
            self.used.append(lookup)
        return self.used.index(lookup)

    # -- the walk ------------------------------------------------------------------------------

    def _record(
        self,
        fields: dict[str, serializers.Field],
        model: type[Model],
        prefix: str,
        pk: str,
        path: tuple[str, ...],
        null: str | None,
    ) -> list[str]:
        """The cell expressions of a record's fields, in the serializer's order; ``null`` is
        the expression of the id that is null when the (to-one) record is."""
        out: list[str] = []
        plan = self.plan
        top = model is plan.model and prefix == plan.prefix
        for name, fld in fields.items():
            if isinstance(fld, EditorsOnlyMixin):
                continue  # not a CSV column (api.exports.columns)
            here = (*path, name)
            declared = plan.spec.fields.get(name) if top else None
            if isinstance(declared, Loader):
                out.append(self._loaded(name, declared, pk))
                continue
            if isinstance(fld, serializers.ListSerializer):
                out.append(self._many(name, fld, pk, here))
                continue
            if isinstance(fld, serializers.Serializer):
                relation = model._meta.get_field(fld.source)
                key = prefix + relation.attname
                inner_null = f"r[{self._position(key)}]" if relation.null else None
                out += self._record(
                    fld.fields,
                    relation.related_model,
                    f"{prefix}{relation.name}__",
                    key,
                    here,
                    inner_null or null,
                )
                continue
            self.header.append("_".join(here))
            if isinstance(declared, Computed):
                args = ", ".join(
                    self._converted(self._position(prefix + c)) for c in declared.columns
                )
                compute = self.constant(declared.compute, "f")
                expression = f"_cell({compute}({args}))"
            elif isinstance(fld, serializers.HyperlinkedIdentityField):
                url = self.bound("url", fld.view_name.removesuffix("-detail"))
                expression = f'f"{{{url}h}}{{r[{self._position(pk)}]}}{{{url}t}}"'
            elif isinstance(fld, serializers.SerializerMethodField) or fld.source == "*":
                raise NotCompilable(f"{plan.serializer.__name__}.{name}: declare a loader")
            else:
                lookup = plan._lookup(model, prefix, pk, fld.source, name, top)
                expression = self._scalar(fld, lookup, model_field(model, fld.source))
            if null is not None:
                expression = f'("" if {null} is None else {expression})'
            out.append(expression)
        return out

    def _converted(self, position: int) -> str:
        """The value at ``position`` as ``values_list()`` has it (the top query is raw)."""
        if self.plan.child:
            return f"r[{position}]"
        return f"{self.bound('convert', position)}(r[{position}])"

    def _scalar(self, fld: serializers.Field, lookup: str, model_field: Any) -> str:
        position = self._position(lookup)
        value = f"r[{position}]"
        nullable = model_field is None or model_field.null
        if lookup == self.plan.pk:
            nullable = False

        def guarded(written: str) -> str:
            """``written`` (``{}`` is the value), the empty cell for null if the column may be."""
            if not nullable:
                return written.format(value)
            return f'("" if (v := {value}) is None else {written.format("v")})'

        if isinstance(fld, serializers.DateTimeField):
            if not self.plan.child and isinstance(model_field, DateTimeField):
                self.dates[lookup] = fld
            return f"{self.bound('datetime', fld)}({value})"
        if isinstance(fld, serializers.DateField):
            if not self.plan.child and isinstance(model_field, DateField):
                self.dates[lookup] = fld
            return f"{self.bound('date', fld)}({value})"
        if isinstance(fld, serializers.BooleanField):
            if self.plan.child:
                self.raw.add(position)
            return f'("" if (v := {value}) is None else "true" if v else "false")'
        if isinstance(fld, serializers.ChoiceField):
            if all(isinstance(key, str) for key in fld.choices):
                return value if not nullable else f'("" if (v := {value}) is None else v)'
        elif isinstance(fld, serializers.CharField):
            return value if not nullable else f'("" if (v := {value}) is None else v)'
        elif isinstance(fld, serializers.IntegerField):
            return guarded("str({})")
        elif isinstance(fld, serializers.FloatField):
            return guarded("str(float({}))")
        # Anything else as DRF writes it, from the value values_list() would give.
        represent = self.bound("represent", fld)
        writer = "_list" if isinstance(fld, serializers.ListField) else "_cell"
        converted = self._converted(position)
        return f'("" if (v := {converted}) is None else {writer}({represent}(v)))'

    def _many(
        self, name: str, fld: serializers.ListSerializer, pk: str, path: tuple[str, ...]
    ) -> str:
        if self.plan.child:
            raise NotCompilable(f"{name}: a to-many field inside a to-many field")
        child = next(c for c in self.plan.children if c.key == name)
        cells = Cells(child.plan)
        self.header += ["_".join((*path, column)) for column in cells.header]
        self.children.append((child, cells))
        n = len(self.children) - 1
        return f"*G{n}.get(r[{self._position(pk)}], N{n})"

    def _loaded(self, name: str, loader: Loader, pk: str) -> str:
        """A loader's value flattened by its declared CSV shape (METHOD_FIELD_SHAPES)."""
        columns: list[Column] = [
            c for c in columns_for(self.plan.serializer()) if c.path[0] == name
        ]
        self.header += [column.name for column in columns]
        self.loaders.append((loader, raw_readers(columns), name))
        n = len(self.loaders) - 1
        return f"*L{n}.get(r[{self._position(pk)}], M{n})"

    # -- the generated code ------------------------------------------------------------------

    def _generate(self, cells: list[str]) -> Callable:
        lines = ["def make(B):"]
        for name, kind, argument in self.binds:
            if kind == "url":
                lines.append(f"    {name}h, {name}t = B.url({argument!r})")
            elif kind == "convert":
                lines.append(f"    {name} = B.convert({argument!r})")
            else:
                key = self.constant(argument, "a")
                lines.append(f"    {name} = B.{kind}({key})")
        args = ["rows"]
        args += [f"{k}{i}" for i in range(len(self.children)) for k in ("G", "N")]
        args += [f"{k}{i}" for i in range(len(self.loaders)) for k in ("L", "M")]
        lines.append(f"    def cells({', '.join(args)}):")
        if self.plan.child:
            lines.append(f"        return [({', '.join(cells)},) for r in rows]")
        else:
            lines.append(f"        return [[{', '.join(cells)}] for r in rows]")
        lines.append("    return cells")
        self.code = "\n".join(lines)
        namespace = dict(self.names)
        exec(self.code, namespace)
        return namespace["make"]

    # -- the top query -------------------------------------------------------------------------

    def selected(self, vendor: str, alias: str) -> list[Any]:
        """The plan's columns for ``values_list()``; on PostgreSQL, times in UTC as text,
        faster to write than what the time zone loader gives. SQLite's driver gives its dates
        and times as their text already (conflict.sqlite_backend)."""
        as_text: dict[str, Any] = {}
        if vendor == "postgresql":
            for lookup, fld in self.dates.items():
                if isinstance(fld, serializers.DateTimeField) and _utc(fld, alias):
                    as_text[lookup] = _UtcText(F(lookup))
        return [as_text.get(lookup, lookup) for lookup in self.used]


@cache
def cells_for(plan: Plan) -> Cells:
    """The plan's CSV cells, compiled on first use."""
    return Cells(plan)
