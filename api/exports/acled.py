"""Incidents in ACLED's layout: ACLED's columns, order and codes, one row per event and location.

The mapping, in one place (the README shows the same table):

=================  ======================================================================
ACLED column       from
=================  ======================================================================
event_id_cnty      ISO alpha-3 of the row's country (``XXX`` if none) + incident id + ``-``
                   + place id: unique per row, stable across exports
event_date         ``occurred_on`` (a span's first day); year from it
time_precision     TIME_PRECISION below (a span of up to 7 days is 2, longer is 3)
disorder_type      DISORDER_TYPES by ACLED event type
event_type         ``acled_event_type`` (derived from ``kind``)
sub_event_type     SUB_EVENT_TYPES by ``kind``
actor1, assoc_1    perpetrators, then participants (first is actor1, the rest associated);
                   with no target, the second of them is actor2
actor2, assoc_2    targets (first is actor2, the rest associated)
inter1, inter2     INTER_CODES by actor kind; state forces outside their own country are 8
interaction        the two inter codes, lower first (``18``); one actor alone is ``X0``
civilian_targeting "Civilian targeting" for attacks on civilians or a civilian (7) actor2
iso, country       numeric ISO 3166-1 code and name of the place's country, or its nearest
                   ancestor's; empty for disputed places with no country
region             ACLED_REGIONS by country (empty where not listed)
admin1..admin3     the place's administrative ancestors (regions, districts), top down
location           the place's name; latitude/longitude its point
geo_precision      GEO_PRECISION by the place's ``precision``
source             publishers of the articles the claims come from (the title if unknown)
source_scale       empty: we do not grade sources
notes              the description, who claimed which toll, mediators, the date's words
fatalities         killed: per (side, population) the lowest figure any claim gives, summed
tags               ``contested`` when a claim about the incident is denied or contradicted
timestamp          ``updated_at`` as Unix seconds
=================  ======================================================================

ACLED rows always have a date and a point, and tools built for ACLED rely on both. Incidents
without a date or without any place that has a point are therefore left out; the response
header ``X-Skipped-Records`` counts them (the CSV, NDJSON and JSON exports keep them).
"""

from collections.abc import Sequence
from datetime import date

import pycountry
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from conflict.models import Actor, Claim, Incident, IncidentParticipant, Loss, Place
from conflict.models.choices import (
    ActorKind,
    DatePrecision,
    IncidentKind,
    LossCategory,
    ParticipantRole,
    PlaceKind,
    PlacePrecision,
)
from conflict.visibility import shown, within

from .cells import neutralise_rows
from .writers import Item, csv_text

COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]

# Columns that hold numbers (a negative longitude is one); the rest is text, neutralised
# against spreadsheet formulas like every CSV cell (api.exports.cells).
NUMERIC_COLUMNS = {
    "year",
    "time_precision",
    "inter1",
    "inter2",
    "interaction",
    "iso",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "timestamp",
}
TEXT_POSITIONS = [i for i, name in enumerate(COLUMNS) if name not in NUMERIC_COLUMNS]

# 1 the day is known; 2 a week or a similar short span; 3 only the month (or less) is known.
TIME_PRECISION = {
    DatePrecision.DAY: 1,
    DatePrecision.WEEK: 2,
    DatePrecision.MONTH: 3,
    DatePrecision.YEAR: 3,  # ACLED has nothing coarser than a month
}
SHORT_SPAN_DAYS = 7  # a span up to a week is precision 2, a longer one 3

# 1 the named town; 2 near a town or part of a region; 3 a larger region.
GEO_PRECISION = {
    PlacePrecision.EXACT: 1,
    PlacePrecision.NEAR: 2,
    PlacePrecision.DISTRICT: 2,
    PlacePrecision.PROVINCE: 3,
    PlacePrecision.REGION: 3,
    PlacePrecision.COUNTRY: 3,
}

