"""The fields a read plan (api.rows) cannot derive from a serializer, declared with a batched
loader: one query per page, never the serializer once per row.

A field is declared here only when it is not a column, a to-one summary or a to-many list of a
serializer: a ``SerializerMethodField`` (a claim's links, an incident's sources), a model
property (an incident's ACLED event type). Everything else is derived; a plan refuses to
compile a field it cannot derive and that is not declared here.
"""

from collections import defaultdict
from functools import cache
from typing import Any

from django.db.models import Count, F, QuerySet, Value

from conflict.models import Claim, ClaimLink
from conflict.models.choices import ACLED_EVENT_TYPES
from conflict.visibility import nested

from .choices import LinkDirection
from .exports.plan_cells import Binder, cells_for, joined
from .prepared import MARKER, prepared
from .rows import Computed, Env, Loader, Plan, Spec, date_writer
from .serializers import ActorSerializer, ClaimSerializer, IncidentSerializer
from .serializers.incident import IncidentSourceSerializer
from .serializers.summaries import ClaimSummarySerializer


@cache
def _linked_claim(other: str) -> Plan:
    """The summary of the claim at a link's other end (``target`` or ``source``): a link row
    is ``(own id, relation, *its columns)``."""
    return Plan(ClaimSummarySerializer, prefix=f"{other}__", pk=f"{other}_id", lead=2)


# The links' two directions (own end, other end, name), in the order the serializer writes
# them; either end's summary plan has the same columns at the same places.
_DIRECTIONS = (
    ("source", "target", str(LinkDirection.OUTGOING)),
    ("target", "source", str(LinkDirection.INCOMING)),
)


def _links(env: Env, ids: list[int], raw: frozenset[int] | None = None) -> tuple[Plan, list]:
    """The links of these claims to claims the reader may see, in both directions with one
    query (a union, each part reading the ids): rows ``(own id, relation, *the other
    claim's summary columns, side, link id)``, each claim's outgoing links first, then its
    incoming, each in link id order (:func:`_direction` names the side). ``raw``: see
    api.prepared.PreparedQuery.rows."""
    plan = _linked_claim("target")
    statuses = env.statuses

    def build() -> QuerySet:
        outgoing, incoming = (
            ClaimLink.objects.filter(nested(Claim, statuses, f"{other}__"))
            .filter(**{f"{own}_id__in": [MARKER]})
            .annotate(side=Value(side))
            .values_list(f"{own}_id", "relation", *_linked_claim(other).columns, "side", "id")
            .order_by()
            for side, (own, other, _) in enumerate(_DIRECTIONS)
        )
        # Named as the first part names them: the side, the own id, the link's id.
        return outgoing.union(incoming, all=True).order_by("side", "source_id", "id")

    query = prepared(("claim links", statuses), build, None, env.alias)
    return plan, query.rows(ids, raw)


def _direction(row: Any, plan: Plan) -> str:
    """A link row's direction, from its side (the column after the summary's)."""
    return _DIRECTIONS[row[2 + len(plan.columns)]][2]


def claim_links(env: Env, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Outgoing links first, then incoming, each in id order (ClaimSerializer.get_links)."""
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    plan, rows = _links(env, ids)
    for row, claim in zip(rows, plan.factory(env)(rows), strict=True):
        found[row[0]].append(
            {"relation": row[1], "direction": _direction(row, plan), "claim": claim}
        )
    return found


def claim_link_cells(env: Env, ids: list[int]) -> dict[int, tuple[str, ...]]:
    """The links' CSV cells per claim (``links_relation``, ``links_direction``, then the
    other claim's summary), straight from the rows as api.exports.plan_cells writes them."""
    found = cells_for(_linked_claim("target"))
    plan, rows = _links(env, ids, frozenset(found.raw))
    summaries = found.make(Binder(env))(rows)
    cells = [
        (row[1], _direction(row, plan), *summary)
        for row, summary in zip(rows, summaries, strict=True)
    ]
    return joined(rows, cells)


# The article's columns a source shows besides its id, url and count, in the serializer's order.
_SOURCE_COLUMNS = ("slug", "title", "publisher", "source_url", "published_on")


def incident_sources(env: Env, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Articles with a visible claim about each incident, each with how many, in the
    serializer's order (api.serializers.incident.source_order: dated first, by date, then
    by id): counted and ordered by the database, one row per incident and article."""
    key = ("incident sources", tuple(ids))
    if key in env.memo:
        return env.memo[key]
    through = Claim.incidents.through
    statuses = env.statuses
    article = "claim__article__"
    columns = ("incident_id", "claim__article_id", *(article + name for name in _SOURCE_COLUMNS))
    query = prepared(
        ("incident sources", statuses),
        lambda: (
            through.objects.filter(nested(Claim, statuses, "claim__"))
            .values(*columns)
            .annotate(claims_count=Count("pk"))
            .order_by(
                "incident_id",
                F(article + "published_on").asc(nulls_last=True),
                "claim__article_id",
            )
            .values_list(*columns, "claims_count")
        ),
        "incident_id",
        env.alias,
    )
    head, tail = env.url("article")
    date = date_writer(_source_fields()["published_on"])
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for incident_id, pk, slug, title, publisher, source_url, published_on, count in query.rows(ids):
        found[incident_id].append(
            {
                "id": pk,
                "url": f"{head}{pk}{tail}",
                "slug": slug,
                "title": title,
                "publisher": publisher,
                "source_url": source_url,
                "published_on": None if published_on is None else date(published_on),
                "claims_count": count,
            }
        )
    env.memo[key] = found
    return found


@cache
def _source_fields() -> Any:
    return IncidentSourceSerializer().fields


def incident_sources_count(env: Env, ids: list[int]) -> dict[int, int]:
    return {pk: len(sources) for pk, sources in incident_sources(env, ids).items()}


def _as_read(value: Any) -> Any:
    return value


# None of these gives a float (floats=False): a count, a label, summaries of text and ids.
SPECS: dict[type, Spec] = {
    # The list's own annotation (api.views.actor.articles_count), read as a column.
    ActorSerializer: Spec(
        fields={"articles_count": Computed(("articles_count",), _as_read, floats=False)}
    ),
    ClaimSerializer: Spec(
        fields={"links": Loader(claim_links, cells=claim_link_cells, floats=False)}
    ),
    IncidentSerializer: Spec(
        fields={
            "acled_event_type": Computed(("kind",), ACLED_EVENT_TYPES.__getitem__, floats=False),
            "sources": Loader(incident_sources, floats=False),
            "sources_count": Loader(incident_sources_count, empty=int, floats=False),
        },
        # As api.views.prefetch.participations_with_actor reads them.
        order={"participants": ("role", "id")},
    ),
}
