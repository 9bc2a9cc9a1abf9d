"""Ingesting an article: store its text verbatim and its extracted drafts, in one transaction.

:func:`ingest_article` is what ``manage.py ingest`` and ``POST /api/v1/articles/`` call. The
body is stored exactly as given and deduplicated by its SHA-256: the same text twice creates
nothing the second time and reports the article already stored. Everything the extractor
drafts is created with status ``draft`` (claims, incidents, losses, and the actors and places
the gazetteer did not know), each through ``full_clean()``; an editor publishes, merges or
rejects them in the admin's review queue.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.utils.text import slugify

from .extraction import ActorRef, Gazetteer, PlaceRef, extract
from .extraction.records import (
    DraftClaim,
    DraftIncident,
    DraftLoss,
    Extraction,
    language_decision,
)
from .matching.ingest import MatchResult, match_article
from .models import Actor, Article, Claim, ClaimLink, Incident, Loss, Place
from .models.article import sha256_hex
from .models.base import CLAIM_TEXT_MAX_LENGTH
from .models.choices import ReviewStatus

DEFAULT_MAX_BODY_CHARS = 200_000
# Tries when a concurrent write commits a clashing slug first (see ingest_article).
ATTEMPTS = 3
# PostgreSQL advisory lock key that ingests take turns on (any constant unique to this use).
INGEST_LOCK = 7_000_007
TITLE_WORDS = 14


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
) -> IngestReport:
    """Store ``body`` and its drafts; or, when the same text is stored, report that article.

    Raises ``ValidationError`` naming the field (``body``, ``published_on``, ``title``...)
    for bad input, before anything is written.
    """
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
    for attempt in range(1, ATTEMPTS + 1):
        existing = Article.objects.filter(body_sha256=digest).first()
        if existing is not None:
            return IngestReport(existing, created=False)
        try:
            with transaction.atomic():
                _one_ingest_at_a_time()
                # Checked again under the lock: an ingest of this text may just have ended.
                existing = Article.objects.filter(body_sha256=digest).first()
                if existing is not None:
                    return IngestReport(existing, created=False)
                return _Writer(user, reason).write(
                    body, published_on, title, publisher, source_url, language
                )
        except (IntegrityError, ValidationError) as exc:
            # Ingests take turns, but an editor may have saved a record with a slug this
            # ingest also chose: the next attempt picks another.
            if attempt == ATTEMPTS or not _clashed(exc):
                raise
    raise AssertionError("unreachable")  # the loop returns or raises


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
    base = slugify(text)
    if len(base) > max_length:
        cut = base[: max_length + 1]
        base = cut[: cut.rfind("-")] if "-" in cut else base[:max_length]
    base = base.strip("-") or model._meta.model_name
    if not re.search(r"[a-z]", base):
        base = f"{model._meta.model_name}-{base}"
    slug, number = base, 1
    while model._base_manager.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


class _Writer:
    """One ingest's writes: every object validated, saved with who and why in its history."""

    def __init__(self, user: Any, reason: str) -> None:
        self.user = user if getattr(user, "is_authenticated", False) else None
        self.reason = reason
        self.actors: dict[str, Actor] = {}  # the new ones, by name
        self.places: dict[str, Place] = {}
        self.known: dict[tuple[type, str], Any] = {}  # existing ones, by slug
        self.decisions: list[Decision] = []

    def save(self, obj: models.Model) -> models.Model:
        obj.full_clean()
        obj._history_user = self.user
        obj._change_reason = self.reason
        obj.save()
        return obj

    def write(
        self,
        body: str,
        published_on: dt.date,
        title: str | None,
        publisher: str | None,
        source_url: str | None,
        language: str,
    ) -> IngestReport:
        title = (title or "").strip()
        article = Article(
            title=title or editorial_title(body),
            title_is_editorial=not title,
            publisher=publisher or None,
            source_url=source_url or None,
            published_on=published_on,
            language=language,
            body=body,
        )
        article.slug = unique_slug(Article, article.title)
        self.save(article)
        self.reason = f"{self.reason}: article {article.pk} ({article.slug})"
        gazetteer = Gazetteer.from_models(Actor.objects.all(), Place.objects.all()).with_world()
        extraction = extract(body, published_on, gazetteer)
        if extraction.language != "en":
            # Extraction reads English only: store the detected language and say why.
            article.language = extraction.language
            self.save(article)
            self.decisions.append(
                Decision(
                    DecisionKind.NOT_ENGLISH,
                    DecisionRecord.ARTICLE,
                    article.pk,
                    language_decision(extraction.language, extraction.language_evidence),
                )
            )
        incidents = self._incidents(extraction)
        claims = self._claims(article, extraction, incidents)
        losses = self._losses(extraction, claims, incidents)
        links = self._links(extraction, claims)
        self._unlinked_denials(extraction, claims)
        matched = match_article(
            article, incidents.values(), claims.values(), self.actors.values(),
            self.user, self.reason, self.save,
        )  # fmt: skip
        self._matched(matched)
        counts = {
            "claims": len(claims),
            "denials": sum(c.stance == "denies" for c in claims.values()),
            "incidents": len(matched.incidents),
            "incidents_matched": matched.incidents_attached,
            "losses": len(losses),
            "links": links,
            "restatements": matched.restatements,
            "new_actors": len(matched.actors),
            "actors_matched": matched.actors_merged,
            "new_places": len(self.places),
        }
        return IngestReport(article, True, counts, self.decisions)

    def _matched(self, matched: MatchResult) -> None:
        """Drop the decisions about actors matching merged away; add the possible matches."""
        kept = {actor.pk for actor in matched.actors}
        self.decisions = [
            d for d in self.decisions if d.model != DecisionRecord.ACTOR or d.id in kept
        ]
        for m in matched.possible_incidents:
            detail = f"may be incident {m.candidate_id} {m.candidate.title!r} (rank {m.rank}, "
            detail += f"score {m.score:.2f}: {'; '.join(m.reasons)}): same incident or different?"
            self.decisions.append(
                Decision(
                    DecisionKind.POSSIBLE_MATCH, DecisionRecord.INCIDENT, m.incident_id, detail
                )
            )
        for m in matched.possible_actors:
            detail = f"may be actor {m.candidate_id} {m.candidate.name!r} (rank {m.rank}, "
            detail += f"score {m.score:.2f}: {'; '.join(m.reasons)}): same actor or different?"
            self.decisions.append(
                Decision(
                    DecisionKind.POSSIBLE_ACTOR_MATCH, DecisionRecord.ACTOR, m.actor_id, detail
                )
            )

    # --- actors and places -----------------------------------------------------------------
    def _known(self, model: type[models.Model], slug: str) -> Any:
        if (model, slug) not in self.known:
            self.known[(model, slug)] = model.objects.get(slug=slug)
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
            actor.slug = unique_slug(Actor, ref.name)
            self.actors[ref.name] = self.save(actor)
            self.decisions.append(
                Decision(
                    DecisionKind.NEW_ACTOR,
                    DecisionRecord.ACTOR,
                    actor.pk,
                    f"new actor {ref.name!r} (kind {ref.kind!r} guessed): publish it, or "
                    "merge it into an existing actor",
                )
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
            place.slug = unique_slug(Place, ref.name)
            self.places[ref.name] = self.save(place)
            self.decisions.append(
                Decision(
                    DecisionKind.NEW_PLACE,
                    DecisionRecord.PLACE,
                    place.pk,
                    (
                        f"new place {ref.name!r} ({ref.kind}, {ref.country or 'no country'}, "
                        f"{ref.latitude}, {ref.longitude}, precision {ref.precision!r}) from "
                        "the world gazetteer: confirm it, or merge it into an existing place"
                        if ref.from_gazetteer
                        else f"new place {ref.name!r} (kind {ref.kind!r} guessed, no "
                        "coordinates): publish it, or merge it into an existing place"
                    ),
                )
            )
        return self.places[ref.name]

    # --- incidents, claims, losses, links --------------------------------------------------
    def _incidents(self, extraction: Extraction) -> dict[str, Incident]:
        """The incidents some claim is about (only those: each must have a backing claim)."""
        used = {key for claim in extraction.claims for key in claim.incidents}
        incidents: dict[str, Incident] = {}
        for draft in extraction.incidents:
            if draft.key in used:
                incidents[draft.key] = self._incident(draft)
        return incidents

    def _incident(self, draft: DraftIncident) -> Incident:
        title = _cut(draft.title, 300) or draft.kind
        incident = Incident(
            title=title,
            slug=unique_slug(Incident, title),
            kind=draft.kind,
            occurred_on=draft.occurred_on,
            occurred_until=draft.occurred_until,
            date_precision=draft.date_precision if draft.occurred_on else "",
            date_text=_cut(draft.date_text, 200),
            status=ReviewStatus.DRAFT,
            extraction_confidence=draft.confidence,
            extraction_evidence=draft.evidence,
        )
        self.save(incident)
        incident.places.set([self.place(ref) for ref in draft.places])
        return incident

    def _claims(
        self, article: Article, extraction: Extraction, incidents: dict[str, Incident]
    ) -> dict[str, Claim]:
        claims: dict[str, Claim] = {}
        for draft in extraction.claims:
            claims[draft.key] = self._claim(article, draft, incidents)
        return claims

    def _claim(self, article: Article, draft: DraftClaim, incidents: dict[str, Incident]) -> Claim:
        claim = Claim(
            article=article,
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
        self.save(claim)
        claim.incidents.set([incidents[key] for key in draft.incidents])
        return claim

    def _losses(
        self, extraction: Extraction, claims: dict[str, Claim], incidents: dict[str, Incident]
    ) -> list[Loss]:
        losses = []
        for draft in extraction.claims:
            for found in draft.losses:
                losses.append(self._loss(found, claims[draft.key], incidents))
        return losses

    def _loss(self, draft: DraftLoss, claim: Claim, incidents: dict[str, Incident]) -> Loss:
        loss = Loss(
            claim=claim,
            incident=incidents.get(draft.incident) if draft.incident else None,
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
        self.save(loss)
        if loss.side is None:
            self.decisions.append(
                Decision(
                    DecisionKind.LOSS_WITHOUT_SIDE,
                    DecisionRecord.LOSS,
                    loss.pk,
                    f"whose losses are {draft.count_text!r} (claim {claim.pk})? "
                    "The text did not say; set the side",
                )
            )
        return loss

    def _links(self, extraction: Extraction, claims: dict[str, Claim]) -> int:
        count = 0
        for draft in extraction.claims:
            for link in draft.links:
                self.save(
                    ClaimLink(
                        source=claims[draft.key],
                        target=claims[link.target],
                        relation=link.relation,
                    )
                )
                count += 1
        return count

    def _unlinked_denials(self, extraction: Extraction, claims: dict[str, Claim]) -> None:
        for draft in extraction.claims:
            if draft.stance == "denies" and not draft.links:
                self.decisions.append(
                    Decision(
                        DecisionKind.UNLINKED_DENIAL,
                        DecisionRecord.CLAIM,
                        claims[draft.key].pk,
                        f"a denial ({_cut(draft.quote, 60)!r}) whose denied claim was not "
                        "found in the article: link it to the claim it contradicts, if any",
                    )
                )