SUB_EVENT_TYPES = {
    IncidentKind.ARMED_CLASH: "Armed clash",
    IncidentKind.SHELLING: "Shelling/artillery/missile attack",
    IncidentKind.AIR_DRONE_STRIKE: "Air/drone strike",
    IncidentKind.REMOTE_EXPLOSIVE: "Remote explosive/landmine",
    IncidentKind.ATTACK_ON_CIVILIANS: "Attack",
    IncidentKind.AGREEMENT: "Agreement",
    IncidentKind.DIPLOMATIC_MEETING: "Other",
    IncidentKind.DIPLOMATIC_MEASURE: "Other",
    IncidentKind.CHANGE_TO_GROUP: "Change to group/activity",
    IncidentKind.DISRUPTED_WEAPONS_USE: "Disrupted weapons use",
    IncidentKind.PROPERTY_DESTRUCTION: "Looting/property destruction",
    IncidentKind.TERRITORY_TRANSFER: "Non-violent transfer of territory",
    IncidentKind.OTHER: "Other",
}

DISORDER_TYPES = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

STATE_FORCES, CIVILIANS, EXTERNAL = 1, 7, 8
# ACLED's inter codes by actor kind; a person takes their parent body's code.
INTER_CODES = {
    ActorKind.STATE: STATE_FORCES,
    ActorKind.GOVERNMENT_BODY: STATE_FORCES,
    ActorKind.MINISTRY_AGENCY: STATE_FORCES,
    ActorKind.ARMED_FORCE: STATE_FORCES,
    ActorKind.INTERNATIONAL_ORGANISATION: EXTERNAL,
    ActorKind.MEDIA_OUTLET: CIVILIANS,  # ACLED codes journalists and outlets as civilians
    ActorKind.PERSON: CIVILIANS,  # unless they belong to a body (then that body's code)
    ActorKind.OTHER: EXTERNAL,
}

# ACLED's region for the countries our data reaches; others leave ``region`` empty.
ACLED_REGIONS = {
    "AM": "Caucasus and Central Asia",
    "AZ": "Caucasus and Central Asia",
    "GE": "Caucasus and Central Asia",
    "KZ": "Caucasus and Central Asia",
    "KG": "Caucasus and Central Asia",
    "TJ": "Caucasus and Central Asia",
    "TM": "Caucasus and Central Asia",
    "UZ": "Caucasus and Central Asia",
    "RU": "Europe",
    "UA": "Europe",
    "GR": "Europe",
    "FR": "Europe",
    "CH": "Europe",
    "TR": "Middle East",
    "IR": "Middle East",
    "SY": "Middle East",
    "US": "North America",
}
# ACLED's country names where they differ from ISO 3166's.
ACLED_COUNTRY_NAMES = {"RU": "Russia", "TR": "Turkey", "IR": "Iran", "SY": "Syria"}

ADMIN_KINDS = {PlaceKind.REGION, PlaceKind.PROVINCE_DISTRICT}
ASSOCIATED_SEPARATOR = "; "  # ACLED's separator inside assoc_actor and source


def prepare(queryset: QuerySet[Incident], statuses: Sequence[str]) -> QuerySet[Incident]:
    """What the rows need beyond the API's prefetches: place ancestors, losses with claimants.

    Every related row is one the reader may see (``statuses``, conflict.visibility), as in the
    incident's JSON: a draft loss adds no fatalities, a draft claim no words or source.
    """
    participations = IncidentParticipant.objects.select_related("actor__parent")
    places = Place.objects.select_related("parent__parent__parent")
    losses = Loss.objects.select_related("side", "claim__claimant")
    claims = Claim.objects.select_related("article").defer("article__body")
    return queryset.prefetch_related(
        Prefetch(
            "participations",
            queryset=within(participations, statuses).order_by("role", "id"),
            to_attr="acled_participations",
        ),
        Prefetch(
            "places", queryset=within(places, statuses).order_by("id"), to_attr="acled_places"
        ),
        Prefetch(
            "losses", queryset=within(losses, statuses).order_by("id"), to_attr="acled_losses"
        ),
        Prefetch("claims", queryset=within(claims, statuses), to_attr="acled_claims"),
    )


