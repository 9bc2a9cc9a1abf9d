from .actor import ActorSerializer
from .article import ArticleDetailSerializer, ArticleSerializer
from .claim import ClaimLinkSerializer, ClaimSerializer
from .errors import ErrorResponseSerializer
from .incident import IncidentParticipantSerializer, IncidentSerializer
from .loss import LossSerializer
from .place import PlaceSerializer

__all__ = [
    "ActorSerializer",
    "ArticleDetailSerializer",
    "ArticleSerializer",
    "ClaimLinkSerializer",
    "ClaimSerializer",
    "ErrorResponseSerializer",
    "IncidentParticipantSerializer",
    "IncidentSerializer",
    "LossSerializer",
    "PlaceSerializer",
]
