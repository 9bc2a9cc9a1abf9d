"""Ingesting an article: store its text verbatim and its extracted drafts, all or nothing.

:func:`ingest_article` is what ``manage.py ingest`` and ``POST /api/v1/articles/`` call. The
body is stored exactly as given and deduplicated by its SHA-256: the same text twice creates
nothing the second time and reports the article already stored. Everything the extractor
drafts is created with status ``draft`` (claims, incidents, losses, and the actors and places
the gazetteer did not know), each through ``full_clean()``; an editor publishes, merges or
rejects them in the admin's review queue.

A long text takes seconds to extract, so the extraction and every row's validation run
before any write lock is taken; the rows are then inserted in bulk in one short transaction
(issue 12: a 200,000-character ingest held SQLite's write lock for ~2 minutes, and every
concurrent write failed). If the actors and places the extraction read changed meanwhile
(another ingest created one), the ingest extracts again rather than write stale references.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Q
from django.utils.text import slugify

from .constraints import full_clean
from .extraction import ActorRef, Gazetteer, PlaceRef, extract
from .extraction.records import (
    DraftClaim,
    DraftIncident,
    DraftLoss,
    Extraction,
    language_decision,
)
from .matching.ahead import apply_ahead, score_ahead, still_fresh
from .matching.ingest import MatchResult, match_article
from .models import Actor, Article, Claim, ClaimLink, Incident, Loss, Place
from .models.article import sha256_hex
from .models.base import CLAIM_TEXT_MAX_LENGTH
from .models.choices import ReviewStatus
from .models.history import record_history

DEFAULT_MAX_BODY_CHARS = 200_000
# Rounds when a concurrent write commits a clashing slug or a new actor or place first; the
# last round extracts under the lock (see ingest_article).
ATTEMPTS = 4
# PostgreSQL advisory lock key that ingests take turns on (any constant unique to this use).
INGEST_LOCK = 7_000_007
TITLE_WORDS = 14
# Slug prefixes per query: an OR of them is a deep expression, and SQLite refuses a tree
# deeper than 1,000.
SLUG_BASES_PER_QUERY = 100


def max_body_chars() -> int:
    """The longest body ingestion accepts (setting ``INGEST_MAX_BODY_CHARS``)."""
    return int(getattr(settings, "INGEST_MAX_BODY_CHARS", DEFAULT_MAX_BODY_CHARS))


class DecisionKind(models.TextChoices):
    NEW_ACTOR = "new_actor", "A draft actor made from a name nothing matched: publish or merge"
    NEW_PLACE = "new_place", "A draft place made from a name nothing matched: publish or merge"
    UNLINKED_DENIAL = "unlinked_denial", "A denial whose denied claim was not found"
    LOSS_WITHOUT_SIDE = "loss_without_side", "A number whose side the text did not say"
    NOT_ENGLISH = "not_english", "An article in another language: no drafts were made"
    POSSIBLE_MATCH = "possible_match", "A new incident that may be one already recorded"
    POSSIBLE_ACTOR_MATCH = "possible_actor_match", "A new actor that may be one already recorded"


class DecisionRecord(models.TextChoices):
    ACTOR = "actor", "Actor"
    PLACE = "place", "Place"
    CLAIM = "claim", "Claim"
    INCIDENT = "incident", "Incident"
    LOSS = "loss", "Loss"
    ARTICLE = "article", "Article"


@dataclass(frozen=True)
class Decision:
    """Something the extractor could not settle, for an editor: which record and why."""

    kind: DecisionKind
    model: DecisionRecord
    id: int
    detail: str


@dataclass
class IngestReport:
    """What an ingest did: the article, whether it was new, the drafts, what to decide."""

    article: Article
    created: bool
    counts: dict[str, int] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as text, one line per fact (the ``ingest`` command prints these)."""
        article = self.article
        if not self.created:
            return [
                f"Already stored: article {article.pk} ({article.slug}) has this exact text "
                f"(SHA-256 {article.body_sha256[:12]}…); nothing was created."
            ]
        lines = [f"Stored article {article.pk} ({article.slug}): {article.title}"]
        lines.append(
            "Drafts created: " + ", ".join(f"{count} {name}" for name, count in self.counts.items())
        )
        if self.decisions:
            lines.append(f"For an editor to decide ({len(self.decisions)}):")
            lines += [f"  - {d.model} {d.id}: {d.detail}" for d in self.decisions]
        return lines


