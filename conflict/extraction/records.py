"""The extractor's output: in-memory draft records, one dataclass per model.

Each draft mirrors the fields of the model it will become (``conflict.models``), with references
kept as plain values (actor and place references by name and resolved slug, claims and
incidents by a per-extraction key) so that persisting a whole :class:`Extraction` is one pass
that creates the new actors and places, then incidents, then claims, losses and links.
Nothing here touches the database.
"""

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ActorRef:
    """An actor as the text names it, resolved to an existing Actor's slug where one matches.

    ``slug`` is None for an actor the gazetteer does not know: a new draft actor whose ``kind``
    is a guess an editor must confirm (``kind_guessed``).
    """

    name: str
    slug: str | None
    kind: str
    kind_guessed: bool
    country: str = ""  # ISO code where the text says it (a speaking capital's country)

    @property
    def is_new(self) -> bool:
        return self.slug is None


@dataclass(frozen=True)
class PlaceRef:
    """A place as the text names it; ``slug`` None means a new draft place (kind guessed).

    A new place the world gazetteer knows carries what it knows (``from_gazetteer``): its
    country, point and the point's precision; the name stays the one the text uses.
    """

    name: str
    slug: str | None
    kind: str
    kind_guessed: bool
    country: str = ""
    latitude: float | None = None
    longitude: float | None = None
    precision: str = ""
    from_gazetteer: bool = False
    geonameid: int | None = None

    @property
    def is_new(self) -> bool:
        return self.slug is None


@dataclass
class DraftLoss:
    """A number a claim reports (``conflict.models.Loss``); counts None with a qualifier."""

    category: str
    population: str
    equipment: str
    count_low: int | None
    count_best: int | None
    count_high: int | None
    qualifier: str
    count_text: str
    span_start: int
    span_end: int
    side: ActorRef | None = None
    cumulative: bool = False
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    incident: str | None = None  # key of a DraftIncident
    confidence: float = 1.0  # 0-1: how sure the rule that found it is
    evidence: str = ""  # the rule that found it, for the editor


@dataclass
class DraftIncident:
    """Something a claim says happened (``conflict.models.Incident``)."""

    key: str
    kind: str
    title: str
    occurred_on: dt.date | None = None
    occurred_until: dt.date | None = None
    date_precision: str = ""
    date_text: str = ""
    places: list[PlaceRef] = field(default_factory=list)
    confidence: float = 1.0
    evidence: str = ""


@dataclass(frozen=True)
class DraftLink:
    """``source <relation> target`` between two claims of the same extraction, by key."""

    relation: str
    target: str


@dataclass
class DraftClaim:
    """An attributed statement: ``body[span_start:span_end] == quote`` always holds."""

    key: str
    quote: str
    span_start: int
    span_end: int
    claimant: ActorRef | None  # None: the article's own narration
    stance: str
    category: str
    text: str
    is_direct_quote: bool = False
    channel: str = ""
    channel_actor: ActorRef | None = None
    stated_on: dt.date | None = None
    stated_on_inferred: bool = True
    incidents: list[str] = field(default_factory=list)
    losses: list[DraftLoss] = field(default_factory=list)
    links: list[DraftLink] = field(default_factory=list)
    confidence: float = 1.0  # 0-1: the review queue sorts by doubt
    evidence: str = ""  # how the claimant, the span and the stance were found


@dataclass
class Extraction:
    """Everything extracted from one article, ready for an editor's review."""

    body: str
    published_on: dt.date
    claims: list[DraftClaim]
    incidents: list[DraftIncident]
    language: str = "en"
    language_evidence: str = ""

    @property
    def new_actors(self) -> list[ActorRef]:
        """Actors the gazetteer did not know, once each: the drafts an editor must decide on."""
        seen: dict[str, ActorRef] = {}
        for claim in self.claims:
            refs = [claim.claimant, claim.channel_actor, *(loss.side for loss in claim.losses)]
            for ref in refs:
                if ref is not None and ref.is_new:
                    seen.setdefault(ref.name, ref)
        return list(seen.values())

    @property
    def new_places(self) -> list[PlaceRef]:
        seen: dict[str, PlaceRef] = {}
        for incident in self.incidents:
            for ref in incident.places:
                if ref.is_new:
                    seen.setdefault(ref.name, ref)
        return list(seen.values())

    def counts(self) -> dict[str, int]:
        """How many drafts of each kind: what an ingest reports it created."""
        return {
            "claims": len(self.claims),
            "denials": sum(c.stance == "denies" for c in self.claims),
            "losses": sum(len(c.losses) for c in self.claims),
            "incidents": len(self.incidents),
            "links": sum(len(c.links) for c in self.claims),
            "new_actors": len(self.new_actors),
            "new_places": len(self.new_places),
        }

    def decisions(self) -> list[str]:
        """The items an editor must decide on: new actors and places, with the guessed kind."""
        if self.language != "en":
            return [language_decision(self.language, self.language_evidence)]
        return [
            f"new actor {a.name!r}: kind {a.kind!r}{' guessed' if a.kind_guessed else ''}; "
            "create it or merge it into an existing actor"
            for a in self.new_actors
        ] + [
            (
                f"new place {p.name!r}: {p.kind!r} in {p.country or '?'} at "
                f"{p.latitude}, {p.longitude} (precision {p.precision!r}) from the world "
                "gazetteer; confirm it or merge it into an existing place"
                if p.from_gazetteer
                else f"new place {p.name!r}: kind {p.kind!r} guessed; create it or merge it "
                "into an existing place"
            )
            for p in self.new_places
        ]


def language_decision(language: str, evidence: str) -> str:
    """Why a non-English article has no drafts."""
    named = f"in {language!r}" if language else "in a language that could not be told"
    return (
        f"the article is {named}, not English ({evidence}): no drafts were made, since the "
        "extraction rules read English; add its claims by hand or from a translation"
    )
