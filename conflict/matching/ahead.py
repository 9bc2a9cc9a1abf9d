"""Matching scored before an ingest takes the write lock (issue 12 item 7).

Scoring ~900 draft incidents against their candidates takes tens of seconds; inside the
ingest's transaction it held SQLite's only write lock that long. :func:`score_ahead` scores
the drafts while they are still in memory, reading only committed rows, and makes the same
decisions :func:`conflict.matching.ingest.match_article` would make once they are written;
:func:`apply_ahead` then only writes those decisions, inside the short transaction.

The decisions hold only if nothing matching reads changed in between: :func:`state_mark` is
the newest history entry of each table it reads of incidents, places and claims (every save,
bulk write and delete records one) and what it reads of every actor (names, aliases, kind,
country: not the notes an editor may be editing meanwhile). When it moved, the ingest scores
again inside the transaction (``match_article``), slow but never stale.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import connection

from ..models import Actor, Article, Claim, ClaimLink, Incident, IncidentParticipant, Loss, Place
from ..models.choices import ClaimRelation
from ..models.history import has_history
from . import actors as actor_matching
from . import incidents as incident_matching
from .dates import SLACK, interval
from .ingest import (
    ActorDecision,
    IncidentDecision,
    MatchResult,
    apply_actor,
    apply_incident,
    decide_actor,
    decide_incident,
)
from .restatements import Speaker, restated
from .words import content_words

# Every table but actors whose rows the scoring reads.
READ = (Place, Incident, IncidentParticipant, Claim, Loss, ClaimLink)
# What it reads of actors (a small table: compared row by row).
ACTOR_FIELDS = ("pk", "name", "aliases", "kind", "country")


def actor_rows() -> list[tuple]:
    """What matching reads of every actor (``ACTOR_FIELDS``), by id."""
    return list(Actor._base_manager.order_by("pk").values_list(*ACTOR_FIELDS))


def state_mark(actors: Sequence[tuple] | None = None) -> tuple:
    """What matching reads, as of now: equal marks, same decisions. ``actors``: the
    :func:`actor_rows` the caller read (an ingest reads them once for its gazetteer too)."""
    rows = actor_rows() if actors is None else actors
    return (*_history_tops(), tuple(tuple(row) for row in rows))


def _history_tops() -> tuple:
    """The newest history entry of each table in ``READ``, in one round trip."""
    quote = connection.ops.quote_name
    tables = [quote(model.history.model._meta.db_table) for model in READ if has_history(model)]
    tops = ", ".join(f"(SELECT MAX({quote('history_id')}) FROM {table})" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {tops}")  # table names from the models, none from input
        return tuple(cursor.fetchone())


@dataclass
class Window:
    """Where one draft incident looked for candidates: an incident of these kinds, of days
    meeting ``days`` (None: undated), or at ``places``, could have been one."""

    kinds: set[str]
    days: tuple[dt.date, dt.date] | None
    places: set[int]


@dataclass
class Reads:
    """What the scoring read, for :func:`still_fresh`."""

    candidates: set[int] = field(default_factory=set)  # incidents scored
    windows: list[Window] = field(default_factory=list)
    actors: set[int] = field(default_factory=set)  # known actors used or ranked
    new_names: list[tuple[str, str]] = field(default_factory=list)  # (name, kind)


@dataclass
class Ahead:
    """One ingest's matching decisions, in the order ``match_article`` takes them."""

    mark: tuple
    actors: list[ActorDecision]  # one per new actor
    incidents: list[IncidentDecision]  # one per distinct draft incident
    restates: list[tuple[int, int]]  # (index of the claim, pk of the claim it restates)
    reads: Reads = field(default_factory=Reads)


