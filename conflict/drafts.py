"""An article's drafts and what editors do with them: publish, reject, merge.

The review queue (``conflict.admin.queue``) is a page over these functions.

- **Publish** makes a draft public. A record may not be published while it points at a
  draft the public cannot see (a claim whose claimant is a draft actor, an incident with a
  draft place, a loss of a draft claim): the public would meet a name that leads nowhere.
  Publishing the whole article publishes in dependency order, so nothing is blocked.
- **Reject** deletes a draft. A draft was never public, so there is nothing to retract: no
  client has it, and keeping it "retracted" would leave guesses in the record. The deletion
  is in the record's history (who, when, why), and the admin's "Deleted records" page can
  restore it. Published records are never rejected here; retracting them is the admin's
  retract action, which keeps them, marked.
- **Merge** folds a draft actor or place into an existing one: every reference moves to the
  target, the draft's name and aliases become the target's aliases (so the gazetteer finds
  the target next time), and the draft is deleted; each change is in its record's history.
"""

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q

from .constraints import full_clean
from .models import Actor, Article, Claim, Incident, IncidentParticipant, Loss, Place
from .models.choices import ReviewStatus
from .rules import RELATION_LABELS, drafts_named, published_with

DRAFT = ReviewStatus.DRAFT


@dataclass
class Drafts:
    """The drafts an editor reviews for one article, each kind in reading order."""

    claims: list[Claim] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    losses: list[Loss] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)

    def __len__(self) -> int:
        return sum(map(len, (self.claims, self.incidents, self.losses, self.actors, self.places)))


def article_drafts(article: Article) -> Drafts:
    """Draft claims of the article, and the draft incidents, losses, actors and places they
    refer to (a draft actor made by an earlier ingest is listed too: it is in this text)."""
    own_claims = Claim.objects.filter(article=article)
    incidents = Incident.objects.filter(claims__in=own_claims).distinct()
    actors = Actor.objects.filter(
        Q(claims__in=own_claims)
        | Q(channelled_claims__in=own_claims)
        | Q(losses__claim__in=own_claims)
        | Q(participations__incident__in=incidents)
    ).distinct()
    places = Place.objects.filter(incidents__in=incidents).distinct()
    return Drafts(
        claims=list(
            own_claims.filter(status=DRAFT)
            .select_related("article", "claimant", "channel_actor")
            .prefetch_related("incidents", "losses", "links_out__target")
            .order_by("span_start", "id")
        ),
        incidents=list(incidents.filter(status=DRAFT).prefetch_related("places").order_by("id")),
        losses=list(
            Loss.objects.filter(claim__in=own_claims, status=DRAFT)
            .select_related("claim", "side")
            .order_by("claim__span_start", "id")
        ),
        actors=list(actors.filter(status=DRAFT).order_by("name", "id")),
        places=list(places.filter(status=DRAFT).order_by("name", "id")),
    )


def _save(obj: models.Model, user: Any, reason: str, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)
    full_clean(obj, exclude=[])  # Django's, with check constraints evaluated in Python
    obj._history_user = user
    obj._change_reason = reason
    obj.save()


def publish_blockers(obj: models.Model, together: Collection[models.Model] = ()) -> list[str]:
    """Why ``obj`` cannot be published yet: the drafts it names (conflict.rules), for the
    editor to settle; ``together``: drafts published with it, which do not block."""
    was = obj.status
    obj.status = ReviewStatus.PUBLISHED  # as it would be
    try:
        found = drafts_named(obj, together)
    finally:
        obj.status = was
    return [
        f"its {RELATION_LABELS.get(name, name)} {draft} is a draft: publish or merge it first"
        for name, drafts in found.items()
        for draft in drafts
    ]


def publish(
    obj: models.Model,
    user: Any,
    reason: str = "Published from the review queue",
    together: Collection[models.Model] = (),
) -> None:
    """Publish one draft; a ValidationError says what must be settled first."""
    if obj.status != DRAFT:
        raise ValidationError(f"{obj} is not a draft (it is {obj.get_status_display()}).")
    blockers = publish_blockers(obj, together)
    if blockers:
        raise ValidationError([f"{obj}: {b}" for b in blockers])
    published_with(obj, together)
    _save(obj, user, reason, status=ReviewStatus.PUBLISHED)


def publish_all(article: Article, user: Any) -> int:
    """Publish every draft of the article, referenced records first. Returns how many."""
    drafts = article_drafts(article)
    reason = f"Published with every draft of article {article.pk}"
    # Referenced records first; each read afresh, so it sees what was just published.
    ordered = [*drafts.actors, *drafts.places, *drafts.incidents, *drafts.claims, *drafts.losses]
    with transaction.atomic():
        for obj in ordered:
            publish(type(obj)._base_manager.get(pk=obj.pk), user, reason, together=ordered)
    return len(ordered)


def reject(obj: models.Model, user: Any, reason: str = "Rejected in the review queue") -> str:
    """Delete a draft (see the module's docstring); returns what was removed, for a message."""
    if obj.status != DRAFT:
        raise ValidationError(
            f"{obj} is {obj.get_status_display().lower()}, not a draft: retract it instead."
        )
    with transaction.atomic():
        if isinstance(obj, Claim):
            return _reject_claim(obj, user, reason)
        if isinstance(obj, Incident):
            for loss in obj.losses.all():
                _save(loss, user, reason, incident=None)
            for claim in obj.claims.all():
                claim._history_user, claim._change_reason = user, reason
                claim.incidents.remove(obj)
        elif isinstance(obj, Actor):
            uses = _actor_uses(obj)
            if uses:
                raise ValidationError(
                    f"{obj} is still named by {uses}: merge it into an existing actor, or "
                    "reject those records first."
                )
        elif isinstance(obj, Place):
            for incident in obj.incidents.all():
                incident._history_user, incident._change_reason = user, reason
                incident.places.remove(obj)
        _delete(obj, user, reason)
    return str(obj)


