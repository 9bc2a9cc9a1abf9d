"""Texts to ingest: the seed article, and two paragraphs of our own (tests/extraction)."""

import datetime as dt
from pathlib import Path

import pytest

from conflict.extraction import ActorRef, DraftClaim, DraftIncident, DraftLoss, Extraction
from conflict.models import Article
from conflict.models.choices import ReviewStatus

ROOT = Path(__file__).resolve().parents[2]
SEED_DATE = dt.date(2020, 10, 8)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (ROOT / "seeds" / "000_bba3e84961ba8579.txt").read_text(encoding="utf-8")


def stored_extraction(article: Article) -> Extraction:
    """The drafts stored for ``article`` read back as the extractor's records, so the stored
    rows can be scored exactly as the extraction was (a draft actor compares by name)."""

    def ref(actor) -> ActorRef | None:
        if actor is None:
            return None
        new = actor.status == ReviewStatus.DRAFT
        return ActorRef(actor.name, None if new else actor.slug, actor.kind, new)

    claims, incidents = [], {}
    for claim in article.claims.select_related("claimant").prefetch_related("incidents", "losses"):
        for incident in claim.incidents.all():
            incidents[incident.pk] = DraftIncident(
                key=str(incident.pk),
                kind=incident.kind,
                title=incident.title,
                occurred_on=incident.occurred_on,
                occurred_until=incident.occurred_until,
            )
        claims.append(
            DraftClaim(
                key=str(claim.pk),
                quote=claim.quote,
                span_start=claim.span_start,
                span_end=claim.span_end,
                claimant=ref(claim.claimant),
                stance=claim.stance,
                category=claim.category,
                text=claim.text,
                incidents=[str(i.pk) for i in claim.incidents.all()],
                losses=[
                    DraftLoss(
                        category=loss.category,
                        population=loss.population,
                        equipment=loss.equipment,
                        count_low=loss.count_low,
                        count_best=loss.count_best,
                        count_high=loss.count_high,
                        qualifier=loss.qualifier,
                        count_text=loss.count_text,
                        span_start=0,
                        span_end=0,
                    )
                    for loss in claim.losses.all()
                ],
            )
        )
    return Extraction(article.body, article.published_on, claims, list(incidents.values()))
