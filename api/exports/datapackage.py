"""The whole dataset as a Frictionless Data Package: ``datapackage.json`` plus a CSV per resource.

Each CSV is the resource's CSV export (same columns, same rows the public API shows), and its
Table Schema is derived from the same serializer: a type per column, ``id`` as primary key,
and a foreign key for every single-valued ``<relation>_id`` column. Used by
``manage.py export_datapackage DIR`` and ``GET /api/v1/datapackage.zip``.
"""

import copy
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, QuerySet
from django.http import HttpRequest, QueryDict
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.versioning import URLPathVersioning
from rest_framework.viewsets import GenericViewSet

from conflict.models import Article

from ..resources import BY_MODEL, Resource, packaged
from ..visibility import PUBLIC_LIST
from . import claim_table
from .columns import Column, columns_for
from .streaming import stream
from .writers import CsvWriter

NAME = "conflict-claims"
# sha256sum's format (`sha256sum -c checksums.sha256` checks a download): every other file.
CHECKSUMS = "checksums.sha256"
TITLE = "Conflict Claims: attributed statements from war reporting"
DESCRIPTION = (
    "Articles, the claims they carry (who said what, with the verbatim quote and its character "
    "offsets in the article body), the actors and places involved, the incidents the claims are "
    "about and the losses they report. Many-valued columns join their values with ';'."
)
# The project has not chosen a licence for its curated data yet; this is the default offered
# until it does (the article texts remain their publishers').
LICENSES = [
    {
        "name": "ODC-By-1.0",
        "path": "https://opendatacommons.org/licenses/by/1-0/",
        "title": "Open Data Commons Attribution License 1.0",
    }
]

TYPES: list[tuple[type[serializers.Field], str]] = [
    (serializers.BooleanField, "boolean"),
    (serializers.IntegerField, "integer"),
    (serializers.FloatField, "number"),
    (serializers.DateTimeField, "datetime"),
    (serializers.DateField, "date"),
]


@dataclass
class PackageResource:
    resource: Resource
    queryset: QuerySet
    serializer: serializers.Serializer
    # A faster writer of the same bytes (the claims' SQL-row CSV), when the resource has one.
    fast_csv: Callable[[], Iterator[bytes]] | None = None

    @property
    def name(self) -> str:
        return self.resource.collection

    def serialize(self, instances: list[Model]) -> list[dict[str, Any]]:
        return type(self.serializer)(instances, many=True, context=self.serializer.context).data

    def csv_chunks(self) -> Iterator[bytes]:
        if self.fast_csv is not None:
            return self.fast_csv()
        return stream(self.queryset, self.serialize, CsvWriter(self.columns))

    @property
    def columns(self) -> list[Column]:
        return columns_for(self.serializer)


def field_descriptor(column: Column) -> dict[str, Any]:
    field = column.field
    descriptor: dict[str, Any] = {"name": column.name, "type": "string"}
    if not column.many:
        for field_class, type_name in TYPES:
            if isinstance(field, field_class):
                descriptor["type"] = type_name
                break
        if isinstance(field, serializers.ChoiceField):
            descriptor["constraints"] = {"enum": [str(choice) for choice in field.choices]}
        if isinstance(field, serializers.HyperlinkedIdentityField | serializers.URLField):
            descriptor["format"] = "uri"
    description = str(field.help_text or field.label or "")
    if column.many:
        description = f"{description} (values joined with ';')".strip()
    if description:
        descriptor["description"] = description
    if column.name == "id":
        descriptor["constraints"] = {"required": True, "unique": True}
    return descriptor


def foreign_keys(resource: PackageResource) -> list[dict[str, Any]]:
    """A key for every single-valued ``..._id`` column of a nested record we also export."""
    keys = []
    for column in resource.columns:
        if column.many or len(column.path) < 2 or column.path[-1] != "id":
            continue
        model = getattr(getattr(column.field.parent, "Meta", None), "model", None)
        found = BY_MODEL.get(model)
        if found is None or not found.in_package:
            continue
        target = found.collection
        reference_resource = "" if target == resource.name else target  # "" is "this table"
        keys.append(
            {"fields": column.name, "reference": {"resource": reference_resource, "fields": "id"}}
        )
    return keys


Digests = dict[str, tuple[str, int]]  # file name: (sha256 hex, bytes)


def descriptor(
    resources: list[PackageResource], sources: list[dict[str, str]], digests: Digests | None = None
) -> dict[str, Any]:
    digests = digests or {}

    def integrity(path: str) -> dict[str, Any]:
        if path not in digests:
            return {}
        digest, size = digests[path]
        return {"bytes": size, "hash": f"sha256:{digest}"}

    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "licenses": LICENSES,
        "sources": sources,
        "resources": [
            {
                "name": resource.name,
                "path": f"{resource.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                **integrity(f"{resource.name}.csv"),
                "schema": {
                    "fields": [field_descriptor(column) for column in resource.columns],
                    "primaryKey": ["id"],
                    "foreignKeys": foreign_keys(resource),
                },
            }
            for resource in resources
        ],
    }