def ingest_article(
    body: str,
    published_on: dt.date,
    *,
    title: str | None = None,
    publisher: str | None = None,
    source_url: str | None = None,
    language: str = "en",
    user: Any = None,
    reason: str = "",
    progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Store ``body`` and its drafts; or, when the same text is stored, report that article.

    Raises ``ValidationError`` naming the field (``body``, ``published_on``, ``title``...)
    for bad input, before anything is written. ``progress`` is told each step (a queued
    job shows it).
    """
    step = progress or (lambda _step: None)
    if not isinstance(body, str) or not body.strip():
        raise ValidationError({"body": ValidationError("The article text is empty.", code="blank")})
    if "\x00" in body:
        # PostgreSQL cannot store it; no article text has one.
        message = "The article text contains a NUL character (\\x00)."
        code = "null_characters_not_allowed"
        raise ValidationError({"body": ValidationError(message, code=code)})
    limit = max_body_chars()
    if len(body) > limit:
        message = f"The article text is {len(body)} characters; at most {limit} are accepted."
        raise ValidationError({"body": ValidationError(message, code="max_length")})
    reason = reason or "Ingested"
    digest = sha256_hex(body)
    fields = (body, published_on, title, publisher, source_url, language)
    plan: _Plan | None = None
    for attempt in range(1, ATTEMPTS + 1):
        existing = Article.objects.filter(body_sha256=digest).first()
        if existing is not None:
            return IngestReport(existing, created=False)
        last = attempt == ATTEMPTS
        if not last:
            # Outside any transaction: the slow part holds no lock.
            try:
                if plan is None:
                    step("extracting")
                    plan = _Plan(*fields, read_names())
                elif plan.stale:
                    step("matching")
                    plan.score()  # what matching read changed: scored again, still unlocked
            except _GazetteerChanged:
                plan = None
                continue
        step("writing")
        try:
            with transaction.atomic():
                _one_ingest_at_a_time()
                # Checked again under the lock: an ingest of this text may just have ended.
                existing = Article.objects.filter(body_sha256=digest).first()
                if existing is not None:
                    return IngestReport(existing, created=False)
                names = read_names()
                if plan is not None and gazetteer_changed_for(body, plan, names.gazetteer):
                    plan = None  # another ingest or an editor changed an actor or place
                if plan is None:
                    if not last:
                        continue
                    # Rounds kept losing the race: extract under the lock, slow but sure.
                    plan = _Plan(*fields, names)
                fresh = still_fresh(plan.ahead, names.matching)
                if not fresh and not last:
                    # Another ingest wrote what matching read for this text (an incident of
                    # the same days, an actor like a new one): scored again without the lock.
                    plan.stale = True
                    continue
                return plan.write(user, reason, fresh)
        except (IntegrityError, ValidationError) as exc:
            # Ingests take turns, but an editor may have saved a record with a slug this
            # ingest also chose: the next attempt picks another.
            if last or not _clashed(exc):
                raise
            plan = None  # its rows were given ids by the write rolled back
    raise AssertionError("unreachable")  # the last attempt returns or raises


def _one_ingest_at_a_time() -> None:
    """Serialise ingests until the transaction ends.

    Two ingests at once would pick the same slugs and each create the same new actor
    ("Kremlin" twice); taking turns, the second sees what the first created and reuses it.
    Ingests are rare and short, so waiting is cheap. SQLite already runs one write
    transaction at a time (IMMEDIATE transactions, see settings).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [INGEST_LOCK])


def _clashed(exc: Exception) -> bool:
    """A uniqueness clash with a row committed meanwhile, rather than bad input."""
    if isinstance(exc, IntegrityError):
        return True
    errors = getattr(exc, "error_dict", None)
    return bool(errors) and all(e.code == "unique" for es in errors.values() for e in es)


def editorial_title(body: str) -> str:
    """A title for an article that has none: its first words, marked as editorial."""
    first_line = next(line for line in body.splitlines() if line.strip())
    words = first_line.split()
    title = " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")
    return _cut(title, 300)


