"""Vocabularies that exist only in the API's representation of the domain."""

from django.db import models

from conflict.models.choices import ACLED_EVENT_TYPES

# ACLED's event types, the values of ``Incident.acled_event_type`` (derived from ``kind``).
ACLED_EVENT_TYPE_CHOICES: list[tuple[str, str]] = [
    (name, name) for name in sorted(set(ACLED_EVENT_TYPES.values()))
]


class LinkDirection(models.TextChoices):
    """Which end of a claim link the claim being shown is."""

    OUTGOING = "outgoing", "This claim <relation> the other claim"
    INCOMING = "incoming", "The other claim <relation> this claim"
