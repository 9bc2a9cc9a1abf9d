"""The development corpus of issue 13: wire-style paragraphs with curated answers.

``wire.yaml`` (beside this module, packaged data) holds paragraphs written for this project,
each annotated like the seed: claims (quote, claimant names, stance, losses, event date), the
places of the events, and names that must not be drafted as places (a capital that only
speaks). :func:`load` turns each paragraph into a :class:`~conflict.extraction.evaluation.Gold`
with offsets found from the quotes, so the file stays readable and editable by hand.

The split is fixed by the paragraph's id: ``id % 3 == 0`` is the held third, never tuned on.
"""

# ruff: noqa: RUF001 (curly apostrophes and dashes are the texts' own)

import datetime as dt
import re
from importlib import resources
from typing import Any

import yaml

from ..evaluation import Gold, GoldClaim, GoldLoss

HELD, TUNE, ALL = "held", "tune", "all"


def _names(value: str | None) -> frozenset[str]:
    return frozenset(_fold(n) for n in value.split("|")) if value else frozenset()


def _fold(name: str) -> str:
    return name.strip().replace("’", "'").casefold()


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(name)).strip("-")


def _date(value: Any, published_on: dt.date) -> tuple[dt.date, dt.date | None] | None:
    """``-1`` (days from publication), ``2024-03-04``, or ``a/b`` for a span."""
    if value in (None, ""):
        return None
    if isinstance(value, int):
        return published_on + dt.timedelta(days=value), None
    if isinstance(value, dt.date):
        return value, None
    first, _, last = str(value).partition("/")

    def one(part: str) -> dt.date:
        part = part.strip()
        if re.fullmatch(r"-?\d+", part):
            return published_on + dt.timedelta(days=int(part))
        return dt.date.fromisoformat(part)

    return one(first), (one(last) if last else None)


def _losses(value: str | None) -> list[GoldLoss]:
    losses = []
    for item in (value or "").split(","):
        if not item.strip():
            continue
        category, amount = item.split()
        if amount.startswith("~"):
            losses.append(GoldLoss(category, None, amount[1:]))
        else:
            losses.append(GoldLoss(category, int(amount), ""))
    return losses


def paragraph_gold(item: dict[str, Any]) -> Gold:
    body = " ".join(item["text"].split())
    published_on = item["pub"]
    claims = []
    for number, claim in enumerate(item["claims"]):
        quote = claim["q"]
        start = -1
        for _ in range(claim.get("n", 1)):
            start = body.find(quote, start + 1)
        if start == -1:
            raise ValueError(f"paragraph {item['id']}: quote not in text: {quote!r}")
        date = _date(claim.get("when"), published_on)
        claims.append(
            GoldClaim(
                span_start=start,
                span_end=start + len(quote),
                claimant=_slug(claim["by"].split("|")[0]) if claim.get("by") else None,
                claimant_names=_names(claim.get("by")),
                stance="denies" if claim.get("st") == "d" else "asserts",
                incident_dates=[(item["id"] * 100 + number, *date)] if date else [],
                losses=_losses(claim.get("loss")),
            )
        )
    return Gold(
        body=body,
        published_on=published_on,
        claims=claims,
        actors=[],
        places=[],
        event_places=list(item.get("places") or []),
        not_places=list(item.get("not_places") or []),
        key=str(item["id"]),
    )


def load(part: str = ALL) -> list[Gold]:
    """The corpus paragraphs of one part: ``held`` (id % 3 == 0), ``tune`` or ``all``."""
    text = resources.files(__package__).joinpath("wire.yaml").read_text(encoding="utf-8")
    items = yaml.safe_load(text)
    chosen = [i for i in items if part == ALL or (i["id"] % 3 == 0) == (part == HELD)]
    return [paragraph_gold(i) for i in chosen]


def conflicts() -> set[str]:
    text = resources.files(__package__).joinpath("wire.yaml").read_text(encoding="utf-8")
    return {i["war"] for i in yaml.safe_load(text)}