def score_ahead(
    incidents: Sequence[tuple[Incident, list[Place]]],
    claims: Sequence[tuple[Claim, list[Incident]]],
    losses: Sequence[Loss],
    new_actors: Sequence[Actor],
    actors: Sequence[tuple] | None = None,
) -> Ahead:
    """Decide matching for drafts not yet saved (no row of theirs exists): read-only.

    ``actors``: :func:`actor_rows` as the caller read them (else read here)."""
    actors = actor_rows() if actors is None else actors
    # Before reading the rest, so a change during the scoring is seen; the actors compared
    # are the ones marked.
    mark = state_mark(actors)
    reads = Reads(new_names=[(a.name, a.kind) for a in new_actors])
    # Actors: scored against the known ones, all at once (as match_article does).
    known = actor_matching.known_actors(set(), actors) if new_actors else []
    actor_decisions = [decide_actor(a.name, a.kind, known) for a in new_actors]
    for d in actor_decisions:
        reads.actors |= {s.candidate for s in [*d.possible, *([d.merge] if d.merge else [])]}
    countries = {k.id: k.country for k in known}
    # What each actor will be once written: (id, country). A new one kept has no id yet;
    # a negative number stands for it (it equals no existing actor, as its new id would).
    as_written: dict[int, tuple[int, str]] = {}
    for number, (actor, d) in enumerate(zip(new_actors, actor_decisions, strict=True), 1):
        if d.merge is not None:
            as_written[id(actor)] = (d.merge.candidate, countries[d.merge.candidate])
        else:
            as_written[id(actor)] = (-number, actor.country or d.country)

    def written(actor: Actor) -> tuple[int, str]:
        if actor.pk is not None:
            reads.actors.add(actor.pk)  # its country is compared
        return as_written.get(id(actor)) or (actor.pk, actor.country)

    # Incidents, in order; one attached to a candidate removes that candidate for the next
    # (it then holds this article's claims, which rules it out).
    drafts = list({id(i): (i, places) for i, places in incidents}.values())
    points = _points([p for _, places in drafts for p in places])
    attached: list[int] = []
    incident_decisions = []
    final: dict[int, int | None] = {}  # draft -> the incident it is once written, if known
    # Every draft's candidates first, and all their profiles in one read (five queries,
    # not five per draft); a draft after an attachment asks again without that incident.
    first = {
        id(incident): incident_matching.candidates_among(
            Incident._base_manager.all(), incident, [p.pk for p in places if p.pk is not None]
        )
        for incident, places in drafts
    }
    cache = incident_matching.profiles({pk for ids in first.values() for pk in ids})
    for incident, places in drafts:
        new = _profile(incident, places, points, claims, losses, written)
        place_ids = [p.pk for p in places if p.pk is not None]
        if attached:
            base = Incident._base_manager.exclude(pk__in=attached)
            ids = incident_matching.candidates_among(base, incident, place_ids)
        else:
            ids = first[id(incident)]
        reads.candidates.update(ids)
        reads.windows.append(
            Window(
                set(incident_matching.compatible_kinds(incident.kind)),
                interval(incident.occurred_on, incident.occurred_until, incident.date_precision),
                set(place_ids),
            )
        )
        decision = decide_incident(incident_matching.ranked_against(new, ids, cache))
        incident_decisions.append(decision)
        if decision.attach is not None:
            attached.append(decision.attach.candidate)
        final[id(incident)] = decision.attach.candidate if decision.attach else None
    # Restatements: only claims of other articles count, so only attached incidents.
    numbers: dict[int, set[tuple]] = defaultdict(set)
    for loss in losses:
        told = (loss.category, loss.count_best, loss.count_low, loss.count_high)
        numbers[id(loss.claim)].add(told)
    speakers = []
    for index, (claim, found) in enumerate(claims):
        if claim.claimant is None:
            continue
        claimant = written(claim.claimant)[0]
        ids = {final[id(i)] for i in found} - {None}
        if claimant > 0:
            speaker = Speaker(
                index, claimant, claim.stance, claim.category, claim.quote, ids, numbers[id(claim)]
            )
            speakers.append(speaker)
    return Ahead(mark, actor_decisions, incident_decisions, restated(speakers, None), reads)


def still_fresh(ahead: Ahead, actors: Sequence[tuple] | None = None) -> bool:
    """Whether the decisions of :func:`score_ahead` still hold: nothing changed since that
    they read, or only what cannot change them.

    With several workers, another ingest commits between this one's scoring and its write
    nearly every time; re-scoring inside the lock whenever anything changed made the
    workers take turns. What changed counts only when it is an actor the scoring used or
    one alike a new actor's name, or an incident it scored, or one (new or changed) that
    could have been a candidate: of a compatible kind, with days meeting a draft's, or at
    its places. Conservative: a "yes" is always right, a "no" may be a needless re-score.
    ``actors``: :func:`actor_rows` read by the caller just now, if it has them.
    """
    now = state_mark(actors)
    if now == ahead.mark:
        return True
    tracked = [model for model in READ if has_history(model)]
    if len(now) != len(ahead.mark):
        return False
    reads = ahead.reads
    # Actors.
    before = {row[0]: row for row in ahead.mark[len(tracked)]}
    after = {row[0]: row for row in now[len(tracked)]}
    changed = {pk for pk in before.keys() | after.keys() if before.get(pk) != after.get(pk)}
    if changed & reads.actors:
        return False
    for pk in changed & after.keys():
        _pk, name, aliases, kind, country = after[pk]
        names = [name, *aliases]
        known = actor_matching.Known(
            pk, kind, country, [actor_matching.name_key(n) for n in names], names
        )
        for new_name, new_kind in reads.new_names:
            found = actor_matching.ranked(new_name, new_kind, [known])
            if found:
                return False
    # Incidents: those whose rows, claims, losses, participants or places were written since.
    tops = dict(zip(tracked, ahead.mark, strict=False))
    touched, places = _touched_incidents(tops)
    if touched & reads.candidates or any(places & w.places for w in reads.windows):
        return False
    if not touched:
        return True
    at: dict[int, set[int]] = defaultdict(set)
    for incident_id, place_id in Incident.places.through.objects.filter(
        incident_id__in=touched
    ).values_list("incident_id", "place_id"):
        at[incident_id].add(place_id)
    for pk, kind, on, until, precision in Incident._base_manager.filter(pk__in=touched).values_list(
        "pk", "kind", "occurred_on", "occurred_until", "date_precision"
    ):
        days = interval(on, until, precision)
        for window in reads.windows:
            if kind not in window.kinds:
                continue
            if days is None or window.days is None:
                if at[pk] & window.places:
                    return False
            elif days[0] <= window.days[1] + SLACK and days[1] >= window.days[0] - SLACK:
                return False
    return True


