"""The claims' CSV export, straight from SQL: the serializer's cells without the serializer.

A million-claim export spends its time in Python, not in the database: building a nested dict
per claim (api.rows) and reading it back cell by cell costs ~15x the database's own CSV dump.
Here each keyset chunk is one precompiled query on a raw cursor, its incidents, losses and
links three more (fixed SQL, the chunk's ids as one parameter), and every row is built from
tuples into its cells directly, then written with ``csv.writer.writerows``.

The representation is still the serializers': the header is ``columns_for(ClaimSerializer())``
and :func:`check_layout` refuses to run if the serializer's columns ever differ from the ones
built here. The queries are the viewset's filtered queryset and the same visibility rules as
api.rows (compiled by Django, so filters, search and ``?status=`` apply unchanged).
``tests/exports/test_claim_table.py`` proves the bytes equal the serializer path's.
"""

import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from rest_framework.request import Request

from conflict.models import Claim, ClaimLink, Incident, Loss

from ..choices import LinkDirection
from ..rows import CLAIM_COLUMNS, LOSS_COLUMNS, datetime_writer, url_maker
from ..serializers import ClaimSerializer
from ..views.prefetch import visible_losses
from .columns import SEPARATOR, columns_for
from .walk import chunk_size
from .writers import csv_lines, csv_text

# A key no filter can hold: the keyset bound and the id list are found by it in the
# compiled parameters, then replaced by each chunk's.
_SENTINEL = -7_162_534_981_234
_SENTINEL_IDS = "[-7162534981234]"  # the id list, replaced likewise

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
    """api.exports.columns.cell, for raw database values (SQLite's booleans are 0/1)."""
    if value is None:
        return ""
    return str(value)


def _flag(value: Any) -> str:
    return "true" if value else "false"


def _joined(values: Sequence[Any]) -> str:
    return SEPARATOR.join(["" if value is None else str(value) for value in values])


class _Urls:
    """``id -> detail URL`` as text, as url_maker builds it, without a call per id."""

    def __init__(self, request: Request | None, basename: str) -> None:
        self.head, self.tail = url_maker(request, basename)("\x00").split("\x00")

    def of(self, pk: int | str) -> str:
        return f"{self.head}{pk}{self.tail}"


def _compiled(queryset: QuerySet, marker: object) -> tuple[str, list[Any], int]:
    """The queryset's SQL and parameters, and where ``marker`` sits among them."""
    sql, params = queryset.query.sql_with_params()
    params = list(params)
    where = [i for i, param in enumerate(params) if param == marker]
    if len(where) != 1:
        raise RuntimeError(f"cannot find the chunk parameter in {sql!r}")
    return sql, params, where[0]


