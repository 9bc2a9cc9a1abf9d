"""Rules every door obeys (the API, the admin's forms and bulk actions, the review queue).

**A published record names only published records.** The public would otherwise meet a name
that leads nowhere (or a draft's name in a published record). It holds for every relation a
record shows: the parent of an actor or a place; an incident's places and participants; a
claim's claimant, channel, incidents and links; a loss's claim, side and incident; and it is
checked on the state being *submitted*, not the stored one: a write that publishes an
incident and adds a draft place in the same request is refused, naming ``places``.

Models call :func:`check_names_published` from ``clean()`` (so every ``full_clean()`` checks
it); a door that saves many-to-many values after the record (a serializer, an admin form)
hands them over first with :func:`submit`. Publishing several records at once (the review
queue, the admin's bulk action) passes them as ``together`` (or :func:`published_with`): a
draft about to be published with them does not block.

**An incident keeps at least one backing claim** (:func:`incidents_backed_only_by`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Exists, Model, OuterRef, QuerySet

from .statuses import ReviewStatus

PUBLISHED = ReviewStatus.PUBLISHED.value
DRAFT = ReviewStatus.DRAFT.value
SUBMITTED = "_submitted_relations"  # the many-valued relations a door is about to save
TOGETHER = "_published_together"  # the drafts a batch publishes with this record


def _one(name: str) -> Callable[[Model], list[Model]]:
    def read(record: Model) -> list[Model]:
        if getattr(record, f"{name}_id", None) is None:
            return []
        return [getattr(record, name)]

    return read


def _many(name: str) -> Callable[[Model], list[Model]]:
    def read(record: Model) -> list[Model]:
        return list(getattr(record, name).all()) if record.pk is not None else []

    return read


def _link_targets(claim: Model) -> list[Model]:
    if claim.pk is None:
        return []
    return [link.target for link in claim.links_out.select_related("target").order_by("id")]


# By model: the record whose status decides (None: the record itself), and each relation
# (the field an error names) with how to read the records it names from the stored state.
RELATIONS: dict[str, tuple[str | None, dict[str, Callable[[Model], list[Model]]]]] = {
    "actor": (None, {"parent": _one("parent")}),
    "place": (None, {"parent": _one("parent")}),
    "incident": (None, {"places": _many("places"), "participants": _many("participants")}),
    "claim": (
        None,
        {
            "claimant": _one("claimant"),
            "channel_actor": _one("channel_actor"),
            "incidents": _many("incidents"),
            "links": _link_targets,
        },
    ),
    "loss": (None, {"claim": _one("claim"), "side": _one("side"), "incident": _one("incident")}),
    "incidentparticipant": ("incident", {"actor": _one("actor")}),
    "claimlink": ("source", {"target": _one("target")}),
}


# How a message names one record of each relation ("its channel X is a draft").
RELATION_LABELS = {
    "channel_actor": "channel",
    "places": "place",
    "participants": "participant",
    "incidents": "incident",
    "links": "linked claim",
}


def submit(record: Model, relations: Mapping[str, Iterable[Model]]) -> None:
    """Hand over the many-valued relations a door will save with ``record`` (``places``,
    ``incidents``...), so the rules check them instead of the stored ones."""
    setattr(record, SUBMITTED, {name: list(values) for name, values in relations.items()})


def published_with(record: Model, together: Collection[Model]) -> None:
    """Mark ``record`` as published in one batch with ``together``: it may name them
    (``clean()`` then sees them as published, as the batch will leave them)."""
    setattr(record, TOGETHER, together)


def _status(record: Model, together: Collection[Model]) -> str | None:
    if record in together:
        return PUBLISHED
    return getattr(record, "status", None)


def drafts_named(record: Model, together: Collection[Model] = ()) -> dict[str, list[Model]]:
    """The drafts ``record`` would name if saved as it is, by field; empty unless it is (or
    is about to be) published. ``together``: drafts being published with it."""
    together = together or getattr(record, TOGETHER, ())
    owner_field, relations = RELATIONS.get(record._meta.model_name, (None, {}))
    owner = record if owner_field is None else getattr(record, owner_field, None)
    if owner is None or _status(owner, together) != PUBLISHED:
        return {}
    submitted: Mapping[str, list[Model]] = getattr(record, SUBMITTED, {})
    found = {}
    for name, read in relations.items():
        named = submitted[name] if name in submitted else read(record)
        drafts = [other for other in named if _status(other, together) == DRAFT]
        if drafts:
            found[name] = drafts
    return found


# Relations through which *other* records name this one, when a door submits them with it:
# the claims backing an incident (a new draft incident backed by a published claim would
# make that claim name a draft).
NAMED_THROUGH = {"incident": ("claims",)}


def published_namers(record: Model) -> dict[str, list[Model]]:
    """The published records that would name ``record``, a draft, through the relations
    submitted with it (the stored ones are ``models.base.published_dependents``)."""
    if getattr(record, "status", None) != DRAFT:
        return {}
    submitted: Mapping[str, list[Model]] = getattr(record, SUBMITTED, {})
    found = {}
    for name in NAMED_THROUGH.get(record._meta.model_name, ()):
        namers = [other for other in submitted.get(name, ()) if other.status == PUBLISHED]
        if namers:
            found[name] = namers
    return found


def namer_messages(record: Model, found: Mapping[str, list[Model]]) -> dict[str, str]:
    kind = record._meta.verbose_name
    return {
        name: f"Published {namers[0]._meta.verbose_name_plural} "
        f"{', '.join(f'#{other.pk}' for other in namers)} would name this draft {kind}: "
        f"publish it with them, or choose draft ones."
        for name, namers in found.items()
    }


def messages(found: Mapping[str, list[Model]]) -> dict[str, str]:
    """An editor's message per field: which drafts, and what to do."""
    out = {}
    for name, drafts in found.items():
        kind = drafts[0]._meta.verbose_name
        if len(drafts) == 1:
            out[name] = f"The {kind} {drafts[0]} is a draft: publish (or merge) it first."
        else:
            names = ", ".join(str(draft) for draft in drafts)
            plural = drafts[0]._meta.verbose_name_plural
            out[name] = f"The {plural} {names} are drafts: publish (or merge) them first."
    return out


def check_names_published(record: Model, together: Collection[Model] = ()) -> None:
    """Refuse a published record naming a draft: a ValidationError naming each field."""
    errors = {**messages(drafts_named(record, together))}
    errors.update(namer_messages(record, published_namers(record)))
    if errors:
        raise ValidationError(errors)


def incidents_backed_only_by(
    claim_ids: Iterable[int], among: Iterable[int] | None = None
) -> QuerySet[Any]:
    """Incidents whose every backing claim is in ``claim_ids``: removing those orphans them."""
    from .models import Claim, Incident  # the models import this module

    claim_ids = list(claim_ids)
    through = Claim.incidents.through
    incidents = Incident.objects.filter(
        pk__in=through.objects.filter(claim__in=claim_ids).values("incident")
    )
    if among is not None:
        incidents = incidents.filter(pk__in=list(among))
    backed_elsewhere = through.objects.filter(incident=OuterRef("pk")).exclude(claim__in=claim_ids)
    return incidents.exclude(Exists(backed_elsewhere))
