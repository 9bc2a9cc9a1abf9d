"""Content negotiation that says which formats exist when it cannot satisfy a request."""

from django.http import Http404
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.settings import api_settings

from .formats import FORMATS


class FormatNegotiation(DefaultContentNegotiation):
    """``?format=`` or ``Accept``; a format this endpoint lacks is a 406 listing what it has.

    DRF answers an unknown ``?format=`` with a bare 404; a client needs to know what to ask.
    """

    def select_renderer(
        self, request: Request, renderers: list[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except (Http404, NotAcceptable):
            pass
        supported = ", ".join(renderer.format for renderer in renderers)
        param = api_settings.URL_FORMAT_OVERRIDE
        requested = format_suffix or request.query_params.get(param)
        if not requested:
            raise NotAcceptable(
                f"No format here matches the Accept header. Supported formats: {supported}."
            )
        known = {*FORMATS, *(renderer.format for renderer in api_settings.DEFAULT_RENDERER_CLASSES)}
        if requested in known:
            detail = f"'{requested}' does not fit this endpoint. Supported formats: {supported}."
        else:
            detail = f"Unknown format '{requested}'. Supported formats: {supported}."
        raise NotAcceptable({param: [detail]})
