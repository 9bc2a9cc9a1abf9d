"""A record's ``updated_at`` moves when what it shows of its parts changes.

Claims show their links and incidents; incidents show their participants and places. Those
live in other rows, so without this a mirror syncing by ``updated_at`` would miss a removed
link. The touch goes through the base manager: a bookkeeping update, not an editor's
change, so it adds no history entry.
"""

from typing import Any

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from .models import Claim, ClaimLink, Incident, IncidentParticipant


def touch(model: type[Model], pks: set[Any]) -> None:
    pks.discard(None)
    if pks:
        model._base_manager.filter(pk__in=pks).update(updated_at=timezone.now())


def link_changed(sender: type[Model], instance: ClaimLink, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        touch(Claim, {instance.source_id, instance.target_id})


def participant_changed(sender: type[Model], instance: IncidentParticipant, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        touch(Incident, {instance.incident_id})


def claim_incidents_changed(
    sender: type[Model], instance: Model, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    if not action.startswith("post_"):
        return
    claims, incidents = (
        (set(pk_set or ()), {instance.pk})
        if reverse
        else (
            {instance.pk},
            set(pk_set or ()),
        )
    )
    touch(Claim, claims)
    touch(Incident, incidents)


def incident_places_changed(
    sender: type[Model], instance: Model, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    if action.startswith("post_"):
        touch(Incident, set(pk_set or ()) if reverse else {instance.pk})


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(link_changed, sender=ClaimLink, dispatch_uid="touch-link")
        signal.connect(participant_changed, sender=IncidentParticipant, dispatch_uid="touch-part")
    m2m_changed.connect(
        claim_incidents_changed, sender=Claim.incidents.through, dispatch_uid="touch-incidents"
    )
    m2m_changed.connect(
        incident_places_changed, sender=Incident.places.through, dispatch_uid="touch-places"
    )
