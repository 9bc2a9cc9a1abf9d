"""What every resource's viewset shares: reads for all, writes for editors, id-or-slug lookups."""

import re
from collections.abc import Callable, Hashable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model, ProtectedError, QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from ..conditional import check_if_match, detail_response, etag_for, with_validators
from ..filters import OrderingFilter
from ..permissions import IsEditor, is_editor
from ..prepared import prepared
from ..schema import CREATED_LOCATION, ETAG, LAST_MODIFIED
from ..serializers.history import HistoryEntrySerializer
from ..text import header_text
from ..throttling import check_body_size
from ..visibility import Reading, nested_statuses, reading

REASON_HEADER = "X-Change-Reason"
MAX_REASON_LENGTH = 500

ID_PATTERN = re.compile(r"[0-9]+")


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """List and detail; EditableViewSet adds the writes.

    Pagination (page or cursor) and the schema class come from REST_FRAMEWORK settings.
    """

    lookup_value_converter = "int"

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        check_body_size(request)
        super().initial(request, *args, **kwargs)

    def nested_statuses(self) -> tuple[str, ...]:
        """Review statuses of the related records this reader may see (api.visibility)."""
        return nested_statuses(self.request, self.get_queryset_model())

    def plan_statuses(self) -> tuple[str, ...]:
        """The review statuses of the records nested in (or counted for) this resource's,
        when they are another model's (an article's claims)."""
        return self.nested_statuses()

    # -- which records: a function of the reading, not of the viewset ----------------------

    # The actions that list records (the list, its pages in every format, the export); the
    # others (the detail, its writes, its history) fetch one record by id or slug.
    LIST_ACTIONS = frozenset({"list", "export"})

    def listing(self) -> bool:
        """Whether this request lists records rather than fetching one."""
        return self.action in self.LIST_ACTIONS

    def reading(self) -> Reading:
        """Who reads, and how: the input of :meth:`records` (api.visibility)."""
        return reading(
            self.request, self.get_queryset_model(), self.plan_statuses(), listing=self.listing()
        )

    @classmethod
    def records(cls, reading: Reading) -> QuerySet:
        """The records ``reading`` may see (``reading.select``, conflict.visibility), with
        what the read serializer needs of them. A plain function of the reading: the data
        package calls it for the public without a request."""
        raise NotImplementedError

    @classmethod
    def base_records(cls, reading: Reading) -> QuerySet:
        """:meth:`records` before any joins the serializer needs (the fast paths' start)."""
        return cls.records(reading)

    @classmethod
    def in_list_order(cls, queryset: QuerySet) -> QuerySet:
        """``queryset`` in the list's order when no ``?ordering=`` is given."""
        return OrderingFilter().list_order(queryset, cls)

    def get_queryset(self) -> QuerySet:
        return self.records(self.reading())

    def base_queryset(self) -> QuerySet:
        """The records before any joins the serializer needs (the fast read paths' start)."""
        return self.base_records(self.reading())

    def get_queryset_model(self) -> type[Model]:
        return self.write_serializer_class.Meta.model

    # The detail's serializer when it differs from the list's (an article's body).
    detail_serializer_class: type[serializers.BaseSerializer] | None = None

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.detail_serializer_class is None or self.listing():
            return super().get_serializer_class()
        return self.detail_serializer_class

    def representation(self, record: Model) -> Any:
        """The record as a GET of its detail shows it, whatever the request's method.

        Every ETag (GET, and the If-Match check of PATCH, PUT and DELETE, and the answer to a
        write) hashes this one body, so the tag a client read is the tag a write accepts."""
        serializer_class = self.detail_serializer_class or self.serializer_class
        return serializer_class(record, context=self.get_serializer_context()).data

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        record = self.get_object()
        return detail_response(request, self.representation(record), record)

    def visible_row(
        self, columns: Callable[[QuerySet], QuerySet], pk: int, key: Hashable = None
    ) -> dict[str, Any]:
        """The ``columns()`` row of record ``pk`` as this reader may see it, or a 404.

        Without query parameters the query is the same for every reader of one kind (public
        or editor), so it is compiled once (api.prepared) instead of on every request; ``key``
        names whatever else shapes it (which columns, the statuses an annotation counts)."""
        if not -(2**63) <= pk < 2**63:
            raise Http404  # past any id column (SQLite would raise OverflowError)
        if self.request.query_params:
            return get_object_or_404(columns(self.filter_queryset(self.base_queryset())), pk=pk)
        editor = is_editor(self.request, self.get_queryset_model())
        query = prepared(
            (type(self).__name__, "detail", editor, key),
            lambda: columns(self.filter_queryset(self.base_queryset())),
            "pk",
        )
        found = query.dicts([pk])
        if not found:
            raise Http404
        return found[0]


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the stored records."
    default_code = "conflict"


class EditableViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    ReadOnlyViewSet,
):
    """Reads for everyone; POST/PUT/PATCH/DELETE for editors (see api.permissions).

    Requests are validated by ``write_serializer_class`` (the model's full_clean()); every
    response shows the record through the read serializer, as a GET would.
    """

    write_serializer_class: type[serializers.ModelSerializer]

    def get_write_serializer(self, *args: Any, **kwargs: Any) -> serializers.ModelSerializer:
        context = {**self.get_serializer_context(), "change_reason": self.change_reason()}
        kwargs.setdefault("context", context)
        return self.write_serializer_class(*args, **kwargs)

    def change_reason(self) -> str | None:
        """Why the editor made the change, from the ``X-Change-Reason`` header."""
        try:
            reason = header_text(self.request.headers.get(REASON_HEADER, "")).strip()
        except ValueError as exc:
            raise exceptions.ValidationError({REASON_HEADER: [str(exc)]}, code="invalid") from None
        if len(reason) > MAX_REASON_LENGTH:
            raise exceptions.ValidationError(
                {REASON_HEADER: [f"At most {MAX_REASON_LENGTH} characters."]}, code="max_length"
            )
        return reason or None

    @extend_schema(
        responses={200: HistoryEntrySerializer(many=True)},
        description="Every change to this record, newest first: who, when, what and why. "
        "Editors only.",
    )
    @action(
        detail=True,
        methods=["get"],
        permission_classes=[IsEditor],
        filter_backends=[],
        pagination_class=None,
    )
    def history(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        record = self.get_object()
        entries = (
            type(record).history.filter(id=record.pk).select_related("history_user")
        ).order_by("-history_date", "-history_id")
        return Response(HistoryEntrySerializer(entries, many=True).data)

    def perform_destroy(self, instance: Model) -> None:
        reason = self.change_reason()
        if reason:
            instance._change_reason = reason
        instance.delete()

    @extend_schema(parameters=[CREATED_LOCATION, ETAG, LAST_MODIFIED])
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_write_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            instance = self.save_write(serializer)
            response = self.written(instance, status.HTTP_201_CREATED)
        # str(): the url is a DRF Hyperlink, which wsgiref (runserver, live_server) refuses.
        response["Location"] = str(response.data["url"])
        return response

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop("partial", False)
        with transaction.atomic():
            instance = self.get_object_for_write()
            serializer = self.get_write_serializer(instance, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            instance = self.save_write(serializer)
            return self.written(instance, status.HTTP_200_OK)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with transaction.atomic():
            instance = self.get_object_for_write()
            try:
                with transaction.atomic():
                    self.perform_destroy(instance)
            except ProtectedError as exc:
                names = ", ".join(
                    sorted({type(obj)._meta.verbose_name for obj in exc.protected_objects})
                )
                raise Conflict(
                    {"non_field_errors": [f"Other records still refer to this one ({names})."]}
                ) from exc
        return Response(status=status.HTTP_204_NO_CONTENT)

    def get_object_for_write(self) -> Model:
        """The record, locked until the transaction ends, if the client's ETag is current.

        Locking first and comparing after means that of concurrent writers holding the
        same ETag, one saves and the others get a 412 (none overwrites another unseen).
        """
        found = self.get_object()
        type(found)._base_manager.select_for_update().filter(pk=found.pk).exists()
        record = self.get_object()  # fresh: another write may have committed while we waited
        check_if_match(self.request, etag_for(self.representation(record)))
        return record

    def save_write(self, serializer: serializers.ModelSerializer) -> Model:
        try:
            with transaction.atomic():
                return serializer.save()
        except IntegrityError as exc:
            # full_clean() checked the constraints; only a concurrent write gets here.
            raise Conflict(
                {"non_field_errors": [f"A concurrent change conflicts with this one: {exc}"]}
            ) from exc

    def written(self, instance: Model, code: int) -> Response:
        """The saved record as the answer, rendered now, inside the write's transaction.

        Rendering is where a value that cannot be written out fails (Django renders after
        the view returns, after the commit): done here, such a failure rolls the write back
        instead of reporting a 500 for a change that was kept. api.parsers refuses the text
        that could cause it; this keeps the guarantee for anything it does not foresee.
        """
        fresh = get_object_or_404(self.get_queryset(), pk=instance.pk)
        data = self.representation(fresh)
        response = with_validators(Response(data, status=code), etag_for(data), fresh)
        response = self.finalize_response(self.request, response)
        response.render()
        return response


ID_OR_SLUG = OpenApiParameter(
    "id_or_slug",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The id (all digits) or the slug (always has a letter).",
)


class IdOrSlugLookupMixin:
    """``/things/{id_or_slug}/``: all digits is an id, anything else a slug.

    Unambiguous because the models refuse all-digit slugs.
    """

    lookup_url_kwarg = "id_or_slug"
    lookup_value_converter = "slug"  # digits are a slug to Django too

    def get_object(self) -> Model:
        value = self.kwargs[self.lookup_url_kwarg]
        lookup = {"pk": int(value)} if ID_PATTERN.fullmatch(value) else {"slug": value}
        queryset = self.filter_queryset(self.get_queryset())
        obj = get_object_or_404(queryset, **lookup)
        self.check_object_permissions(self.request, obj)
        return obj

    @extend_schema(parameters=[ID_OR_SLUG])
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)