def skipped(queryset: QuerySet[Incident], statuses: Sequence[str]) -> int:
    """How many matching incidents have no ACLED row: no date, or no place with a point."""
    located = within(
        Place.objects.filter(incidents=OuterRef("pk"), latitude__isnull=False), statuses
    )
    ids = queryset.order_by().values("pk")
    return (
        Incident.objects.filter(pk__in=ids)
        .filter(Q(occurred_on__isnull=True) | ~Exists(located))
        .count()
    )


def time_precision(incident: Incident) -> int:
    if incident.date_precision == DatePrecision.SPAN:
        days = (incident.occurred_until - incident.occurred_on).days + 1
        return 2 if days <= SHORT_SPAN_DAYS else 3
    return TIME_PRECISION[incident.date_precision]


def lineage(place: Place, statuses: Sequence[str]) -> list[Place]:
    """The place and its ancestors, up to the first one the reader may not see."""
    chain = []
    node: Place | None = place
    while shown(node, statuses):
        chain.append(node)
        node = node.parent
    return chain


def country_of(place: Place, statuses: Sequence[str]) -> str:
    """The place's ISO alpha-2 code, or its nearest ancestor's; "" if none has one."""
    return next((node.country for node in lineage(place, statuses) if node.country), "")


def admin_areas(place: Place, statuses: Sequence[str]) -> list[str]:
    chain = [node.name for node in lineage(place, statuses) if node.kind in ADMIN_KINDS]
    return list(reversed(chain))[:3]


def inter_code(actor: Actor, event_country: str, statuses: Sequence[str]) -> int:
    kind = actor.kind
    if kind == ActorKind.PERSON and shown(actor.parent, statuses):
        kind = actor.parent.kind
    code = INTER_CODES[kind]
    if code == STATE_FORCES and event_country and actor.country != event_country:
        return EXTERNAL  # state forces active outside their own country
    return code


def interaction_code(inter1: int | str, inter2: int | str) -> str:
    """The two codes, lower first (``18``); an actor alone is ``X0``; no actor, empty."""
    codes = sorted(code for code in (inter1, inter2) if code != "")
    if not codes:
        return ""
    return "".join(map(str, codes)) if len(codes) == 2 else f"{codes[0]}0"


def sides(incident: Incident) -> tuple[list[Actor], list[Actor]]:
    """(side 1, side 2) actors: perpetrators and participants against targets."""
    by_role: dict[str, list[Actor]] = {role: [] for role in ParticipantRole.values}
    for participation in incident.acled_participations:
        by_role[participation.role].append(participation.actor)
    first = by_role[ParticipantRole.PERPETRATOR] + by_role[ParticipantRole.PARTICIPANT]
    second = by_role[ParticipantRole.TARGET]
    if not second and len(first) > 1:
        second = [first.pop(1)]
    return first, second


def figure(loss: Loss) -> int | None:
    for value in (loss.count_low, loss.count_best, loss.count_high):
        if value is not None:
            return value
    return None


def fatalities(incident: Incident) -> tuple[int, list[str]]:
    """The lowest claimed death toll per (side, population), summed; and who claimed what."""
    lowest: dict[tuple, int] = {}
    said = []
    for loss in incident.acled_losses:
        if loss.category != LossCategory.KILLED:
            continue
        value = figure(loss)
        claimant = loss.claim.claimant.name if loss.claim.claimant else "the article"
        side = f" on the side of {loss.side.name}" if loss.side else ""
        amount = value if value is not None else loss.qualifier or loss.count_text or "some"
        said.append(f"{claimant} said {amount} {loss.population} killed{side}")
        if value is not None:
            key = (loss.side_id, loss.population)
            lowest[key] = min(value, lowest.get(key, value))
    return sum(lowest.values()), said


