"""``GET /api/v1/datapackage.zip``: the Frictionless Data Package, served from a built file."""

from typing import Any

from django.conf import settings
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import renderers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from ..serializers.errors import ErrorResponseSerializer
from ..slots import DownloadsBusy, Lease, acquire
from .datapackage import CHECKSUMS, NAME
from .negotiation import FormatNegotiation
from .package_cache import BuildInProgress, cached_package
from .schema import ExportAutoSchema

# How long a download may keep its slot (a worker that dies frees it after this), and how
# long a refused client is asked to wait.
SLOT_SECONDS = 15 * 60
RETRY_SECONDS = 10
BUILD_RETRY_SECONDS = 30


class ZipRenderer(renderers.BaseRenderer):
    """Negotiation and schema only: the view sends the file."""

    media_type = "application/zip"
    format = "zip"
    charset = None

    def render(
        self,
        data: object,
        accepted_media_type: str | None = None,
        renderer_context: dict | None = None,
    ) -> bytes:
        raise TypeError("the data package is sent from its file by its view")


class PackageFileResponse(FileResponse):
    """The file, giving back its download slots when the server has sent it (or the
    client went away): the WSGI server calls ``close()`` either way."""

    def __init__(self, *args: Any, lease: Lease, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lease = lease

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.lease.release()


class DataPackageView(APIView):
    renderer_classes = [ZipRenderer]
    content_negotiation_class = FormatNegotiation
    schema = ExportAutoSchema()

    @extend_schema(
        operation_id="datapackage_retrieve",
        summary="Download the whole dataset",
        tags=["datapackage"],
        responses={
            (200, ZipRenderer.media_type): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="A zip of datapackage.json (a Table Schema per resource: types, "
                "primary and foreign keys, licence, sources, and each CSV's `bytes` and "
                f"sha256 `hash`), one CSV per resource, each the resource's CSV export of "
                f"every public row, and `{CHECKSUMS}` (`sha256sum -c` format, every other "
                "file). Built once per version of the data and sent from that file, with "
                "`Content-Length`: a cut download is shorter than it says. Always the public "
                "rows, whoever asks: an editor's package has no drafts either.",
            ),
            (503, "application/json"): OpenApiResponse(
                ErrorResponseSerializer,
                description="Too many downloads running, or the package being built: wait "
                "the seconds in `Retry-After`.",
            ),
        },
        parameters=[
            OpenApiParameter(
                "Retry-After",
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                response=[429, 503],
                description="Seconds to wait: 429 when this client has "
                "`PACKAGE_DOWNLOADS_PER_CLIENT` downloads running, 503 when "
                "`PACKAGE_DOWNLOADS` are running overall or the package of the current "
                "data is being built.",
            ),
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> FileResponse:
        """The whole dataset as a Frictionless Data Package (zip)."""
        lease = acquire(
            "datapackage",
            AnonRateThrottle().get_ident(request),  # the address, as the throttles see it
            settings.PACKAGE_DOWNLOADS_PER_CLIENT,
            settings.PACKAGE_DOWNLOADS,
            SLOT_SECONDS,
            RETRY_SECONDS,
        )
        try:
            path = cached_package(request)
            response = PackageFileResponse(
                path.open("rb"),
                lease=lease,
                as_attachment=True,
                filename=f"{NAME}.zip",
                content_type=ZipRenderer.media_type,
            )
        except BuildInProgress:
            lease.release()
            raise DownloadsBusy(
                "The package of the current data is being built; try again in "
                f"{BUILD_RETRY_SECONDS} seconds.",
                BUILD_RETRY_SECONDS,
            ) from None
        except BaseException:
            lease.release()
            raise
        response["ETag"] = f'"{path.stem}"'
        return response

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        # Only the package itself is a zip: errors and OPTIONS metadata are JSON.
        if isinstance(response, Response):
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = renderers.JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
