"""A fast read path: claims and incidents as their serializers show them, read with
``values()``.

The serializers stay the one definition of each representation (the schema is generated from
them); this module writes the same dicts, key for key, from plain rows, without building a
model instance or a nested serializer per row. On a page of 100 claims that is most of the
time a request takes. ``tests/api/test_rows.py`` proves the output equals the serializer's
for every claim of the seed and of a synthetic dataset, for the public and for editors.

Visibility is the caller's queryset (filtered by api.visibility like any other) plus the
``statuses`` given here for nested records, exactly as api.views.prefetch does for the
serializer path.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from types import SimpleNamespace
from typing import Any

from django.db import router
from django.db.models import QuerySet
from django.urls import get_urlconf
from django.urls import reverse as django_reverse
from django.utils import timezone
from rest_framework import ISO_8601, serializers
from rest_framework.request import Request
from rest_framework.reverse import preserve_builtin_query_params
from rest_framework.settings import api_settings

from conflict.models import Claim, ClaimLink, Incident, IncidentParticipant, Loss, Place
from conflict.models.choices import ACLED_EVENT_TYPES
from conflict.visibility import visible_losses

from .choices import LinkDirection
from .permissions import is_editor
from .prepared import prepared
from .serializers import ClaimSerializer, IncidentSerializer

_PLACEHOLDER = 987654321  # reversed once, then replaced by each id

# The main query's columns: the claim's own fields and its to-one summaries. The CSV export
# (api/exports/claim_table.py) unpacks these and LOSS_COLUMNS in this order.
CLAIM_COLUMNS = (
    "id",
    "article_id",
    "article__slug",
    "article__title",
    "claimant_id",
    "claimant__slug",
    "claimant__name",
    "stance",
    "category",
    "text",
    "quote",
    "span_start",
    "span_end",
    "is_direct_quote",
    "channel",
    "channel_actor_id",
    "channel_actor__slug",
    "channel_actor__name",
    "stated_on",
    "stated_on_inferred",
    "contested",
    "status",
    "notes",
    "created_at",
    "updated_at",
)
LOSS_COLUMNS = (
    "id",
    "side_id",
    "side__slug",
    "side__name",
    "category",
    "population",
    "equipment",
    "count_low",
    "count_best",
    "count_high",
    "qualifier",
    "cumulative",
)


# Read beside the main columns (not part of CLAIM_COLUMNS: the CSV export unpacks those).
EXTRACTION_COLUMNS = ("extraction_confidence", "extraction_evidence")


def extraction(row: dict[str, Any], editor: bool) -> dict[str, Any]:
    """The extractor's confidence and evidence as EditorsOnlyMixin shows them: the stored
    values for an editor, null for the public."""
    if not editor:
        return {"extraction_confidence": None, "extraction_evidence": None}
    confidence = row["extraction_confidence"]
    return {
        "extraction_confidence": None if confidence is None else float(confidence),
        "extraction_evidence": row["extraction_evidence"],
    }


def url_parts(request: Request | None, basename: str) -> tuple[str, str]:
    """A detail URL's text before and after the id, as HyperlinkedIdentityField builds the
    URL (DRF's reverse: the version in the path, then the request's scheme and host, and a
    ``?format=`` carried over), reversed once per process."""
    version = getattr(request, "version", None)
    path = _detail_path(basename, version, get_urlconf())
    if request is not None:
        path = preserve_builtin_query_params(request.build_absolute_uri(path), request)
    head, tail = path.split(str(_PLACEHOLDER))
    return head, tail


def url_maker(request: Request | None, basename: str) -> Callable[[int], str]:
    """``id -> absolute detail URL``, as HyperlinkedIdentityField builds it."""
    head, tail = url_parts(request, basename)
    return lambda pk: f"{head}{pk}{tail}"


@cache
def _detail_path(basename: str, version: str | None, urlconf: str | None) -> str:
    kwarg = "pk" if basename in ("claim", "loss") else "id_or_slug"
    kwargs: dict[str, Any] = {kwarg: _PLACEHOLDER}
    if version is not None:
        kwargs["version"] = version
    return django_reverse(f"{basename}-detail", kwargs=kwargs, urlconf=urlconf)


def datetime_writer(field: serializers.DateTimeField) -> Callable[[Any], Any]:
    """``field.to_representation``, with the time zone looked up once instead of per value
    (DRF's lookup is a good part of a row's cost); any other case is left to DRF."""
    output_format = getattr(field, "format", api_settings.DATETIME_FORMAT)
    if output_format is None or output_format.lower() != ISO_8601:
        return field.to_representation
    zone = field.timezone if hasattr(field, "timezone") else field.default_timezone()
    if zone is None:
        return field.to_representation

    def write(value: Any) -> Any:
        if not value or isinstance(value, str) or timezone.is_naive(value):
            return field.to_representation(value)
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return write


@cache
def _writers(serializer: type[serializers.Serializer], timestamp: str, date: str) -> tuple:
    """The serializer's datetime and date writers, built once (binding a serializer's
    fields costs more than writing a page of rows)."""
    fields = serializer().fields
    return datetime_writer(fields[timestamp]), fields[date].to_representation


def loss_summary(row: Sequence[Any], loss_url: Callable, actor_url: Callable) -> dict:
    """A LossSummarySerializer dict from LOSS_COLUMNS without ``claim_id``."""
    pk, side_id, side_slug, side_name, category, population, equipment, *rest = row
    low, best, high, qualifier, cumulative = rest
    return {
        "id": pk,
        "url": loss_url(pk),
        "side": _summary(actor_url, side_id, side_slug, side_name),
        "category": category,
        "population": population,
        "equipment": equipment,
        "count_low": low,
        "count_best": best,
        "count_high": high,
        "qualifier": qualifier,
        "cumulative": cumulative,
    }


def link_rows(own: str, other: str, statuses: Sequence[str]) -> QuerySet:
    """Links seen from the claim at ``own`` (``source`` or ``target``): its id, the relation,
    then the claim at ``other`` as a summary's columns; only links to visible claims."""
    return (
        ClaimLink.objects.filter(**{f"{other}__status__in": list(statuses)})
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


def _summary(url: Callable[[int], str], pk: int | None, slug: str, name: str) -> dict | None:
    if pk is None:
        return None
    return {"id": pk, "url": url(pk), "slug": slug, "name": name}


class ClaimRows:
    """Claims as dicts equal to ``ClaimSerializer(claim).data``."""

    def __init__(self, request: Request | None, statuses: Sequence[str]) -> None:
        self.statuses = tuple(statuses)
        self.claim_url = url_maker(request, "claim")
        self.article_url = url_maker(request, "article")
        self.actor_url = url_maker(request, "actor")
        self.incident_url = url_maker(request, "incident")
        self.loss_url = url_maker(request, "loss")
        self.alias = router.db_for_read(Claim)
        # How sure the extractor was: editors only, null for the public (EditorsOnlyMixin).
        self.editor = request is not None and is_editor(request, Claim)
        # Dates and times exactly as DRF writes them (time zone, format settings).
        self.datetime, self.date = _writers(ClaimSerializer, "created_at", "stated_on")

    @staticmethod
    def columns(queryset: QuerySet[Claim]) -> QuerySet:
        """The queryset's rows (its filters and order kept) as the main query's dicts."""
        return queryset.values(*CLAIM_COLUMNS, *EXTRACTION_COLUMNS)

    def rows(self, claims: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """The representation of each row of :meth:`columns`, in the given order."""
        claims = list(claims)
        ids = [claim["id"] for claim in claims]
        incidents = self._incidents(ids)
        losses = self._losses(ids)
        links = self._links(ids)
        return [self._claim(claim, incidents, losses, links) for claim in claims]

    def _claim(self, c: dict, incidents: dict, losses: dict, links: dict) -> dict[str, Any]:
        pk = c["id"]
        actor_url = self.actor_url
        return {
            "id": pk,
            "url": self.claim_url(pk),
            "article": {
                "id": c["article_id"],
                "url": self.article_url(c["article_id"]),
                "slug": c["article__slug"],
                "name": c["article__title"],
            },
            "claimant": _summary(
                actor_url, c["claimant_id"], c["claimant__slug"], c["claimant__name"]
            ),
            "stance": c["stance"],
            "category": c["category"],
            "text": c["text"],
            "quote": c["quote"],
            "span_start": c["span_start"],
            "span_end": c["span_end"],
            "is_direct_quote": c["is_direct_quote"],
            "channel": c["channel"],
            "channel_actor": _summary(
                actor_url,
                c["channel_actor_id"],
                c["channel_actor__slug"],
                c["channel_actor__name"],
            ),
            "stated_on": self.date(c["stated_on"]) if c["stated_on"] is not None else None,
            "stated_on_inferred": c["stated_on_inferred"],
            "contested": c["contested"],
            "incidents": incidents.get(pk, []),
            "losses": losses.get(pk, []),
            "links": links.get(pk, []),
            "status": c["status"],
            "notes": c["notes"],
            "created_at": self.datetime(c["created_at"]),
            "updated_at": self.datetime(c["updated_at"]),
            **extraction(c, self.editor),
        }

    def _incidents(self, ids: list[int]) -> dict[int, list[dict]]:
        """Visible incidents per claim, in Incident's order (as the prefetch has them)."""
        through = Claim.incidents.through
        order = [
            f"-incident__{f[1:]}" if f.startswith("-") else f"incident__{f}"
            for f in Incident._meta.ordering
        ]
        statuses = self.statuses
        query = prepared(
            ("claim incidents", statuses),
            lambda: (
                through.objects.filter(incident__status__in=statuses)
                .order_by(*order)
                .values_list("claim_id", "incident_id", "incident__slug", "incident__title")
            ),
            "claim_id",
            self.alias,
        )
        found: dict[int, list[dict]] = defaultdict(list)
        for claim_id, pk, slug, title in query.rows(ids):
            found[claim_id].append(_summary(self.incident_url, pk, slug, title))
        return found

    def _losses(self, ids: list[int]) -> dict[int, list[dict]]:
        statuses = self.statuses
        query = prepared(
            ("claim losses", statuses),
            lambda: (
                Loss.objects.filter(visible_losses(statuses))
                .order_by("id")
                .values_list("id", "claim_id", *LOSS_COLUMNS[1:])
            ),
            "claim_id",
            self.alias,
        )
        found: dict[int, list[dict]] = defaultdict(list)
        for pk, claim_id, *loss in query.rows(ids):
            found[claim_id].append(loss_summary((pk, *loss), self.loss_url, self.actor_url))
        return found

    def _links(self, ids: list[int]) -> dict[int, list[dict]]:
        """Outgoing links first, then incoming, each in id order (ClaimSerializer.get_links)."""
        outgoing = self._link_rows(ids, "source", "target", LinkDirection.OUTGOING)
        incoming = self._link_rows(ids, "target", "source", LinkDirection.INCOMING)
        return {pk: outgoing.get(pk, []) + incoming.get(pk, []) for pk in {*outgoing, *incoming}}

    def _link_rows(self, ids: list[int], own: str, other: str, direction: str) -> dict:
        statuses = self.statuses
        query = prepared(
            ("claim links", own, statuses),
            lambda: link_rows(own, other, statuses),
            f"{own}_id",
            self.alias,
        )
        found: dict[int, list[dict]] = defaultdict(list)
        for claim_id, relation, pk, actor, slug, name, stance, category, text in query.rows(ids):
            found[claim_id].append(
                {
                    "relation": relation,
                    "direction": str(direction),
                    "claim": {
                        "id": pk,
                        "url": self.claim_url(pk),
                        "claimant": _summary(self.actor_url, actor, slug, name),
                        "stance": stance,
                        "category": category,
                        "text": text,
                    },
                }
            )
        return found


INCIDENT_COLUMNS = (
    "id",
    "slug",
    "title",
    "kind",
    "description",
    "occurred_on",
    "occurred_until",
    "date_precision",
    "date_text",
    "contested",
    "status",
    "notes",
    "created_at",
    "updated_at",
)


class PlacePoints:
    """What ``api.exports.geo.incident_geometry`` reads of an incident: ``places.all()``."""

    def __init__(self, places: list[SimpleNamespace]) -> None:
        self.places = self
        self._places = places

    def all(self) -> list[SimpleNamespace]:
        return self._places


class IncidentRows:
    """Incidents as dicts equal to ``IncidentSerializer(incident).data``."""

    def __init__(self, request: Request | None, statuses: Sequence[str]) -> None:
        self.statuses = tuple(statuses)
        self.incident_url = url_maker(request, "incident")
        self.place_url = url_maker(request, "place")
        self.actor_url = url_maker(request, "actor")
        self.claim_url = url_maker(request, "claim")
        self.loss_url = url_maker(request, "loss")
        self.article_url = url_maker(request, "article")
        self.alias = router.db_for_read(Incident)
        self.datetime, self.date = _writers(IncidentSerializer, "created_at", "occurred_on")
        self.editor = request is not None and is_editor(request, Incident)
        self.points: dict[int, PlacePoints] = {}

    @staticmethod
    def columns(queryset: QuerySet[Incident]) -> QuerySet:
        return queryset.values(*INCIDENT_COLUMNS, *EXTRACTION_COLUMNS)

    def rows(self, incidents: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """The representation of each row of :meth:`columns`; :attr:`points` then holds each
        incident's places for the GeoJSON geometry."""
        incidents = list(incidents)
        ids = [incident["id"] for incident in incidents]
        places = self._places(ids)
        participants = self._participants(ids)
        losses = self._losses(ids)
        claims = self._claims(ids)
        sources = self._sources(ids)
        date = self.date
        editor = self.editor
        return [
            {
                "id": (pk := i["id"]),
                "url": self.incident_url(pk),
                "slug": i["slug"],
                "title": i["title"],
                "kind": i["kind"],
                "acled_event_type": ACLED_EVENT_TYPES[i["kind"]],
                "description": i["description"],
                "occurred_on": None if i["occurred_on"] is None else date(i["occurred_on"]),
                "occurred_until": None
                if i["occurred_until"] is None
                else date(i["occurred_until"]),
                "date_precision": i["date_precision"],
                "date_text": i["date_text"],
                "contested": i["contested"],
                "places": places.get(pk, []),
                "participants": participants.get(pk, []),
                "losses": losses.get(pk, []),
                "claims": claims.get(pk, []),
                "sources": sources.get(pk, []),
                "sources_count": len(sources.get(pk, ())),
                "status": i["status"],
                "notes": i["notes"],
                "created_at": self.datetime(i["created_at"]),
                "updated_at": self.datetime(i["updated_at"]),
                **extraction(i, editor),
            }
            for i in incidents
        ]

    def _places(self, ids: list[int]) -> dict[int, list[dict]]:
        """In Place's order, as the plain ``places`` prefetch has them."""
        through = Incident.places.through
        order = [
            f"-place__{f[1:]}" if f.startswith("-") else f"place__{f}" for f in Place._meta.ordering
        ]
        found: dict[int, list[dict]] = defaultdict(list)
        points: dict[int, list[SimpleNamespace]] = defaultdict(list)
        query = prepared(
            "incident places",
            lambda: through.objects.order_by(*order).values_list(
                "incident_id", "place_id", "place__slug", "place__name", "place__latitude",
                "place__longitude",
            ),
            "incident_id",
            self.alias,
        )  # fmt: skip
        for incident_id, pk, slug, name, latitude, longitude in query.rows(ids):
            found[incident_id].append(_summary(self.place_url, pk, slug, name))
            has_point = latitude is not None and longitude is not None
            points[incident_id].append(
                SimpleNamespace(latitude=latitude, longitude=longitude, has_point=has_point)
            )
        self.points = {pk: PlacePoints(points.get(pk, [])) for pk in ids}
        return found

    def _participants(self, ids: list[int]) -> dict[int, list[dict]]:
        found: dict[int, list[dict]] = defaultdict(list)
        query = prepared(
            "incident participants",
            lambda: IncidentParticipant.objects.order_by("role", "id").values_list(
                "incident_id", "role", "actor_id", "actor__slug", "actor__name"
            ),
            "incident_id",
            self.alias,
        )
        for incident_id, role, pk, slug, name in query.rows(ids):
            found[incident_id].append(
                {"role": role, "actor": _summary(self.actor_url, pk, slug, name)}
            )
        return found

    def _losses(self, ids: list[int]) -> dict[int, list[dict]]:
        """In Loss's own order (by claim, then id), as the prefetch has them."""
        found: dict[int, list[dict]] = defaultdict(list)
        statuses = self.statuses
        query = prepared(
            ("incident losses", statuses),
            lambda: Loss.objects.filter(visible_losses(statuses)).values_list(
                "incident_id", *LOSS_COLUMNS
            ),
            "incident_id",
            self.alias,
        )
        for incident_id, *loss in query.rows(ids):
            found[incident_id].append(loss_summary(loss, self.loss_url, self.actor_url))
        return found

    def _claims(self, ids: list[int]) -> dict[int, list[dict]]:
        """In Claim's own order (by article, then text order), as the prefetch has them."""
        through = Claim.incidents.through
        order = [
            f"-claim__{f[1:]}" if f.startswith("-") else f"claim__{f}" for f in Claim._meta.ordering
        ]
        found: dict[int, list[dict]] = defaultdict(list)
        statuses = self.statuses
        query = prepared(
            ("incident claims", statuses),
            lambda: through.objects.filter(claim__status__in=statuses)
            .order_by(*order)
            .values_list(
                "incident_id", "claim_id", "claim__claimant_id", "claim__claimant__slug",
                "claim__claimant__name", "claim__stance", "claim__category", "claim__text",
            ),
            "incident_id",
            self.alias,
        )  # fmt: skip
        for incident_id, pk, actor, slug, name, stance, category, text in query.rows(ids):
            found[incident_id].append(
                {
                    "id": pk,
                    "url": self.claim_url(pk),
                    "claimant": _summary(self.actor_url, actor, slug, name),
                    "stance": stance,
                    "category": category,
                    "text": text,
                }
            )
        return found

    def _sources(self, ids: list[int]) -> dict[int, list[dict]]:
        """Articles with a visible claim about each incident, each with how many, in the
        serializer's order (api.serializers.incident.source_order)."""
        through = Claim.incidents.through
        statuses = self.statuses
        query = prepared(
            ("incident sources", statuses),
            lambda: through.objects.filter(claim__status__in=statuses).values_list(
                "incident_id", "claim__article_id", "claim__article__slug",
                "claim__article__title", "claim__article__publisher",
                "claim__article__source_url", "claim__article__published_on",
            ),
            "incident_id",
            self.alias,
        )  # fmt: skip
        found: dict[int, dict[int, dict]] = defaultdict(dict)
        for incident_id, pk, slug, title, publisher, source_url, published_on in query.rows(ids):
            source = found[incident_id].get(pk)
            if source is None:
                found[incident_id][pk] = source = {
                    "id": pk,
                    "url": self.article_url(pk),
                    "slug": slug,
                    "title": title,
                    "publisher": publisher,
                    "source_url": source_url,
                    "published_on": published_on,
                    "claims_count": 0,
                }
            source["claims_count"] += 1
        date = self.date
        ordered: dict[int, list[dict]] = {}
        for incident_id, by_article in found.items():
            sources = sorted(
                by_article.values(),
                key=lambda a: (a["published_on"] is None, a["published_on"] or 0, a["id"]),
            )
            for source in sources:
                if source["published_on"] is not None:
                    source["published_on"] = date(source["published_on"])
            ordered[incident_id] = sources
        return ordered