def _reject_claim(claim: Claim, user: Any, reason: str) -> str:
    """The claim, its losses and links, and the draft incidents only it backed."""
    alone = [
        incident
        for incident in claim.incidents.all()
        if not incident.claims.exclude(pk=claim.pk).exists()
    ]
    published = [i for i in alone if i.status != DRAFT]
    if published:
        raise ValidationError(
            f"{claim} is the only claim backing the published incident {published[0]}."
        )
    for loss in claim.losses.all():
        _delete(loss, user, reason)
    claim._history_user, claim._change_reason = user, reason
    claim.incidents.clear()
    for incident in alone:
        for loss in incident.losses.all():
            _save(loss, user, reason, incident=None)
        _delete(incident, user, reason)
    _delete(claim, user, reason)
    extra = f" and {len(alone)} incident(s) only it backed" if alone else ""
    return f"{claim}{extra}"


def _delete(obj: models.Model, user: Any, reason: str) -> None:
    obj._history_user = user
    obj._change_reason = reason
    obj.delete()


def _actor_uses(actor: Actor) -> str:
    counts = {
        "claim(s) as claimant": actor.claims.count(),
        "claim(s) as channel": actor.channelled_claims.count(),
        "loss(es) as side": actor.losses.count(),
        "incident participation(s)": actor.participations.count(),
        "child actor(s)": actor.children.count(),
    }
    return ", ".join(f"{n} {what}" for what, n in counts.items() if n)


def _merged_aliases(target: Actor | Place, source: Actor | Place) -> list[str]:
    aliases = list(target.aliases)
    for name in [source.name, *source.aliases]:
        if name != target.name and name not in aliases:
            aliases.append(name)
    return aliases


def merge_actor(source: Actor, target: Actor, user: Any) -> int:
    """Move every reference to the draft ``source`` onto ``target``, then delete ``source``.

    Returns how many records were changed (the target included).
    """
    _check_merge(source, target)
    reason = f"Merged draft actor {source.name!r} (id {source.pk}) into {target.name!r}"
    changed = 0
    with transaction.atomic():
        for claim in source.claims.all():
            _save(claim, user, reason, claimant=target)
            changed += 1
        for claim in source.channelled_claims.all():
            _save(claim, user, reason, channel_actor=target)
            changed += 1
        for loss in source.losses.all():
            _save(loss, user, reason, side=target)
            changed += 1
        for participation in source.participations.all():
            duplicate = IncidentParticipant.objects.filter(
                incident=participation.incident, actor=target, role=participation.role
            ).exists()
            if duplicate:
                _delete(participation, user, reason)
            else:
                _save(participation, user, reason, actor=target)
            changed += 1
        changed += _move_children(source, target, user, reason)
        _delete(source, user, reason)
        _save(target, user, reason, aliases=_merged_aliases(target, source))
    return changed + 1


def merge_place(source: Place, target: Place, user: Any) -> int:
    """Move every incident and child of the draft ``source`` onto ``target``; delete it."""
    _check_merge(source, target)
    reason = f"Merged draft place {source.name!r} (id {source.pk}) into {target.name!r}"
    changed = 0
    with transaction.atomic():
        for incident in source.incidents.all():
            incident._history_user, incident._change_reason = user, reason
            incident.places.remove(source)
            incident.places.add(target)
            changed += 1
        changed += _move_children(source, target, user, reason)
        _delete(source, user, reason)
        _save(target, user, reason, aliases=_merged_aliases(target, source))
    return changed + 1


def _check_merge(source: Actor | Place, target: Actor | Place) -> None:
    if source.pk == target.pk:
        raise ValidationError("A record cannot be merged into itself.")
    if source.status != DRAFT:
        raise ValidationError(f"{source} is not a draft: only drafts are merged away.")


def _move_children(source: Actor | Place, target: Actor | Place, user: Any, reason: str) -> int:
    moved = 0
    for child in source.children.all():
        # The target itself may be the source's child: it takes the source's parent.
        _save(child, user, reason, parent=source.parent if child.pk == target.pk else target)
        if child.pk == target.pk:
            target.parent = child.parent
        moved += 1
    return moved


def merge_incident(source: Incident, target: Incident, user: Any, reason: str = "") -> int:
    """Fold the draft incident ``source`` into ``target`` (any status): its claims, losses
    and participations move to the target, and ``source`` is deleted. The target is not
    otherwise changed (its title, dates and places stay as they are: an editor's), and the
    moved claims keep their own status. Returns how many records were changed."""
    if source.pk == target.pk:
        raise ValidationError("An incident cannot be merged into itself.")
    if source.status != DRAFT:
        raise ValidationError(f"{source} is not a draft: only drafts are merged away.")
    reason = reason or f"Merged draft incident {source.title!r} (id {source.pk}) into {target}"
    changed = 0
    with transaction.atomic():
        for claim in source.claims.all():
            claim._history_user, claim._change_reason = user, reason
            claim.incidents.remove(source)
            claim.incidents.add(target)
            changed += 1
        for loss in source.losses.all():
            _save(loss, user, reason, incident=target)
            changed += 1
        for participation in source.participations.all():
            duplicate = IncidentParticipant.objects.filter(
                incident=target, actor=participation.actor, role=participation.role
            ).exists()
            if duplicate:
                _delete(participation, user, reason)
            else:
                _save(participation, user, reason, incident=target)
            changed += 1
        _delete(source, user, reason)
    return changed
