"""The claims' CSV export, straight from SQL: the serializer's cells without the serializer.

A million-claim export spends its time in Python, not in the database: building a nested dict
per claim (api.rows) and reading it back cell by cell cost ~18x the database's own CSV dump.
Here each keyset chunk is one precompiled query on a raw cursor, its incidents, losses and
links four more (fixed SQL, the chunk's ids as one parameter), every row is built from the
tuples straight into its cells, and the chunk is written by ``writers.csv_lines`` (csv.writer's
bytes; only rows that need quoting go through csv.writer).

The representation is still the serializers': the header is ``columns_for(ClaimSerializer())``
and :func:`check_layout` refuses to run if the serializer's columns ever differ from the ones
built here. The queries are the viewset's filtered queryset and the same visibility rules as
api.rows (compiled by Django, so filters, search and ``?status=`` apply unchanged).
``tests/exports/test_claim_table.py`` proves the bytes equal the serializer path's.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Func, QuerySet, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework import ISO_8601, serializers
from rest_framework.request import Request
from rest_framework.settings import api_settings

from conflict.models import Claim, Incident, Loss
from conflict.visibility import visible_losses

from ..choices import LinkDirection
from ..rows import CLAIM_COLUMNS, LOSS_COLUMNS, datetime_writer, link_rows, url_parts
from ..serializers import ClaimSerializer
from .columns import SEPARATOR, columns_for
from .walk import CHUNK_SIZE
from .writers import csv_lines, csv_text

# Placeholder values, found in the compiled parameters and replaced by each chunk's: the
# keyset bound (see _keyset) and the id list of the related rows' queries (built from
# statuses only, so no other parameter can equal it).
_SENTINEL = -7_162_534_981_234
_SENTINEL_IDS = "[-7162534981234]"  # the id list, replaced likewise

# Claims per keyset chunk unless settings.EXPORT_CHUNK_SIZE says, as measured: PostgreSQL is
# fastest at 2,000 (fewer queries to plan, fewer round trips: ~15% faster than 500 on 100k
# claims), SQLite at the other exports' 500 (2,000 was ~30% slower on 1M claims).
CHUNK_SIZES = {"postgresql": 2000}
_AS_TEXT = ("stated_on", "created_at", "updated_at")  # see ClaimTable._claim_columns

INCIDENT_CELLS = ("id", "url", "slug", "name")
LOSS_CELLS = ("id", "url", "side_id", "side_url", "side_slug", "side_name")
LOSS_CELLS += tuple(LOSS_COLUMNS[4:])  # category ... cumulative
LINK_CELLS = ("relation", "direction", "claim_id", "claim_url", "claim_claimant_id")
LINK_CELLS += ("claim_claimant_url", "claim_claimant_slug", "claim_claimant_name")
LINK_CELLS += ("claim_stance", "claim_category", "claim_text")

# The header this module writes, in order; check_layout compares it with the serializer's.
LAYOUT = (
    ["id", "url", "article_id", "article_url", "article_slug", "article_name"]
    + ["claimant_id", "claimant_url", "claimant_slug", "claimant_name"]
    + ["stance", "category", "text", "quote", "span_start", "span_end", "is_direct_quote"]
    + ["channel", "channel_actor_id", "channel_actor_url", "channel_actor_slug"]
    + ["channel_actor_name", "stated_on", "stated_on_inferred", "contested"]
    + [f"incidents_{name}" for name in INCIDENT_CELLS]
    + [f"losses_{name}" for name in LOSS_CELLS]
    + [f"links_{name}" for name in LINK_CELLS]
    + ["status", "notes", "created_at", "updated_at"]
)
_NO_INCIDENTS = ("",) * len(INCIDENT_CELLS)
_NO_LOSSES = ("",) * len(LOSS_CELLS)
_NO_LINKS = ("",) * len(LINK_CELLS)
_NO_ACTOR = ("", "", "", "")


def check_layout() -> list[str]:
    """The serializer's CSV header, if it is the one this module builds rows for."""
    header = [column.name for column in columns_for(ClaimSerializer())]
    if header != LAYOUT:
        raise RuntimeError(
            "ClaimSerializer's CSV columns changed; api/exports/claim_table.py builds "
            f"{LAYOUT} but the serializer flattens to {header}"
        )
    return header


def _cell(value: Any) -> str:
    """api.exports.columns.cell for a value that is not a boolean (booleans are written
    ``"true" if value else "false"``: SQLite returns computed ones as 0/1)."""
    if value is None:
        return ""
    return str(value)