def unique_slug(model: type[models.Model], text: str, max_length: int = 60) -> str:
    """A free slug from ``text``: ``name``, else ``name-2``, ``name-3``… (never all digits).

    Long text is cut at a word boundary within ``max_length``.
    """
    base = _slug_base(model, text, max_length)
    slug, number = base, 1
    while model._base_manager.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _slug_base(model: type[models.Model], text: str, max_length: int = 60) -> str:
    base = slugify(text)
    if len(base) > max_length:
        cut = base[: max_length + 1]
        base = cut[: cut.rfind("-")] if "-" in cut else base[:max_length]
    base = base.strip("-") or model._meta.model_name
    if not re.search(r"[a-z]", base):
        base = f"{model._meta.model_name}-{base}"
    return base


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@dataclass
class _Pending:
    """A decision whose record has no id until it is written."""

    kind: DecisionKind
    model: DecisionRecord
    obj: models.Model
    detail: Callable[[], str]  # called once the record is written (it may name an id)


class _Plan:
    """One ingest's rows, built and validated before any write lock is taken.

    Extraction and validation are the slow part of an ingest (seconds for a long text); they
    run outside any transaction. :meth:`write` then inserts every row in bulk inside one short
    transaction: all or nothing, holding the write lock for as little time as possible.
    """

    def __init__(
        self,
        body: str,
        published_on: dt.date,
        title: str | None,
        publisher: str | None,
        source_url: str | None,
        language: str,
        names: "Names",
    ) -> None:
        self.gazetteer_rows = names.gazetteer
        self.actors: dict[str, Actor] = {}  # the new ones, by name
        self.places: dict[str, Place] = {}
        self.known: dict[tuple[type, str], Any] = {}  # existing ones, by slug
        self.pending: list[_Pending] = []
        title = (title or "").strip()
        self.article = Article(
            title=title or editorial_title(body),
            title_is_editorial=not title,
            publisher=publisher or None,
            source_url=source_url or None,
            published_on=published_on,
            language=language,
            body=body,
        )
        _validate(self.article, exclude=["slug"])
        gazetteer = Gazetteer.from_rows(*self.gazetteer_rows).with_world()
        extraction = extract(body, published_on, gazetteer)
        if extraction.language != "en":
            # Extraction reads English only: store the detected language and say why.
            self.article.language = extraction.language
            _validate(self.article, exclude=["slug"])
            detail = language_decision(extraction.language, extraction.language_evidence)
            self.pending.append(
                _Pending(
                    DecisionKind.NOT_ENGLISH, DecisionRecord.ARTICLE, self.article, _fixed(detail)
                )
            )
        self._load_known(extraction)
        self.incidents = self._incidents(extraction)
        self.claims = self._claims(extraction)
        self.losses = self._losses(extraction)
        self.links = self._links(extraction)
        self._unlinked_denials(extraction)
        self.stale = False
        self.score(names.matching)

    def score(self, actors: list[tuple] | None = None) -> None:
        """Cross-article matching, scored read-only, so the transaction only writes it.
        ``actors``: matching's rows of the actors, when just read (else read again)."""
        self.ahead = score_ahead(
            list(self.incidents.values()),
            list(self.claims.values()),
            self.losses,
            list(self.actors.values()),
            actors,
        )
        self.stale = False

    # --- building and validating (no writes) -----------------------------------------------
    def _load_known(self, extraction: Extraction) -> None:
        """The existing actors and places the extraction names, in two queries."""
        actor_slugs, place_slugs = set(), set()
        for claim in extraction.claims:
            for ref in (claim.claimant, claim.channel_actor, *(x.side for x in claim.losses)):
                if ref is not None and not ref.is_new:
                    actor_slugs.add(ref.slug)
        for incident in extraction.incidents:
            place_slugs |= {ref.slug for ref in incident.places if not ref.is_new}
        for model, slugs in ((Actor, actor_slugs), (Place, place_slugs)):
            for obj in model.objects.filter(slug__in=slugs):
                self.known[(model, obj.slug)] = obj

    def _known(self, model: type[models.Model], slug: str) -> Any:
        if (model, slug) not in self.known:
            # The gazetteer listed it a moment ago; it was deleted or renamed since. The
            # check under the write lock (gazetteer_rows) sends the ingest round again.
            raise _GazetteerChanged
        return self.known[(model, slug)]

    def actor(self, ref: ActorRef | None) -> Actor | None:
        if ref is None:
            return None
        if not ref.is_new:
            return self._known(Actor, ref.slug)
        if ref.name not in self.actors:
            actor = Actor(
                name=_cut(ref.name, 200),
                kind=ref.kind,
                country=ref.country,
                status=ReviewStatus.DRAFT,
                notes=f"Created by ingestion; kind {ref.kind!r} guessed from the name.",
            )
            _validate(actor, exclude=["slug"])
            self.actors[ref.name] = actor
            detail = (
                f"new actor {ref.name!r} (kind {ref.kind!r} guessed): publish it, or "
                "merge it into an existing actor"
            )
            self.pending.append(
                _Pending(DecisionKind.NEW_ACTOR, DecisionRecord.ACTOR, actor, _fixed(detail))
            )
        return self.actors[ref.name]

    def place(self, ref: PlaceRef) -> Place:
        if not ref.is_new:
            return self._known(Place, ref.slug)
        if ref.name not in self.places:
            place = Place(
                name=_cut(ref.name, 200),
                kind=ref.kind,
                status=ReviewStatus.DRAFT,
                notes=f"Created by ingestion; kind {ref.kind!r} guessed from the text.",
            )
            if ref.from_gazetteer:  # country and point from the world gazetteer
                place.country = ref.country
                place.latitude = ref.latitude
                place.longitude = ref.longitude
                place.precision = ref.precision
                place.gazetteer_source = f"geonames:{ref.geonameid}"
                place.notes = "Created by ingestion; country and point from GeoNames."
            _validate(place, exclude=["slug"])
            self.places[ref.name] = place
            detail = (
                f"new place {ref.name!r} ({ref.kind}, {ref.country or 'no country'}, "
                f"{ref.latitude}, {ref.longitude}, precision {ref.precision!r}) from "
                "the world gazetteer: confirm it, or merge it into an existing place"
                if ref.from_gazetteer
                else f"new place {ref.name!r} (kind {ref.kind!r} guessed, no "
                "coordinates): publish it, or merge it into an existing place"
            )
            self.pending.append(
                _Pending(DecisionKind.NEW_PLACE, DecisionRecord.PLACE, place, _fixed(detail))
            )
        return self.places[ref.name]

    def _incidents(self, extraction: Extraction) -> dict[str, tuple[Incident, list[Place]]]:
        """The incidents some claim is about (only those: each must have a backing claim)."""
        used = {key for claim in extraction.claims for key in claim.incidents}
        incidents = {}
        for draft in extraction.incidents:
            if draft.key in used:
                incidents[draft.key] = (
                    self._incident(draft),
                    [self.place(r) for r in draft.places],
                )
        return incidents

    def _incident(self, draft: DraftIncident) -> Incident:
        title = _cut(draft.title, 300) or draft.kind
        incident = Incident(
            title=title,
            kind=draft.kind,
            occurred_on=draft.occurred_on,
            occurred_until=draft.occurred_until,
            date_precision=draft.date_precision if draft.occurred_on else "",
            date_text=_cut(draft.date_text, 200),
            status=ReviewStatus.DRAFT,
            extraction_confidence=draft.confidence,
            extraction_evidence=draft.evidence,
        )
        _validate(incident, exclude=["slug"])
        return incident

    def _claims(self, extraction: Extraction) -> dict[str, tuple[Claim, list[Incident]]]:
        claims = {}
        for draft in extraction.claims:
            incidents = [self.incidents[key][0] for key in draft.incidents]
            claims[draft.key] = (self._claim(draft), incidents)
        return claims

    def _claim(self, draft: DraftClaim) -> Claim:
        claim = Claim(
            article=self.article,
            claimant=self.actor(draft.claimant),
            stance=draft.stance,
            category=draft.category,
            text=_cut(draft.text, CLAIM_TEXT_MAX_LENGTH),  # a long quote makes a long draft
            quote=draft.quote,
            span_start=draft.span_start,
            span_end=draft.span_end,
            is_direct_quote=draft.is_direct_quote,
            channel=_cut(draft.channel, 200),
            channel_actor=self.actor(draft.channel_actor),
            stated_on=draft.stated_on,
            stated_on_inferred=draft.stated_on_inferred,
            status=ReviewStatus.DRAFT,
            extraction_confidence=draft.confidence,
            extraction_evidence=draft.evidence,
        )
        # Claim.clean checks the quote against the stored article; this one is not stored yet.
        if self.article.body[claim.span_start : claim.span_end] != claim.quote:
            message = f"The article text at {claim.span_start}-{claim.span_end} is not this quote."
            raise ValidationError({"quote": message})
        _validate(claim, exclude=["article", "claimant", "channel_actor"])
        return claim

    def _losses(self, extraction: Extraction) -> list[Loss]:
        losses = []
        for draft in extraction.claims:
            for found in draft.losses:
                losses.append(self._loss(found, self.claims[draft.key][0]))
        return losses

    def _loss(self, draft: DraftLoss, claim: Claim) -> Loss:
        incident = self.incidents.get(draft.incident) if draft.incident else None
        loss = Loss(
            claim=claim,
            incident=incident[0] if incident else None,
            side=self.actor(draft.side),
            category=draft.category,
            population=draft.population,
            equipment=_cut(draft.equipment, 100),
            count_low=draft.count_low,
            count_best=draft.count_best,
            count_high=draft.count_high,
            qualifier=_cut(draft.qualifier, 50),
            count_text=_cut(draft.count_text, 200),
            period_start=draft.period_start,
            period_end=draft.period_end,
            cumulative=draft.cumulative,
            status=ReviewStatus.DRAFT,
            extraction_confidence=draft.confidence,
            extraction_evidence=draft.evidence,
        )
        _validate(loss, exclude=["claim", "incident", "side"])
        if loss.side is None:
            text = draft.count_text

            def detail(loss: Loss = loss, text: str = text) -> str:
                return (
                    f"whose losses are {text!r} (claim {loss.claim_id})? "
                    "The text did not say; set the side"
                )

            self.pending.append(
                _Pending(DecisionKind.LOSS_WITHOUT_SIDE, DecisionRecord.LOSS, loss, detail)
            )
        return loss

    def _links(self, extraction: Extraction) -> list[ClaimLink]:
        links = []
        for draft in extraction.claims:
            for link in draft.links:
                source, target = self.claims[draft.key][0], self.claims[link.target][0]
                if source is target:
                    raise ValidationError({"target": "A claim cannot be linked to itself."})
                links.append(ClaimLink(source=source, target=target, relation=link.relation))
        for link in links:
            _validate(link, exclude=["source", "target"])
        return links

    def _unlinked_denials(self, extraction: Extraction) -> None:
        for draft in extraction.claims:
            if draft.stance == "denies" and not draft.links:
                detail = (
                    f"a denial ({_cut(draft.quote, 60)!r}) whose denied claim was not "
                    "found in the article: link it to the claim it contradicts, if any"
                )
                claim = self.claims[draft.key][0]
                self.pending.append(
                    _Pending(
                        DecisionKind.UNLINKED_DENIAL, DecisionRecord.CLAIM, claim, _fixed(detail)
                    )
                )

    # --- writing (inside the transaction) ---------------------------------------------------
    def write(self, user: Any, reason: str, scored_fresh: bool) -> IngestReport:
        """Insert every row, in bulk, with who and why in each row's history.

        ``scored_fresh``: whether what matching read is unchanged since it scored (asked
        under the lock, before this ingest's own rows)."""
        user = user if getattr(user, "is_authenticated", False) else None
        article = self.article
        article.slug = unique_slug(Article, article.title)
        _stamp([article], user, reason)
        article.save()
        reason = f"{reason}: article {article.pk} ({article.slug})"
        for model, new in ((Actor, self.actors), (Place, self.places)):
            objs = list(new.values())
            _assign_slugs(model, [(obj, obj.name) for obj in objs])
            _insert(model, objs, user, reason)
        incidents = [incident for incident, _ in self.incidents.values()]
        _assign_slugs(Incident, [(incident, incident.title) for incident in incidents])
        _insert(
            Incident,
            incidents,
            user,
            reason,
            [(Incident.places, inc, places) for inc, places in self.incidents.values()],
        )
        claims = [claim for claim, _ in self.claims.values()]
        _insert(
            Claim,
            claims,
            user,
            reason,
            [(Claim.incidents, claim, found) for claim, found in self.claims.values()],
        )
        _insert(Loss, self.losses, user, reason)
        _insert(ClaimLink, self.links, user, reason)
        # In the order an editor meets them reading the article, as found.
        decisions = [Decision(p.kind, p.model, p.obj.pk, p.detail()) for p in self.pending]

        def save(obj: models.Model) -> models.Model:
            obj.full_clean()
            _stamp([obj], user, reason)
            obj.save()
            return obj

        # Cross-article matching (conflict.matching), all or nothing with the ingest: the
        # decisions scored before the lock, unless what they read changed meanwhile (another
        # ingest or an editor wrote a record since): then scored again here, slow but current.
        new_actors = list(self.actors.values())
        if scored_fresh:
            matched = apply_ahead(
                self.ahead, article, incidents, claims, new_actors, user, reason, save
            )
        else:
            matched = match_article(article, incidents, claims, new_actors, user, reason, save)
        decisions = _matched(decisions, matched)
        counts = {
            "claims": len(claims),
            "denials": sum(c.stance == "denies" for c in claims),
            "incidents": len(matched.incidents),
            "incidents_matched": matched.incidents_attached,
            "losses": len(self.losses),
            "links": len(self.links),
            "restatements": matched.restatements,
            "new_actors": len(matched.actors),
            "actors_matched": matched.actors_merged,
            "new_places": len(self.places),
        }
        return IngestReport(article, True, counts, decisions)


