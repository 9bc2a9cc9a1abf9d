"""The served OpenAPI document, generated once per version and process.

Generating it walks every view and serializer (seconds on a loaded machine, where a client
such as schemathesis gives up after ten); it depends on the code and the version only (the
schema is public and its server URL relative), so each process builds it once.
"""

from threading import Lock
from typing import Any

from drf_spectacular.views import SpectacularAPIView
from rest_framework.request import Request
from rest_framework.response import Response

_schemas: dict[str | None, dict[str, Any]] = {}
_lock = Lock()


class SchemaView(SpectacularAPIView):
    def _get_schema_response(self, request: Request) -> Response:
        version = self.api_version or request.version or self._get_version_parameter(request)
        with _lock:
            if version not in _schemas:
                generator = self.generator_class(
                    urlconf=self.urlconf, api_version=version, patterns=self.patterns
                )
                _schemas[version] = generator.get_schema(request=request, public=self.serve_public)
        filename = self._get_filename(request, version)
        return Response(
            data=_schemas[version],
            headers={"Content-Disposition": f'inline; filename="{filename}"'},
        )
