"""The domain: articles, the claims they carry, and what those claims are about."""

from .actor import Actor
from .article import Article
from .claim import Claim, ClaimLink
from .incident import Incident, IncidentParticipant
from .loss import Loss
from .matching import ActorMatch, IncidentMatch, MatchOutcome
from .place import Place

__all__ = [
    "Actor",
    "ActorMatch",
    "Article",
    "Claim",
    "ClaimLink",
    "Incident",
    "IncidentMatch",
    "IncidentParticipant",
    "Loss",
    "MatchOutcome",
    "Place",
]