def _matched(decisions: list[Decision], matched: MatchResult) -> list[Decision]:
    """Drop the decisions about actors matching merged away; add the possible matches."""
    kept = {actor.pk for actor in matched.actors}
    decisions = [d for d in decisions if d.model != DecisionRecord.ACTOR or d.id in kept]
    # The candidates' titles and names in two queries, not one per possible match.
    titles = Incident._base_manager.only("title").in_bulk(
        {m.candidate_id for m in matched.possible_incidents}
    )
    names = Actor._base_manager.only("name").in_bulk(
        {m.candidate_id for m in matched.possible_actors}
    )
    for m in matched.possible_incidents:
        m.candidate = titles[m.candidate_id]
        detail = f"may be incident {m.candidate_id} {m.candidate.title!r} (rank {m.rank}, "
        detail += f"score {m.score:.2f}: {'; '.join(m.reasons)}): same incident or different?"
        decisions.append(
            Decision(DecisionKind.POSSIBLE_MATCH, DecisionRecord.INCIDENT, m.incident_id, detail)
        )
    for m in matched.possible_actors:
        m.candidate = names[m.candidate_id]
        detail = f"may be actor {m.candidate_id} {m.candidate.name!r} (rank {m.rank}, "
        detail += f"score {m.score:.2f}: {'; '.join(m.reasons)}): same actor or different?"
        decisions.append(
            Decision(DecisionKind.POSSIBLE_ACTOR_MATCH, DecisionRecord.ACTOR, m.actor_id, detail)
        )
    return decisions