def _ids_in(vendor: str) -> RawSQL:
    """A subquery yielding the ids of one parameter, an array of any length: the same SQL
    for every chunk. On PostgreSQL the parameter is a list (a bigint[]), on SQLite a JSON
    array."""
    if vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [_SENTINEL_IDS])
    return RawSQL("SELECT value FROM json_each(%s)", [_SENTINEL_IDS])


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
        self.size = size or chunk_size()
        self.statuses = list(statuses)
        self.claim_url = _Urls(request, "claim")
        self.article_url = _Urls(request, "article")
        self.actor_url = _Urls(request, "actor")
        self.incident_url = _Urls(request, "incident")
        self.loss_url = _Urls(request, "loss")
        fields = ClaimSerializer().fields
        self.date = fields["stated_on"].to_representation
        self.datetime = self._datetime_cell(datetime_writer(fields["created_at"]))
        claims = queryset.order_by("pk").values_list(*CLAIM_COLUMNS)
        self.first = claims[: self.size].query.sql_with_params()
        self.main = _compiled(claims.filter(pk__gt=_SENTINEL)[: self.size], _SENTINEL)
        self.incidents = self._incidents_sql()
        self.losses = self._losses_sql()
        self.links_out = self._links_sql("source", "target")
        self.links_in = self._links_sql("target", "source")

    # -- the queries -------------------------------------------------------------------------

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
            ClaimLink.objects.using(self.db)
            .filter(
                **{
                    f"{own}_id__in": _ids_in(self.vendor),
                    f"{other}__status__in": self.statuses,
                }
            )
            .order_by("id")
            .values_list(
                f"{own}_id",
                "relation",
                f"{other}_id",
                f"{other}__claimant_id",
                f"{other}__claimant__slug",
                f"{other}__claimant__name",
                f"{other}__stance",
                f"{other}__category",
                f"{other}__text",
            )
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

    def _datetime_cell(self, write: Callable[[Any], Any]) -> Callable[[Any], str]:
        """A stored timestamp as DRF writes it (``write``). SQLite's converter hands back a
        naive datetime in the connection's zone: when both that zone and DRF's output are
        UTC, DRF's text is ``isoformat()`` + ``Z``, without its time zone lookups per value."""
        connection = connections[self.db]
        sample = datetime(2001, 2, 3, 4, 5, 6, 7, tzinfo=UTC)
        utc = (
            settings.USE_TZ
            and connection.timezone_name == "UTC"
            and write(sample) == "2001-02-03T04:05:06.000007Z"
            and write(sample.replace(microsecond=0)) == "2001-02-03T04:05:06Z"
        )

        def cell(value: Any) -> str:
            if value is None:
                return ""
            if value.tzinfo is None and settings.USE_TZ:
                if utc:
                    return f"{value.isoformat()}Z"
                value = value.replace(tzinfo=connection.timezone)
            return _cell(write(value))

        return cell

    def _date_cell(self, value: Any) -> str:
        return "" if value is None else _cell(self.date(value))

    def _incident_cells(self, rows: list[tuple]) -> dict[int, tuple[str, ...]]:
        grouped: dict[int, list[tuple]] = defaultdict(list)
        for claim_id, *incident in rows:
            grouped[claim_id].append(incident)
        url = self.incident_url.of
        return {
            claim_id: (
                _joined([pk for pk, _, _ in items]),
                SEPARATOR.join([url(pk) for pk, _, _ in items]),
                _joined([slug for _, slug, _ in items]),
                _joined([title for _, _, title in items]),
            )
            for claim_id, items in grouped.items()
        }

    def _loss_cells(self, rows: list[tuple]) -> dict[int, tuple[str, ...]]:
        grouped: dict[int, list[tuple]] = defaultdict(list)
        for claim_id, *loss in rows:
            grouped[claim_id].append(loss)
        loss_url, actor_url = self.loss_url.of, self.actor_url.of
        found = {}
        for claim_id, items in grouped.items():
            columns = list(zip(*items, strict=True))
            sides = columns[1]
            found[claim_id] = (
                _joined(columns[0]),
                SEPARATOR.join([loss_url(pk) for pk in columns[0]]),
                _joined(sides),
                SEPARATOR.join(["" if pk is None else actor_url(pk) for pk in sides]),
                _joined(columns[2]),
                _joined(columns[3]),
                *(_joined(values) for values in columns[4:-1]),
                SEPARATOR.join([_flag(value) for value in columns[-1]]),
            )
        return found

    def _link_cells(self, outgoing: list[tuple], incoming: list[tuple]) -> dict[int, tuple]:
        grouped: dict[int, list[tuple]] = defaultdict(list)
        for direction, rows in (
            (str(LinkDirection.OUTGOING), outgoing),
            (str(LinkDirection.INCOMING), incoming),
        ):
            for claim_id, relation, *other in rows:
                grouped[claim_id].append((relation, direction, *other))
        claim_url, actor_url = self.claim_url.of, self.actor_url.of
        found = {}
        for claim_id, items in grouped.items():
            columns = list(zip(*items, strict=True))
            actors = columns[3]
            found[claim_id] = (
                _joined(columns[0]),
                _joined(columns[1]),
                _joined(columns[2]),
                SEPARATOR.join([claim_url(pk) for pk in columns[2]]),
                _joined(actors),
                SEPARATOR.join(["" if pk is None else actor_url(pk) for pk in actors]),
                *(_joined(values) for values in columns[4:]),
            )
        return found

    def _rows(self, claims: list[tuple], cursor: Any) -> list[list[str]]:
        ids: Any = [claim[0] for claim in claims]
        if self.vendor != "postgresql":
            ids = json.dumps(ids)
        incidents = self._incident_cells(self._run(cursor, self.incidents, ids))
        losses = self._loss_cells(self._run(cursor, self.losses, ids))
        links = self._link_cells(
            self._run(cursor, self.links_out, ids), self._run(cursor, self.links_in, ids)
        )
        claim_url, article_url = self.claim_url, self.article_url
        claim_head, claim_tail = claim_url.head, claim_url.tail
        article_head, article_tail = article_url.head, article_url.tail
        actor_head, actor_tail = self.actor_url.head, self.actor_url.tail
        stamp, day = self.datetime, self._date_cell
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
            row = [
                str(pk),
                f"{claim_head}{pk}{claim_tail}",
                str(article),
                f"{article_head}{article}{article_tail}",
                _cell(article_slug),
                _cell(article_title),
            ]
            if claimant is None:
                row += ("", "", "", "")
            else:
                row += (
                    str(claimant),
                    f"{actor_head}{claimant}{actor_tail}",
                    _cell(claimant_slug),
                    _cell(claimant_name),
                )
            row += (
                _cell(stance),
                _cell(category),
                _cell(text),
                _cell(quote),
                _cell(span_start),
                _cell(span_end),
                "true" if direct else "false",
                _cell(channel),
            )
            if channel_actor is None:
                row += ("", "", "", "")
            else:
                row += (
                    str(channel_actor),
                    f"{actor_head}{channel_actor}{actor_tail}",
                    _cell(channel_slug),
                    _cell(channel_name),
                )
            row += (
                day(stated_on),
                "true" if inferred else "false",
                "true" if contested else "false",
            )
            row += incidents.get(pk, _NO_INCIDENTS)
            row += losses.get(pk, _NO_LOSSES)
            row += links.get(pk, _NO_LINKS)
            row += (_cell(status), _cell(notes), stamp(created_at), stamp(updated_at))
            out.append(row)
        return out

    # -- the stream --------------------------------------------------------------------------

    def csv(self) -> Iterator[bytes]:
        """The header, then one piece per keyset chunk (its queries run as it is asked for)."""
        yield csv_text([self.header]).encode("utf-8")
        width = len(self.header)
        with connections[self.db].cursor() as cursor:
            cursor.execute(*self.first)
            claims = cursor.fetchall()
            while claims:
                yield csv_lines(self._rows(claims, cursor), width).encode("utf-8")
                if len(claims) < self.size:
                    return
                claims = self._run(cursor, self.main, claims[-1][0])
