"""CSV columns: a serializer's output flattened to stable, documented column names.

The columns come from the serializer's declared fields, never from the data, so every export of
a resource has the same header however many related rows a record has. The rules:

- a scalar field is one column of the same name (``stance``);
- a nested object adds one column per field, joined with ``_`` (``claimant_slug``); a null
  object leaves them empty;
- a many-valued field (a list of values or of objects) keeps one column per field, each cell
  the values joined with ``;`` in the same order in every column (``incidents_slug`` and
  ``incidents_name`` line up); a null inside such a list is an empty item;
- booleans are ``true``/``false``, null is the empty cell;
- a text cell a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``,
  a tab or a CR) starts with a single quote (OWASP's CSV injection advice); numbers, dates and
  booleans are never text, so ``-33.9`` stays a number (``writers.neutralised``).

Free text inside a many-valued column may itself contain ``;``: the NDJSON export carries the
same records with their structure intact.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from rest_framework import serializers

from ..serializers import ActorSerializer, ClaimLinkSerializer, ClaimSerializer, IncidentSerializer
from ..serializers.fields import EditorsOnlyMixin
from ..serializers.incident import IncidentSourceSerializer
from .cells import neutralised

SEPARATOR = ";"

# SerializerMethodFields do not declare what they return; their shape is declared here.
METHOD_FIELD_SHAPES: dict[tuple[type, str], serializers.BaseSerializer] = {
    (ClaimSerializer, "links"): ClaimLinkSerializer(many=True),
    (IncidentSerializer, "sources"): IncidentSourceSerializer(many=True),
    (IncidentSerializer, "sources_count"): serializers.IntegerField(),
    (ActorSerializer, "articles_count"): serializers.IntegerField(),
}


@dataclass(frozen=True)
class Column:
    name: str
    path: tuple[str, ...]
    field: serializers.Field  # the leaf field: its type and help text document the column
    many: bool  # the path crosses a list: the cell joins several values


def columns_for(serializer: serializers.Serializer) -> list[Column]:
    columns = list(_walk(type(serializer), serializer.fields, (), many=False))
    names = [column.name for column in columns]
    if len(names) != len(set(names)):
        raise ValueError(f"{type(serializer).__name__} flattens to duplicate column names")
    return columns


def _walk(
    owner: type, fields: dict[str, serializers.Field], path: tuple[str, ...], many: bool
) -> Iterator[Column]:
    for name, field in fields.items():
        if isinstance(field, EditorsOnlyMixin):
            continue  # review bookkeeping (extraction confidence): in JSON/NDJSON, not in CSV
        here = (*path, name)
        shape: serializers.Field = field
        if isinstance(field, serializers.SerializerMethodField):
            try:
                shape = METHOD_FIELD_SHAPES[(owner, name)]
            except KeyError:
                raise ValueError(
                    f"{owner.__name__}.{name} is a method field with no declared CSV shape"
                ) from None
        if isinstance(shape, serializers.ListSerializer):
            child = shape.child
            yield from _walk(type(child), child.fields, here, many=True)
        elif isinstance(shape, serializers.Serializer):
            yield from _walk(type(shape), shape.fields, here, many=many)
        else:
            is_list = isinstance(shape, serializers.ListField)
            yield Column("_".join(here), here, shape, many or is_list)


def _values(value: Any, path: tuple[str, ...]) -> list[Any]:
    if isinstance(value, list):
        return [item for element in value for item in _values(element, path)]
    if not path or value is None:
        return [None if path else value]
    return _values(value[path[0]], path[1:])


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def flatten(record: dict[str, Any], columns: list[Column]) -> list[str]:
    """One CSV row (a cell per column) from one serializer record."""
    return [reader(record) for reader in readers(columns)]


# Fields whose values are never text: their cells are written as they are.
NOT_TEXT = (
    serializers.IntegerField,
    serializers.FloatField,
    serializers.DecimalField,
    serializers.BooleanField,
    serializers.DateField,
    serializers.DateTimeField,
    serializers.PrimaryKeyRelatedField,
)


def is_text(column: Column) -> bool:
    """Whether the column holds text (which a spreadsheet might take for a formula)."""
    field = column.field
    leaf = field.child if isinstance(field, serializers.ListField) else field
    return not isinstance(leaf, NOT_TEXT)


def readers(columns: list[Column]) -> list[Callable[[dict[str, Any]], str]]:
    """A function per column, record -> cell; the same cells as the rules above, faster than
    walking each path generically (a million-row export reads tens of millions of cells)."""
    return [_text_reader(_reader(c)) if is_text(c) else _reader(c) for c in columns]


def raw_readers(columns: list[Column]) -> list[Callable[[dict[str, Any]], str]]:
    """:func:`readers` without neutralising text cells (a caller that neutralises whole rows,
    as ``writers.csv_lines`` does)."""
    return [_reader(c) for c in columns]


def _text_reader(read: Callable[[dict[str, Any]], str]) -> Callable[[dict[str, Any]], str]:
    return lambda record: neutralised(read(record))


def _list_reader(first: str, rest: tuple[str, ...]) -> Callable[[dict[str, Any]], str]:
    """A list of objects one or two levels deep (``incidents_slug``, ``losses_side_slug``)."""
    if len(rest) == 1:
        (key,) = rest

        def one(record: dict[str, Any]) -> str:
            top = record[first]
            if not top:
                return ""
            if not isinstance(top, list):
                return cell(top[key])
            return SEPARATOR.join("" if item is None else cell(item[key]) for item in top)

        return one
    outer, inner = rest

    def two(record: dict[str, Any]) -> str:
        top = record[first]
        if not top:
            return ""
        if not isinstance(top, list):
            top = [top]
        return SEPARATOR.join(
            "" if item is None or item[outer] is None else cell(item[outer][inner]) for item in top
        )

    return two


def _reader(column: Column) -> Callable[[dict[str, Any]], str]:
    path = column.path
    if column.many:
        first, rest = path[0], path[1:]
        if len(rest) in (1, 2) and not isinstance(column.field, serializers.ListField):
            return _list_reader(first, rest)

        def many(record: dict[str, Any]) -> str:
            top = record[first]
            if not top:  # an empty list, or null: the empty cell (most rows, most lists)
                return ""
            return SEPARATOR.join(cell(value) for value in _values(top, rest))

        return many
    if len(path) == 1:
        (name,) = path
        return lambda record: cell(record[name])
    if len(path) == 2:
        outer, inner = path
        return lambda record: "" if record[outer] is None else cell(record[outer][inner])

    def nested(record: dict[str, Any]) -> str:
        values = _values(record, path)
        return cell(values[0]) if values else ""

    return nested