class _GazetteerChanged(Exception):
    """An actor or place the extraction used changed before the write lock was taken."""


def gazetteer_changed_for(body: str, plan: "_Plan", rows: tuple[list, list]) -> bool:
    """Whether the actors and places changed since ``plan`` was extracted in a way that can
    change its extraction: a row added, changed or deleted that the plan used, or one of
    whose names (or aliases) the text contains. Other ingests add draft actors all the time
    ("residents of ..."); one this text never names changes nothing it extracts."""
    if rows == plan.gazetteer_rows:
        return False
    used = {slug for _model, slug in plan.known}
    text = _folded(body)
    for old, new in zip(plan.gazetteer_rows, rows, strict=True):
        before = {row[0]: row for row in old}
        after = {row[0]: row for row in new}
        for slug in before.keys() | after.keys():
            was, now = before.get(slug), after.get(slug)
            if was == now:
                continue
            if slug in used:
                return True
            for row in (was, now):
                if row is not None and any(
                    _folded(name) in text for name in (row[1], *row[2]) if name.strip()
                ):
                    return True
    return False


def _folded(text: str) -> str:
    """Case and apostrophes folded, spaces collapsed: a name found this way may be one the
    gazetteer finds (it is case-sensitive, so this errs on the side of extracting again)."""
    return " ".join(text.replace("\u2019", "'").lower().split())