def _per_claim(items: Iterable[tuple[int, tuple[str, ...]]]) -> dict[int, tuple[str, ...]]:
    """Each claim's related items (in the order given) as one tuple of cells: an item's
    cells, or several items' cells joined column by column with ``;``."""
    grouped: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for claim_id, cells in items:
        grouped[claim_id].append(cells)
    return {
        claim_id: cells[0]
        if len(cells) == 1
        else tuple(SEPARATOR.join(column) for column in zip(*cells, strict=True))
        for claim_id, cells in grouped.items()
    }


class _Urls:
    """A detail URL's text before and after the id (api.rows.url_parts): each URL is then
    one f-string, not a call."""

    def __init__(self, request: Request | None, basename: str) -> None:
        self.head, self.tail = url_parts(request, basename)


def _compiled(queryset: QuerySet, marker: object) -> tuple[str, list[Any], int]:
    """The queryset's SQL and parameters, and where ``marker`` sits among them."""
    sql, params = queryset.query.sql_with_params()
    params = list(params)
    where = [i for i, param in enumerate(params) if param == marker]
    if len(where) != 1:
        raise RuntimeError(f"cannot find the chunk parameter in {sql!r}")
    return sql, params, where[0]


def _keyset(claims: QuerySet, size: int) -> tuple[str, list[Any], int]:
    """The chunk after a given id: the SQL, its parameters and where the id goes.

    The user's filters are among the parameters and might hold any value, so the bound's
    place is found by compiling with two different bounds, not by a marker value."""
    sql, params = claims.filter(pk__gt=_SENTINEL)[:size].query.sql_with_params()
    other_sql, other = claims.filter(pk__gt=_SENTINEL + 1)[:size].query.sql_with_params()
    where = [i for i, (a, b) in enumerate(zip(params, other, strict=True)) if a != b]
    if sql != other_sql or len(where) != 1:
        raise RuntimeError(f"cannot find the keyset bound in {sql!r}")
    return sql, list(params), where[0]


def _ids_in(vendor: str) -> RawSQL:
    """A subquery yielding the ids of one parameter, an array of any length as text: the
    same SQL for every chunk (``{1,2}`` on PostgreSQL, ``[1,2]`` on SQLite)."""
    if vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::text::bigint[])", [_SENTINEL_IDS])
    return RawSQL("SELECT value FROM json_each(%s)", [_SENTINEL_IDS])


class _UtcText(Func):
    """A PostgreSQL timestamp as the naive UTC text SQLite stores (``YYYY-MM-DD
    HH:MM:SS.ffffff``), whatever the session's DateStyle."""

    template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
    output_field = TextField()