def notes(incident: Incident, said: list[str]) -> str:
    parts = [incident.description or incident.title]
    mediators = [
        p.actor.name for p in incident.acled_participations if p.role == ParticipantRole.MEDIATOR
    ]
    if mediators:
        parts.append("Mediators: " + ", ".join(mediators) + ".")
    if said:
        parts.append("Fatalities (lowest figure used): " + "; ".join(said) + ".")
    if incident.occurred_until:
        parts.append(f"From {incident.occurred_on} to {incident.occurred_until}.")
    if incident.date_text:
        parts.append(f"Date from: {incident.date_text!r}.")
    return " ".join(parts)


def sources(incident: Incident) -> str:
    names = {claim.article.publisher or claim.article.title for claim in incident.acled_claims}
    return ASSOCIATED_SEPARATOR.join(sorted(names))


def country_fields(code: str) -> tuple[str, str, str, str]:
    """(alpha-3, numeric iso, name, ACLED region) for an alpha-2 code; blanks for none."""
    if not code:
        return "XXX", "", "", ""
    country = pycountry.countries.get(alpha_2=code)
    name = ACLED_COUNTRY_NAMES.get(code) or getattr(country, "common_name", None) or country.name
    return country.alpha_3, str(int(country.numeric)), name, ACLED_REGIONS.get(code, "")


def rows(incident: Incident, statuses: Sequence[str]) -> list[list[str]]:
    """ACLED rows for one incident: one per place with a point; none without a date."""
    if incident.occurred_on is None:
        return []
    event_date: date = incident.occurred_on
    first, second = sides(incident)
    deaths, said = fatalities(incident)
    event_type = incident.acled_event_type
    out = []
    for place in incident.acled_places:
        if not place.has_point:
            continue
        code = country_of(place, statuses)
        alpha3, iso, country, region = country_fields(code)
        inter1 = inter_code(first[0], code, statuses) if first else ""
        inter2 = inter_code(second[0], code, statuses) if second else ""
        interaction = interaction_code(inter1, inter2)
        targeted = incident.kind == IncidentKind.ATTACK_ON_CIVILIANS or inter2 == CIVILIANS
        admin = [*admin_areas(place, statuses), "", "", ""][:3]
        out.append(
            [
                f"{alpha3}{incident.pk}-{place.pk}",
                event_date.isoformat(),
                str(event_date.year),
                str(time_precision(incident)),
                DISORDER_TYPES[event_type],
                event_type,
                SUB_EVENT_TYPES[incident.kind],
                first[0].name if first else "",
                ASSOCIATED_SEPARATOR.join(actor.name for actor in first[1:]),
                str(inter1),
                second[0].name if second else "",
                ASSOCIATED_SEPARATOR.join(actor.name for actor in second[1:]),
                str(inter2),
                interaction,
                "Civilian targeting" if targeted else "",
                iso,
                region,
                country,
                *admin,
                place.name,
                str(place.latitude),
                str(place.longitude),
                str(GEO_PRECISION[place.precision]),
                sources(incident),
                "",
                notes(incident, said),
                str(deaths),
                "contested" if incident.contested else "",
                str(int(incident.updated_at.timestamp())),
            ]
        )
    return out


class AcledWriter:
    def __init__(self, statuses: Sequence[str]) -> None:
        self.statuses = statuses  # of the related records the reader may see
        self.skipped = 0  # incidents with no row (no date, or no place with a point)

    def start(self) -> str:
        return csv_text([COLUMNS])

    def write(self, items: Sequence[Item]) -> str:
        out = []
        for incident, _ in items:
            incident_rows = rows(incident, self.statuses)
            self.skipped += not incident_rows
            out.extend(incident_rows)
        neutralise_rows(out, TEXT_POSITIONS)
        return csv_text(out)

    def end(self) -> str:
        return ""