@dataclass(frozen=True)
class Names:
    """The actors and places as one read found them. The extraction's gazetteer, matching's
    known actors and its mark of what it read all come from it: one read of each table
    where there were three of the actors."""

    actors: list[tuple]  # (pk, slug, name, aliases, kind, country): by name, then id
    places: list[tuple]  # (slug, name, aliases, kind)

    @property
    def gazetteer(self) -> tuple[list, list]:
        """What the extraction reads: every actor's and place's names and kind, and an
        actor's country (a speaking capital is its country's government)."""
        return [row[1:] for row in self.actors], self.places

    @property
    def matching(self) -> list[tuple]:
        """What matching reads of the actors (conflict.matching.ahead.actor_rows): by id."""
        return sorted((row[0], *row[2:]) for row in self.actors)


def read_names() -> Names:
    """Every actor's and place's names, in the models' own order (name, id), as
    Gazetteer.from_models reads them."""
    fields = ("slug", "name", "aliases", "kind")
    return Names(
        [tuple(row) for row in Actor.objects.values_list("pk", *fields, "country")],
        [tuple(row) for row in Place.objects.values_list(*fields)],
    )


def _fixed(text: str) -> Callable[[], str]:
    return lambda: text


def _validate(obj: models.Model, exclude: list[str]) -> None:
    """``full_clean`` before the row has an id: references to rows not written yet are left
    to the database's own constraints, uniqueness to the slugs chosen under the lock."""
    # Check constraints evaluated in Python (conflict.constraints): a query each was most
    # of an ingest's round trips to the database.
    full_clean(obj, exclude=exclude, validate_unique=False)