def public_request(request: Request) -> Request:
    """The same request as the public makes it: no query parameters, no user.

    The package is always the whole public dataset, whoever downloads it: an editor who
    passes the file on never hands out drafts without knowing (drafts stay in the API, where
    an editor asks for them with ``?status=draft``)."""
    clone = copy.copy(request)
    clone._request = copy.copy(request._request)
    clone._request.GET = QueryDict()
    clone.user = AnonymousUser()  # DRF sets it on the wrapped HttpRequest too
    clone.auth = None
    return clone


def package_resources(request: Request) -> list[PackageResource]:
    """Each resource's rows as its list shows them to the public (``public_request``): the
    domain's selection for the public (conflict.visibility, :data:`PUBLIC_LIST`) with the
    list's columns, annotations and default order."""
    resources = []
    context = {"request": request, "format": None}
    for resource in packaged():
        viewset = resource.viewset
        queryset = viewset.in_list_order(viewset.records(PUBLIC_LIST))
        serializer_class = viewset.serializer_class
        if resource.package_serializer is not None:
            # A fuller record than the list's (the articles' bodies: the claims' offsets
            # index them), read whole.
            queryset, serializer_class = queryset.defer(None), resource.package_serializer
        serializer = serializer_class(context=context)
        fast_csv = None
        if resource.package_csv is not None:
            fast_csv = resource.package_csv(viewset, request)
        resources.append(PackageResource(resource, queryset, serializer, fast_csv))
    return resources


def claims_table_csv(
    viewset: type[GenericViewSet], request: Request
) -> Callable[[], Iterator[bytes]]:
    """The claims export's own CSV path: the same bytes, a fraction of the time."""
    table_query = viewset.in_list_order(viewset.base_records(PUBLIC_LIST))
    return claim_table.ClaimTable(table_query, request, PUBLIC_LIST.nested).csv


def sources(request: Request) -> list[dict[str, str]]:
    api_root = request.build_absolute_uri(f"/api/{request.version}/")
    listed = [{"title": "Conflict Claims API", "path": api_root}]
    for article in Article.objects.order_by("id").only("title", "source_url", "publisher"):
        entry = {"title": f"{article.title} ({article.publisher or 'publisher unknown'})"}
        if article.source_url:
            entry["path"] = article.source_url
        listed.append(entry)
    return listed


def _measured(name: str, chunks: Iterable[bytes], digests: Digests) -> Iterator[bytes]:
    digest, size = hashlib.sha256(), 0
    for piece in chunks:
        digest.update(piece)
        size += len(piece)
        yield piece
    digests[name] = (digest.hexdigest(), size)


def package_files(request: Request) -> Iterator[tuple[str, Iterator[bytes]]]:
    """The package's files in order, each as its chunks: the CSVs, ``datapackage.json``
    (with each CSV's ``bytes`` and sha256 ``hash``), then ``checksums.sha256``.

    Read each file's chunks to the end before asking for the next file: the descriptor and
    the checksums are made from what was read.
    """
    request = public_request(request)
    resources = package_resources(request)
    digests: Digests = {}
    for resource in resources:
        name = f"{resource.name}.csv"
        yield name, _measured(name, resource.csv_chunks(), digests)
    package = json.dumps(descriptor(resources, sources(request), digests), indent=2) + "\n"
    yield "datapackage.json", _measured("datapackage.json", [package.encode()], digests)
    lines = "".join(f"{digest}  {name}\n" for name, (digest, _) in digests.items())
    yield CHECKSUMS, iter([lines.encode()])


def write_directory(directory: Path, request: Request) -> list[Path]:
    """Write the package's files (:func:`package_files`) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, chunks in package_files(request):
        path = directory / name
        with path.open("wb") as out:
            for piece in chunks:
                out.write(piece)
        written.append(path)
    return written


class OfflineHttpRequest(HttpRequest):
    """An HttpRequest for a stated base URL: its host is ours, not a client's claim to check."""

    def __init__(self, scheme: str, host: str) -> None:
        super().__init__()
        self.method = "GET"
        self.offline_scheme, self.offline_host = scheme, host

    def get_host(self) -> str:
        return self.offline_host

    def _get_scheme(self) -> str:
        return self.offline_scheme


def offline_request(base_url: str, version: str) -> Request:
    """A versioned API request for building absolute URLs outside HTTP (the command)."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"Not an http(s) base URL: {base_url!r}")
    django_request = OfflineHttpRequest(parts.scheme, parts.netloc)
    django_request.path = f"/api/{version}/"
    request = Request(django_request)
    request.version, request.versioning_scheme = version, URLPathVersioning()
    return request
