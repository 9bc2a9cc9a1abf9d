"""Matching one ingest's drafts: actors first (so participants compare as merged), then
incidents, then restatements. ``conflict.ingestion`` calls :func:`match_article`."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..drafts import merge_actor, merge_incident
from ..models import Actor, ActorMatch, Article, Claim, Incident, IncidentMatch, MatchOutcome
from . import actors as actor_matching
from . import incidents as incident_matching
from .restatements import link_restatements

# A second candidate this close to the first makes an automatic attachment a guess.
MARGIN = 0.10


@dataclass
class MatchResult:
    """What matching did to one ingest's drafts."""

    incidents_attached: int = 0
    actors_merged: int = 0
    restatements: int = 0
    possible_incidents: list[IncidentMatch] = field(default_factory=list)
    possible_actors: list[ActorMatch] = field(default_factory=list)
    # The draft incidents and actors of the ingest that still exist.
    incidents: list[Incident] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)


def match_article(
    article: Article,
    incidents: Iterable[Incident],
    claims: Iterable[Claim],
    new_actors: Iterable[Actor],
    user: Any,
    reason: str,
    save: Any,
) -> MatchResult:
    """Match the ingest's new draft actors, then its incidents, then link restatements,
    scoring against the database as it is now (an ingest's drafts already written)."""
    result = MatchResult()
    new = list(new_actors)
    if new:
        known = actor_matching.known_actors({a.pk for a in new})
        for actor in new:
            apply_actor(article, actor, decide_actor(actor.name, actor.kind, known), user, result)
    for incident in dict.fromkeys(incidents):
        decision = decide_incident(incident_matching.ranked(incident, article.pk))
        apply_incident(article, incident, decision, user, reason, result)
    claims = list(Claim.objects.filter(pk__in=[c.pk for c in claims]))
    result.restatements = link_restatements(claims, save)
    return result


@dataclass
class ActorDecision:
    """A new actor merged into ``merge``, or asked about ``possible``; ``country`` is the
    one its name says, when it had none."""

    merge: actor_matching.ActorScore | None
    possible: list[actor_matching.ActorScore]
    country: str


@dataclass
class IncidentDecision:
    """A new incident attached to ``attach``, or asked about ``possible``."""

    attach: incident_matching.Score | None
    possible: list[incident_matching.Score]


def decide_actor(
    name: str, kind: str, known: "actor_matching.KnownActors | list[actor_matching.Known]"
) -> ActorDecision:
    """What to do with a new actor, from the known ones (read-only)."""
    # A speaking capital ("Kyiv said") never reaches here as a name: the extractor's
    # gazetteer resolves it to its country's government (Gazetteer.state), the one rule.
    scores = actor_matching.ranked(name, kind, known)
    top = scores[0] if scores else None
    alone = len(scores) == 1 or (top and top.value - scores[1].value >= MARGIN)
    if top is not None and top.same_words and alone:
        return ActorDecision(top, [], "")
    return ActorDecision(
        None, scores[: incident_matching.MAX_POSSIBLE], actor_matching.country_of(name)
    )


def decide_incident(scores: list[incident_matching.Score]) -> IncidentDecision:
    """What to do with a new incident, from its ranked candidates (read-only)."""
    top = scores[0] if scores else None
    # Two incidents at the same place, both close to the top score: which one is a guess.
    rivals = [s for s in scores[1:] if s.parts["place"] == 1.0 and top.value - s.value < MARGIN]
    if top is not None and top.attachable and not rivals:
        return IncidentDecision(top, [])
    possible = [s for s in scores if s.value >= incident_matching.LOW]
    return IncidentDecision(None, possible[: incident_matching.MAX_POSSIBLE])


def apply_actor(
    article: Article, actor: Actor, decision: ActorDecision, user: Any, result: MatchResult
) -> None:
    """Write a decision about a new (saved) draft actor."""
    if decision.merge is not None:
        top = decision.merge
        _merge_actor(article, actor, top.candidate, top.value, top.reasons, user, result)
        return
    for rank, s in enumerate(decision.possible, start=1):
        result.possible_actors.append(
            ActorMatch.objects.create(
                article=article,
                actor=actor,
                candidate_id=s.candidate,
                new_name=actor.name,
                score=s.value,
                reasons=s.reasons,
                rank=rank,
                outcome=MatchOutcome.POSSIBLE,
            )
        )
    if not actor.country and decision.country:
        # The name says whose it is ("Armenia's ..."): kept on the draft, for the editor
        # and so that incidents compare sides; the history says it was matching.
        named = decision.country
        actor.country = named
        actor.notes = f"{actor.notes} Country {named} read from the name.".strip()
        actor._history_user, actor._change_reason = user, "Country read from the name"
        actor.save(update_fields=["country", "notes", "updated_at"])
    result.actors.append(actor)


def _merge_actor(
    article: Article,
    actor: Actor,
    target_id: int,
    value: float,
    reasons: list[str],
    user: Any,
    result: MatchResult,
) -> None:
    target = Actor._base_manager.get(pk=target_id)
    merge_actor(actor, target, user)
    ActorMatch.objects.create(
        article=article,
        candidate=target,
        new_name=actor.name,
        score=value,
        reasons=reasons,
        outcome=MatchOutcome.ATTACHED,
    )
    result.actors_merged += 1


def apply_incident(
    article: Article,
    incident: Incident,
    decision: IncidentDecision,
    user: Any,
    reason: str,
    result: MatchResult,
) -> None:
    """Write a decision about a new (saved) draft incident."""
    if decision.attach is not None:
        top = decision.attach
        target = Incident._base_manager.get(pk=top.candidate)
        why = f"{reason}: the same incident as {target} (score {top.value:.2f})"
        title = incident.title
        merge_incident(incident, target, user, why)
        IncidentMatch.objects.create(
            article=article,
            candidate=target,
            new_title=title,
            score=top.value,
            reasons=top.reasons,
            outcome=MatchOutcome.ATTACHED,
        )
        result.incidents_attached += 1
        return
    for rank, s in enumerate(decision.possible, start=1):
        result.possible_incidents.append(
            IncidentMatch.objects.create(
                article=article,
                incident=incident,
                candidate_id=s.candidate,
                new_title=incident.title,
                score=s.value,
                reasons=s.reasons,
                rank=rank,
                outcome=MatchOutcome.POSSIBLE,
            )
        )
    result.incidents.append(incident)