def _stamp(objs: list[models.Model], user: Any, reason: str) -> None:
    for obj in objs:
        obj._history_user = user
        obj._change_reason = reason


def _insert(
    model: type[models.Model],
    objs: list[models.Model],
    user: Any,
    reason: str,
    relations: tuple | list[tuple[Any, models.Model, list[models.Model]]] = (),
) -> None:
    """Rows in one ``bulk_create``, their many-to-many rows, then their history entries
    (after the relations, so each entry records them as a single save would)."""
    if not objs:
        return
    # The plain manager: history is recorded below, once the relations exist.
    model._base_manager.bulk_create(objs)
    through_rows = []
    for descriptor, obj, targets in relations:
        through = descriptor.through
        own = descriptor.field.m2m_field_name()
        other = descriptor.field.m2m_reverse_field_name()
        through_rows += [
            through(**{f"{own}_id": obj.pk, f"{other}_id": target.pk}) for target in targets
        ]
    if through_rows:
        through._base_manager.bulk_create(through_rows)
    _stamp(objs, user, reason)
    record_history(model, objs, update=False, reason=reason)


def _assign_slugs(model: type[models.Model], named: list[tuple[models.Model, str]]) -> None:
    """Free slugs for many new rows (``unique_slug``'s rule), in a query per hundred bases."""
    bases = {text: _slug_base(model, text) for _, text in named}
    if not bases:
        return
    distinct = sorted(set(bases.values()))
    # A query for up to SLUG_BASES_PER_QUERY bases (each an index range of the slugs), not
    # one per base: an article's dozens of incidents, under the write lock.
    existing: list[str] = []
    for at in range(0, len(distinct), SLUG_BASES_PER_QUERY):
        starts = Q()
        for base in distinct[at : at + SLUG_BASES_PER_QUERY]:
            starts |= Q(slug__startswith=base)
        existing += model._base_manager.filter(starts).values_list("slug", flat=True)
    taken = {base: {slug for slug in existing if slug.startswith(base)} for base in distinct}
    for obj, text in named:
        base = bases[text]
        slug, number = base, 1
        while slug in taken[base]:
            number += 1
            slug = f"{base}-{number}"
        taken[base].add(slug)
        obj.slug = slug