def _touched_incidents(tops: dict) -> tuple[set[int], set[int]]:
    """Incidents written since the history tops ``tops`` (an incident's own row, its places,
    its claims, losses or participants; or a place, claim or link of it), and the places."""

    def since(model: Any) -> Any:
        top = tops.get(model)
        rows = model.history.all()
        return rows if top is None else rows.filter(history_id__gt=top)

    touched: set[int] = set()
    touched |= set(since(Incident).values_list("id", flat=True))
    for model in (Loss, IncidentParticipant):
        touched |= set(since(model).exclude(incident_id=None).values_list("incident_id", flat=True))
    claims = since(Claim)
    claim_history = Claim.history.model
    m2m = apps.get_model(claim_history._meta.app_label, "HistoricalClaim_incidents")
    touched |= set(
        m2m.objects.filter(history__in=claims.values("history_id")).values_list(
            "incident_id", flat=True
        )
    )
    claim_ids = set(claims.values_list("id", flat=True))
    for row in since(ClaimLink).values_list("source_id", "target_id"):
        claim_ids |= set(row)
    if claim_ids:
        touched |= set(
            Claim.incidents.through.objects.filter(claim_id__in=claim_ids).values_list(
                "incident_id", flat=True
            )
        )
    places = set(since(Place).values_list("id", flat=True))
    if places:
        touched |= set(
            Incident.places.through.objects.filter(place_id__in=places).values_list(
                "incident_id", flat=True
            )
        )
    return touched, places


def _points(places: list[Place]) -> dict[int, incident_matching.PlacePoint]:
    """Each place as compared: a new one (no id yet) as a negative id that equals nothing."""
    parents = {p.parent_id for p in places if p.parent_id is not None}
    grand = dict(Place._base_manager.filter(pk__in=parents).values_list("pk", "parent_id"))
    points = {}
    for number, place in enumerate(places, 1):
        if id(place) not in points:
            points[id(place)] = incident_matching.PlacePoint(
                place.pk if place.pk is not None else -number,
                place.parent_id,
                grand.get(place.parent_id),
                place.latitude,
                place.longitude,
            )
    return points


def _profile(
    incident: Incident,
    places: list[Place],
    points: dict[int, incident_matching.PlacePoint],
    claims: Sequence[tuple[Claim, list[Incident]]],
    losses: Sequence[Loss],
    written: Any,
) -> incident_matching.Profile:
    """The profile ``incident_matching.profiles(..., article)`` reads once it is written."""
    dates = interval(incident.occurred_on, incident.occurred_until, incident.date_precision)
    profile = incident_matching.Profile(0, incident.kind, dates)
    profile.places = [points[id(p)] for p in places]
    for claim, found in claims:
        if not any(i is incident for i in found):
            continue
        if claim.claimant is not None:
            actor, country = written(claim.claimant)
            profile.actors.add(actor)
            if country:
                profile.countries.add(country)
        profile.words |= content_words(f"{claim.text} {claim.quote}")
    for loss in losses:
        if loss.incident is not incident:
            continue
        if loss.count_best is not None:
            profile.tolls.setdefault(loss.category, set()).add(loss.count_best)
        if loss.side is not None:
            actor, country = written(loss.side)
            profile.actors.add(actor)
            if country:
                profile.countries.add(country)
    return profile


def apply_ahead(
    ahead: Ahead,
    article: Article,
    incidents: Sequence[Incident],
    claims: Sequence[Claim],
    new_actors: Sequence[Actor],
    user: Any,
    reason: str,
    save: Any,
) -> MatchResult:
    """Write the decisions of :func:`score_ahead` for the drafts now saved (same order)."""
    result = MatchResult()
    for actor, decision in zip(new_actors, ahead.actors, strict=True):
        apply_actor(article, actor, decision, user, result)
    drafts = list({id(i): i for i in incidents}.values())
    for incident, decision in zip(drafts, ahead.incidents, strict=True):
        apply_incident(article, incident, decision, user, reason, result)
    # In the claims' own order (article, span_start, id), as match_article links them.
    for index, target in sorted(ahead.restates, key=lambda r: (claims[r[0]].span_start, r[0])):
        save(ClaimLink(source=claims[index], target_id=target, relation=ClaimRelation.RESTATES))
        result.restatements += 1
    return result
