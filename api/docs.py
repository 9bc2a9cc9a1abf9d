"""Swagger UI and ReDoc, served from our own assets under a Content-Security-Policy.

The policy allows only this origin: scripts from files (Swagger UI's start-up script is
fetched from ``?script``, not inlined), inline styles (both viewers style elements from
JavaScript), data: images and fonts, and ReDoc's blob: web worker. Nothing from a CDN.
"""

from typing import Any

from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.request import Request
from rest_framework.response import Response

DOCS_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "worker-src 'self' blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)


class CSPMixin:
    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = DOCS_CSP
        return response


class SwaggerView(CSPMixin, SpectacularSwaggerSplitView):
    """Swagger UI, its start-up script a separate file so no inline script is needed."""


class RedocView(CSPMixin, SpectacularRedocView):
    """ReDoc (without drf-spectacular's Google Fonts links, see api/redoc.html)."""
