"""Is a new draft incident one already recorded? Candidates through indexes, then a score.

Candidates are incidents of a compatible kind whose dates can be the same days, read
through the (kind, date_precision, occurred_on) and occurred_until indexes; an undated
incident's candidates are those at its places. Never a scan of every incident. Each
candidate is scored on kind, dates, place, participants and the claims' words; vetoes
(far-apart places, dates that cannot meet) make it no candidate at all.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from ..models import Claim, Incident, IncidentParticipant, Loss
from ..models.choices import ACLED_EVENT_TYPES, DatePrecision, IncidentKind
from .dates import SLACK, WIDEST, date_score, interval
from .geo import haversine_km
from .words import content_words, dice

# At or above HIGH the new claims are attached to the candidate; from LOW a possible match.
HIGH = 0.80
LOW = 0.50
# Candidates read per new incident, nearest first; a busy day has fewer of one kind.
MAX_CANDIDATES = 200
# Possible matches shown to the editor per new incident.
MAX_POSSIBLE = 5
NEAR_KM = 25.0  # the UCDP "near" precision: within about 25 km is the same place
FAR_KM = 75.0  # beyond this, two places are different places
WEIGHTS = {"kind": 0.15, "date": 0.25, "place": 0.30, "actors": 0.15, "words": 0.15}


@dataclass
class PlacePoint:
    id: int
    parent_id: int | None
    grandparent_id: int | None
    latitude: float | None
    longitude: float | None


@dataclass
class Profile:
    """What is compared of an incident."""

    id: int
    kind: str
    dates: tuple[dt.date, dt.date] | None
    places: list[PlacePoint] = field(default_factory=list)
    actors: set[int] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)  # of those actors: the sides speaking
    tolls: dict[str, set[int]] = field(default_factory=dict)  # loss category: best counts
    words: set[str] = field(default_factory=set)


@dataclass
class Score:
    candidate: int
    value: float
    reasons: list[str]
    parts: dict[str, float]

    @property
    def attachable(self) -> bool:
        """Above the high threshold and sure on what matters most: the same kind, the same
        place and dates that meet. A town a few km away, or a place within the other, is
        never attached automatically: two strikes there the same day are as likely."""
        p = self.parts
        return (
            self.value >= HIGH
            and p["kind"] == 1.0
            and p["place"] == 1.0
            and p["date"] >= 0.5
            and p["tolls"] >= 0
        )


def compatible_kinds(kind: str) -> list[str]:
    """Kinds a report of this kind may call the same event: the same ACLED event type
    (one outlet's missile strike is another's shelling); 'other' meets every kind."""
    if kind == IncidentKind.OTHER:
        return list(IncidentKind.values)
    event_type = ACLED_EVENT_TYPES[kind]
    kinds = [k for k, t in ACLED_EVENT_TYPES.items() if t == event_type]
    return sorted({*kinds, IncidentKind.OTHER})


def candidate_ids(incident: Incident, exclude_article: int | None = None) -> list[int]:
    """Existing incidents (any status) that may be ``incident``, found through indexes."""
    base = Incident._base_manager.exclude(pk=incident.pk)
    if exclude_article is not None:
        # Another incident of the same article is another incident: the extractor saw two.
        base = base.exclude(claims__article_id=exclude_article)
    place_ids = list(incident.places.values_list("pk", flat=True))
    return candidates_among(base, incident, place_ids)


def candidates_among(
    base: QuerySet[Incident], incident: Incident, place_ids: list[int]
) -> list[int]:
    """The incidents of ``base`` that may be ``incident`` (saved or not, at ``place_ids``)."""
    kinds = compatible_kinds(incident.kind)
    days = interval(incident.occurred_on, incident.occurred_until, incident.date_precision)
    base = base.filter(kind__in=kinds)
    if days is None:
        if not place_ids:
            return []
        query = base.filter(places__in=place_ids).order_by("-occurred_on", "-id")
    else:
        lo, hi = days[0] - SLACK, days[1] + SLACK
        # One branch per precision so each is a tight range of the (kind, precision, day)
        # index; spans by their last day.
        when = Q(occurred_until__gte=lo, occurred_on__lte=hi)
        for precision in (*WIDEST, DatePrecision.SPAN):
            reach = WIDEST.get(precision, dt.timedelta(0))
            when |= Q(date_precision=precision, occurred_on__range=(lo - reach, hi))
        if place_ids:
            # A subquery, not a join: joined, the OR made PostgreSQL read every incident's
            # places (a sequential scan growing with the record) to test this branch.
            at = Incident.places.through.objects.filter(place_id__in=place_ids)
            when |= Q(occurred_on__isnull=True, pk__in=at.values("incident_id"))
        query = base.filter(when).order_by("-occurred_on", "-id")
    return list(dict.fromkeys(query.values_list("pk", flat=True)[: MAX_CANDIDATES * 2]))[
        :MAX_CANDIDATES
    ]


def profiles(ids: Iterable[int], article: int | None = None) -> dict[int, Profile]:
    """Profiles of these incidents in five queries; with ``article``, only that article's
    claims count for words and actors (a new incident is what this article says of it)."""
    ids = list(ids)
    found = {
        pk: Profile(pk, kind, interval(on, until, precision))
        for pk, kind, on, until, precision in Incident._base_manager.filter(pk__in=ids).values_list(
            "pk", "kind", "occurred_on", "occurred_until", "date_precision"
        )
    }
    through = Incident.places.through
    for incident_id, *point in through.objects.filter(incident_id__in=ids).values_list(
        "incident_id",
        "place_id",
        "place__parent_id",
        "place__parent__parent_id",
        "place__latitude",
        "place__longitude",
    ):
        found[incident_id].places.append(PlacePoint(*point))
    claims = Claim.incidents.through.objects.filter(incident_id__in=ids)
    if article is not None:
        claims = claims.filter(claim__article_id=article)
    for incident_id, claimant, country, text, quote in claims.values_list(
        "incident_id", "claim__claimant_id", "claim__claimant__country", "claim__text",
        "claim__quote",
    ):  # fmt: skip
        profile = found[incident_id]
        if claimant is not None:
            profile.actors.add(claimant)
            if country:
                profile.countries.add(country)
        profile.words |= content_words(f"{text} {quote}")
    losses = Loss._base_manager.filter(incident_id__in=ids, side__isnull=False)
    if article is not None:
        losses = losses.filter(claim__article_id=article)
    tolls = Loss._base_manager.filter(incident_id__in=ids, count_best__isnull=False)
    if article is not None:
        tolls = tolls.filter(claim__article_id=article)
    for incident_id, category, best in tolls.values_list("incident_id", "category", "count_best"):
        found[incident_id].tolls.setdefault(category, set()).add(best)
    participants = IncidentParticipant._base_manager.filter(incident_id__in=ids)
    for rows in (
        losses.values_list("incident_id", "side_id", "side__country"),
        participants.values_list("incident_id", "actor_id", "actor__country"),
    ):
        for incident_id, actor, country in rows:
            found[incident_id].actors.add(actor)
            if country:
                found[incident_id].countries.add(country)
    return found


def actor_score(new: Profile, old: Profile) -> tuple[float, str]:
    """Shared actors (Jaccard); else half as much for the same sides (countries) speaking or
    taking part: one report's ministry is another's government."""
    shared = new.actors & old.actors
    if shared:
        return len(shared) / len(new.actors | old.actors), f"{len(shared)} shared actor(s)"
    if new.countries & old.countries:
        sides = ", ".join(sorted(new.countries & old.countries))
        return 0.5 * len(new.countries & old.countries) / len(
            new.countries | old.countries
        ), f"actors of the same side(s) ({sides})"
    return 0.0, "no shared actors"


def toll_score(new: Profile, old: Profile) -> tuple[float, str]:
    """-1 when both give a toll of the same kind and no number agrees (two strikes at one
    town on one day are told apart by their dead); 1 when one agrees; 0 otherwise. Not part
    of the score: a veto on attaching automatically, since outlets' tolls do differ."""
    shared = set(new.tolls) & set(old.tolls)
    if not shared:
        return 0.0, "no tolls to compare"
    if any(new.tolls[c] & old.tolls[c] for c in shared):
        return 1.0, "a toll agrees"
    category = sorted(shared)[0]
    a, b = sorted(new.tolls[category]), sorted(old.tolls[category])
    return -1.0, f"tolls differ ({category}: {a} / {b})"


