"""Who may see which records: one editorial rule for every door.

The API, its exports and data package, and the reader pages all ask this module, never
decide for themselves. A reader is either the public or an editor:

- The public sees published records; a record fetched by its id or slug is also shown when
  retracted (marked as such), and a list shows retracted ones only when asked for.
- Editors see every status.
- A loss is seen only with its claim, and with its incident when it names one.
- Nested records (a claim's incidents, an incident's claims and places) follow the same
  statuses as the reader's lists.

:func:`select` (and :func:`selection`, its ``Q``) is the one answer to "which records of this
model may this reader see", as a function of the reader, whether the records are *listed* (a
list, its pages, an export, the data package) or *fetched* one by id or slug, and the statuses
a list asked for. Nested records are :func:`nested` and :func:`within`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet

from .models.choices import ReviewStatus

STATUS_FIELD = "status"
ALL: tuple[str, ...] = tuple(ReviewStatus.values)
PUBLIC: tuple[str, ...] = (ReviewStatus.PUBLISHED.value,)
RETRACTED = ReviewStatus.RETRACTED.value
PUBLIC_ON_REQUEST: tuple[str, ...] = (ReviewStatus.PUBLISHED.value, RETRACTED)


@dataclass(frozen=True)
class Reader:
    """Who is reading: an editor sees drafts, the public does not."""

    editor: bool = False

    @property
    def statuses(self) -> tuple[str, ...]:
        """The statuses of records this reader meets in lists and nested summaries."""
        return ALL if self.editor else PUBLIC

    @property
    def fetchable(self) -> tuple[str, ...]:
        """The statuses of a record this reader may fetch by id or slug."""
        return ALL if self.editor else PUBLIC_ON_REQUEST


PUBLIC_READER = Reader(editor=False)
EDITOR = Reader(editor=True)


def is_reviewed(model: type[Model]) -> bool:
    """Whether the model's records carry a review status."""
    return any(field.name == STATUS_FIELD for field in model._meta.concrete_fields)


def visible_losses(statuses: Sequence[str], prefix: str = "") -> Q:
    """A loss is seen with its claim, and with its incident when it names one (``prefix``:
    the path to the loss from the model queried, ``"loss__"`` for instance)."""
    statuses = list(statuses)
    return Q(**{f"{prefix}status__in": statuses, f"{prefix}claim__status__in": statuses}) & (
        Q(**{f"{prefix}incident__isnull": True}) | Q(**{f"{prefix}incident__status__in": statuses})
    )


def nested(model: type[Model], statuses: Sequence[str], prefix: str = "") -> Q:
    """Which records of ``model`` a reader meets nested in another record's list (a claim's
    incidents and losses, an incident's claims): claims and incidents in ``statuses``,
    losses as :func:`visible_losses`. Places and participants are shown as named: a
    published record may only name published ones (conflict.rules)."""
    name = model._meta.model_name
    if name == "loss":
        return visible_losses(statuses, prefix)
    if name in ("claim", "incident"):
        return Q(**{f"{prefix}status__in": list(statuses)})
    return Q()


def within(queryset: QuerySet, statuses: Sequence[str]) -> QuerySet:
    """The records of ``queryset`` in these review statuses: a nested summary's rows."""
    model = queryset.model
    if model._meta.model_name == "loss":
        return queryset.filter(visible_losses(statuses))
    if model._meta.model_name == "incidentparticipant":
        return queryset.filter(actor__status__in=statuses)
    if not is_reviewed(model):
        return queryset
    return queryset.filter(status__in=statuses)


def shown(record: Model | None, statuses: Sequence[str]) -> bool:
    """Whether a record already loaded (a parent, say) may be named to this reader."""
    if record is None:
        return False
    return not is_reviewed(type(record)) or record.status in statuses


class HiddenStatuses(PermissionError):
    """A list was asked for statuses this reader may not see (the public, for drafts)."""

    message = "Drafts are visible to editors only."

    def __init__(self) -> None:
        super().__init__(self.message)


def listed_statuses(reader: Reader, statuses_requested: Sequence[str] = ()) -> tuple[str, ...]:
    """The statuses a list shows this reader: those asked for, else the reader's own
    (:attr:`Reader.statuses`). The public may ask for published and retracted records, not
    drafts (:class:`HiddenStatuses`). The statuses asked for are checked names (ALL)."""
    if not statuses_requested:
        return reader.statuses
    if not reader.editor and not set(statuses_requested) <= set(PUBLIC_ON_REQUEST):
        raise HiddenStatuses
    return tuple(statuses_requested)


def selection(
    model: type[Model],
    reader: Reader,
    *,
    listing: bool,
    statuses_requested: Sequence[str] = (),
) -> Q:
    """Which records of ``model`` this reader may see, as a ``Q`` over ``model``.

    ``listing``: the records are listed (a list, its pages, an export, the data package), in
    ``statuses_requested`` if any were asked for (:func:`listed_statuses`); otherwise one is
    fetched by its id or slug, and the public may also open a retracted one (it is marked so).
    A loss stands on its claim (and its incident, if it names one): the public never sees a
    draft's number, and once the claim or incident is retracted a list shows the number only
    to a reader who asks for retracted records; fetched, it is shown, as the claim is.
    An empty ``Q`` selects everything (an editor's list without ``statuses_requested``).
    """
    if not is_reviewed(model):
        return Q()
    if listing:
        shown = listed_statuses(reader, statuses_requested)
        own = Q() if reader.editor and not statuses_requested else Q(status__in=list(shown))
    else:
        own = Q() if reader.editor else Q(status__in=list(reader.fetchable))
    if model._meta.model_name != "loss" or reader.editor:
        return own
    backing = list(PUBLIC_ON_REQUEST)
    if listing and RETRACTED not in statuses_requested:
        backing = list(PUBLIC)
    return (
        Q(claim__status__in=backing)
        & (Q(incident__isnull=True) | Q(incident__status__in=backing))
        & own
    )


def select(
    queryset: QuerySet,
    reader: Reader,
    *,
    listing: bool,
    statuses_requested: Sequence[str] = (),
) -> QuerySet:
    """The records of ``queryset`` this reader may see (:func:`selection`)."""
    found = selection(
        queryset.model, reader, listing=listing, statuses_requested=statuses_requested
    )
    return queryset.filter(found) if found else queryset


def visible(queryset: QuerySet, reader: Reader) -> QuerySet:
    """The records of ``queryset`` this reader meets in a list (none asked for)."""
    return select(queryset, reader, listing=True)


def fetchable(queryset: QuerySet, reader: Reader) -> QuerySet:
    """The records of ``queryset`` this reader may open by id or slug."""
    return select(queryset, reader, listing=False)
