"""The domain: articles, the claims they carry, and what those claims are about."""

from .actor import Actor
from .article import Article
from .claim import Claim, ClaimLink
from .incident import Incident, IncidentParticipant
from .ingest_job import IngestJob, IngestJobStatus
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
    "IngestJob",
    "IngestJobStatus",
    "Loss",
    "MatchOutcome",
    "Place",
]