def place_score(a: list[PlacePoint], b: list[PlacePoint]) -> tuple[float, str]:
    """1 for a shared place; 0.8 within NEAR_KM; 0.7 for a place and its parent; -1 when
    far apart (a veto); 0 when either has no place or nothing can be said."""
    if not a or not b:
        return 0.0, "no place to compare"
    best, reason, far = 0.0, "places not comparable", False
    for p in a:
        for q in b:
            if p.id == q.id:
                return 1.0, "same place"
            if q.id in (p.parent_id, p.grandparent_id) or p.id in (q.parent_id, q.grandparent_id):
                best, reason = max(best, 0.7), "one place lies within the other"
            if None not in (p.latitude, p.longitude, q.latitude, q.longitude):
                km = haversine_km(p.latitude, p.longitude, q.latitude, q.longitude)
                if km <= NEAR_KM and best < 0.8:
                    best, reason = 0.8, f"places {km:.0f} km apart"
                elif km > FAR_KM:
                    far = True
    if best == 0.0 and far:
        return -1.0, "places far apart"
    return best, reason


def score(new: Profile, old: Profile) -> Score | None:
    """How alike two incidents are, with reasons; None when they cannot be the same."""
    if old.kind == new.kind:
        kind, kind_reason = 1.0, f"same kind ({new.kind})"
    elif old.kind in compatible_kinds(new.kind):
        kind, kind_reason = 0.5, f"kinds {new.kind} and {old.kind} of one event type"
    else:
        return None
    date = date_score(new.dates, old.dates)
    if date == 0.0:
        return None
    date_reason = "no date to compare" if date < 0 else f"dates meet ({date:.2f})"
    place, place_reason = place_score(new.places, old.places)
    if place < 0:
        return None
    actors, actors_reason = actor_score(new, old)
    words = dice(new.words, old.words)
    parts = {"kind": kind, "date": max(date, 0.0), "place": place, "actors": actors, "words": words}
    value = sum(WEIGHTS[name] * part for name, part in parts.items())
    tolls, tolls_reason = toll_score(new, old)
    parts["tolls"] = tolls
    reasons = [
        kind_reason,
        date_reason,
        place_reason,
        actors_reason,
        f"claims' words alike {words:.2f}",
        tolls_reason,
    ]
    return Score(old.id, round(value, 4), reasons, parts)


def ranked(incident: Incident, article: int | None) -> list[Score]:
    """The candidates for ``incident``, best first, scored; those that cannot be it left out."""
    ids = candidate_ids(incident, article)
    if not ids:
        return []
    return ranked_against(profiles([incident.pk], article)[incident.pk], ids)


def ranked_against(
    new: Profile, ids: list[int], cache: dict[int, Profile] | None = None
) -> list[Score]:
    """The incidents ``ids`` scored against the profile ``new``, best first; profiles are
    read into ``cache`` (when given) and read from it the next time."""
    if not ids:
        return []
    if cache is None:
        old = profiles(ids)
    else:
        missing = [pk for pk in ids if pk not in cache]
        if missing:
            cache.update(profiles(missing))
        old = cache
    scores = [s for pk in ids if (s := score(new, old[pk])) is not None]
    return sorted(scores, key=lambda s: (-s.value, s.candidate))
