"""Turning an article's text into draft records for editors to review (issue 7).

Pure functions, no database and no files: :func:`extract` takes the body, the publication date
and a :class:`Gazetteer` of known actors and places, and returns an :class:`Extraction` of
draft claims, losses and incidents (``records``). Persisting them is a separate step.
"""

from .gazetteer import Gazetteer
from .pipeline import extract
from .records import (
    ActorRef,
    DraftClaim,
    DraftIncident,
    DraftLink,
    DraftLoss,
    Extraction,
    PlaceRef,
)

__all__ = [
    "ActorRef",
    "DraftClaim",
    "DraftIncident",
    "DraftLink",
    "DraftLoss",
    "Extraction",
    "Gazetteer",
    "PlaceRef",
    "extract",
]