class ClaimTable:
    """The CSV export of a filtered claims queryset, a keyset chunk per yielded piece."""

    def __init__(
        self,
        queryset: QuerySet[Claim],
        request: Request | None,
        statuses: Sequence[str],
        size: int | None = None,
    ) -> None:
        self.header = check_layout()
        self.db = queryset.db
        self.vendor = connections[self.db].vendor
        self.size = size or getattr(
            settings, "EXPORT_CHUNK_SIZE", CHUNK_SIZES.get(self.vendor, CHUNK_SIZE)
        )
        self.statuses = list(statuses)
        self.claim_url = _Urls(request, "claim")
        self.article_url = _Urls(request, "article")
        self.actor_url = _Urls(request, "actor")
        self.incident_url = _Urls(request, "incident")
        self.loss_url = _Urls(request, "loss")
        fields = ClaimSerializer().fields
        self.date = self._date_cell(fields["stated_on"])
        self.datetime = self._datetime_cell(fields["created_at"])
        claims = queryset.order_by("pk").values_list(*self._claim_columns())
        try:
            self.first: tuple[str, Any] | None = claims[: self.size].query.sql_with_params()
            self.main = _keyset(claims, self.size)
        except EmptyResultSet:  # a filter that matches nothing by construction (no ids)
            self.first = None
        self.incidents = self._incidents_sql()
        self.losses = self._losses_sql()
        self.links_out = self._links_sql("source", "target")
        self.links_in = self._links_sql("target", "source")

    # -- the queries -------------------------------------------------------------------------

    def _claim_columns(self) -> list[Any]:
        """CLAIM_COLUMNS, with times (and on SQLite dates) read as text: each driver would
        parse them with a Python function per value (Django's converters on SQLite, its
        time zone loader on PostgreSQL), slower than parsing the text here."""
        if self.vendor == "sqlite":
            as_text = {name: Cast(name, TextField()) for name in _AS_TEXT}
        elif self.vendor == "postgresql" and self._utc(ClaimSerializer().fields["created_at"]):
            as_text = {name: _UtcText(name) for name in _AS_TEXT if name != "stated_on"}
        else:
            as_text = {}
        return [as_text.get(name, name) for name in CLAIM_COLUMNS]

    def _incidents_sql(self) -> tuple[str, list[Any], int]:
        """Visible incidents per claim, in Incident's order (as the prefetch has them)."""
        through = Claim.incidents.through
        order = [
            f"-incident__{f[1:]}" if f.startswith("-") else f"incident__{f}"
            for f in Incident._meta.ordering
        ]
        rows = (
            through.objects.using(self.db)
            .filter(
                claim_id__in=_ids_in(self.vendor),
                incident__status__in=self.statuses,
            )
            .order_by(*order)
            .values_list("claim_id", "incident_id", "incident__slug", "incident__title")
        )
        return _compiled(rows, _SENTINEL_IDS)

    def _losses_sql(self) -> tuple[str, list[Any], int]:
        rows = (
            Loss.objects.using(self.db)
            .filter(visible_losses(self.statuses), claim_id__in=_ids_in(self.vendor))
            .order_by("id")
            .values_list("claim_id", *LOSS_COLUMNS)
        )
        return _compiled(rows, _SENTINEL_IDS)

    def _links_sql(self, own: str, other: str) -> tuple[str, list[Any], int]:
        """One direction's links, in id order (ClaimSerializer.get_links)."""
        rows = (
            link_rows(own, other, self.statuses)
            .using(self.db)
            .filter(**{f"{own}_id__in": _ids_in(self.vendor)})
        )
        return _compiled(rows, _SENTINEL_IDS)

    @staticmethod
    def _run(cursor: Any, compiled: tuple[str, list[Any], int], value: Any) -> list[tuple]:
        sql, params, where = compiled
        params = params.copy()
        params[where] = value
        cursor.execute(sql, params)
        return cursor.fetchall()

    # -- the cells ---------------------------------------------------------------------------

    def _utc(self, field: serializers.DateTimeField) -> bool:
        """Whether ``field`` writes a stored time as its UTC ``isoformat()`` plus ``Z``: the
        database's connection and the field's zone are UTC and its format ISO 8601."""
        zone = field.timezone if hasattr(field, "timezone") else field.default_timezone()
        output = getattr(field, "format", api_settings.DATETIME_FORMAT)
        return bool(
            settings.USE_TZ
            and str(zone) == "UTC"
            and connections[self.db].timezone_name == "UTC"
            and output is not None
            and output.lower() == ISO_8601
        )

    def _datetime_cell(self, field: serializers.DateTimeField) -> Callable[[Any], str]:
        """A stored timestamp as ``field`` writes it. Read as text (see _claim_columns), it is
        the naive time in the connection's zone, parsed as Django's converter would; when
        :meth:`_utc` holds, DRF's text is then its ``isoformat()`` plus ``Z``, without DRF's
        time zone lookups per value."""
        write = datetime_writer(field)
        connection = connections[self.db]
        aware, utc = settings.USE_TZ, self._utc(field)

        def cell(value: Any) -> str:
            if value is None:
                return ""
            if isinstance(value, str):
                value = parse_datetime(value)
            if aware and value.tzinfo is None:
                if utc:
                    return f"{value.isoformat()}Z"
                value = timezone.make_aware(value, connection.timezone)
            return _cell(write(value))

        return cell

    @staticmethod
    def _date_cell(field: serializers.DateField) -> Callable[[Any], str]:
        """A stored date as ``field`` writes it (SQLite's text parsed as Django's converter
        would); DRF's ISO format is ``isoformat()``."""
        output = getattr(field, "format", api_settings.DATE_FORMAT)
        iso = output is not None and output.lower() == ISO_8601

        def cell(value: Any) -> str:
            if value is None:
                return ""
            if isinstance(value, str):
                value = parse_date(value)
            return value.isoformat() if iso else _cell(field.to_representation(value))

        return cell

    def _incident_cells(self, rows: list[tuple]) -> dict[int, tuple[str, ...]]:
        head, tail = self.incident_url.head, self.incident_url.tail
        return _per_claim(
            (claim_id, (str(pk), f"{head}{pk}{tail}", _cell(slug), _cell(title)))
            for claim_id, pk, slug, title in rows
        )

    def _loss_cells(self, rows: list[tuple]) -> dict[int, tuple[str, ...]]:
        head, tail = self.loss_url.head, self.loss_url.tail
        side = self._actor_cells
        return _per_claim(
            (
                claim_id,
                (
                    str(pk),
                    f"{head}{pk}{tail}",
                    *side(side_id, side_slug, side_name),
                    *[_cell(value) for value in rest],
                    "true" if cumulative else "false",
                ),
            )
            for claim_id, pk, side_id, side_slug, side_name, *rest, cumulative in rows
        )

    def _link_cells(self, outgoing: list[tuple], incoming: list[tuple]) -> dict[int, tuple]:
        """Outgoing links first, then incoming (ClaimSerializer.get_links)."""
        head, tail = self.claim_url.head, self.claim_url.tail
        actor = self._actor_cells
        return _per_claim(
            (
                claim_id,
                (
                    _cell(relation),
                    direction,
                    str(pk),
                    f"{head}{pk}{tail}",
                    *actor(actor_id, slug, name),
                    _cell(stance),
                    _cell(category),
                    _cell(text),
                ),
            )
            for direction, rows in (
                (str(LinkDirection.OUTGOING), outgoing),
                (str(LinkDirection.INCOMING), incoming),
            )
            for claim_id, relation, pk, actor_id, slug, name, stance, category, text in rows
        )

    def _actor_cells(self, pk: int | None, slug: str, name: str) -> tuple[str, ...]:
        """An actor summary's four cells; a null actor leaves them empty."""
        if pk is None:
            return _NO_ACTOR
        return (str(pk), f"{self.actor_url.head}{pk}{self.actor_url.tail}", slug, name)

    def _rows(self, claims: list[tuple], cursor: Any) -> list[list[str]]:
        ids = ",".join([str(claim[0]) for claim in claims])
        ids = f"{{{ids}}}" if self.vendor == "postgresql" else f"[{ids}]"
        incidents = self._incident_cells(self._run(cursor, self.incidents, ids))
        losses = self._loss_cells(self._run(cursor, self.losses, ids))
        links = self._link_cells(
            self._run(cursor, self.links_out, ids), self._run(cursor, self.links_in, ids)
        )
        claim_url, article_url = self.claim_url, self.article_url
        claim_head, claim_tail = claim_url.head, claim_url.tail
        article_head, article_tail = article_url.head, article_url.tail
        stamp, day, actor = self.datetime, self.date, self._actor_cells
        out = []
        for (
            pk,
            article,
            article_slug,
            article_title,
            claimant,
            claimant_slug,
            claimant_name,
            stance,
            category,
            text,
            quote,
            span_start,
            span_end,
            direct,
            channel,
            channel_actor,
            channel_slug,
            channel_name,
            stated_on,
            inferred,
            contested,
            status,
            notes,
            created_at,
            updated_at,
        ) in claims:
            # Text columns are NOT NULL (strings as they are); nullable ones go through _cell.
            out.append(
                [
                    str(pk),
                    f"{claim_head}{pk}{claim_tail}",
                    str(article),
                    f"{article_head}{article}{article_tail}",
                    article_slug,
                    article_title,
                    *actor(claimant, claimant_slug, claimant_name),
                    stance,
                    category,
                    text,
                    quote,
                    str(span_start),
                    str(span_end),
                    "true" if direct else "false",
                    channel,
                    *actor(channel_actor, channel_slug, channel_name),
                    day(stated_on),
                    "true" if inferred else "false",
                    "true" if contested else "false",
                    *incidents.get(pk, _NO_INCIDENTS),
                    *losses.get(pk, _NO_LOSSES),
                    *links.get(pk, _NO_LINKS),
                    status,
                    notes,
                    stamp(created_at),
                    stamp(updated_at),
                ]
            )
        return out

    # -- the stream --------------------------------------------------------------------------

    def csv(self) -> Iterator[bytes]:
        """The header, then one piece per keyset chunk (its queries run as it is asked for)."""
        yield csv_text([self.header]).encode("utf-8")
        width = len(self.header)
        if self.first is None:
            return
        with connections[self.db].cursor() as cursor:
            cursor.execute(*self.first)
            claims = cursor.fetchall()
            while claims:
                yield csv_lines(self._rows(claims, cursor), width).encode("utf-8")
                if len(claims) < self.size:
                    return
                claims = self._run(cursor, self.main, claims[-1][0])
