"""``GET /api/v1/datapackage.zip``: the Frictionless Data Package, streamed as a zip."""

from typing import Any

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import renderers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .datapackage import NAME, zip_stream
from .negotiation import FormatNegotiation
from .schema import ExportAutoSchema


class ZipRenderer(renderers.BaseRenderer):
    """Negotiation and schema only: the view streams the body."""

    media_type = "application/zip"
    format = "zip"
    charset = None

    def render(
        self,
        data: object,
        accepted_media_type: str | None = None,
        renderer_context: dict | None = None,
    ) -> bytes:
        raise TypeError("the data package is streamed by its view")


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
                "primary and foreign keys, licence, sources) and one CSV per resource, "
                "each the resource's CSV export of every public row. Always the public rows, "
                "whoever asks: an editor's package has no drafts either.",
            )
        },
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        """The whole dataset as a Frictionless Data Package (zip)."""
        response = StreamingHttpResponse(zip_stream(request), content_type=ZipRenderer.media_type)
        response["Content-Disposition"] = f'attachment; filename="{NAME}.zip"'
        return response

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        # Only the package itself is a zip: errors and OPTIONS metadata are JSON.
        if isinstance(response, Response):
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = renderers.JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
