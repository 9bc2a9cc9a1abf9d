from .actor import ActorViewSet
from .article import ArticleViewSet
from .claim import ClaimViewSet
from .incident import IncidentViewSet
from .loss import LossViewSet
from .place import PlaceViewSet

__all__ = [
    "ActorViewSet",
    "ArticleViewSet",
    "ClaimViewSet",
    "IncidentViewSet",
    "LossViewSet",
    "PlaceViewSet",
]
