from .actor import ActorFilterSet
from .article import ArticleFilterSet
from .claim import ClaimFilterSet
from .incident import IncidentFilterSet
from .loss import LossFilterSet
from .place import PlaceFilterSet

__all__ = [
    "ActorFilterSet",
    "ArticleFilterSet",
    "ClaimFilterSet",
    "IncidentFilterSet",
    "LossFilterSet",
    "PlaceFilterSet",
]
