"""Content negotiation that says which formats exist when it cannot satisfy a request."""

from django.http import Http404
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.settings import api_settings

from .formats import FORMATS


def supported(renderers: list[BaseRenderer]) -> str:
    return ", ".join(renderer.format for renderer in renderers)


class FormatNegotiation(DefaultContentNegotiation):
    """``?format=`` or ``Accept``; a format this endpoint lacks is a 406 listing what it has.

    DRF answers an unknown ``?format=`` with a bare 404; a client needs to know what to ask.
    """

    def select_renderer(
        self, request: Request, renderers: list[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        param = api_settings.URL_FORMAT_OVERRIDE
        if request.query_params.get(param) == "":
            # DRF would ignore it; an empty format is a client's unset variable, not "JSON".
            raise NotAcceptable(
                {param: [f"Name a format. Supported formats: {supported(renderers)}."]}
            )
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except (Http404, NotAcceptable):
            pass
        formats = supported(renderers)
        requested = format_suffix or request.query_params.get(param)
        if not requested:
            raise NotAcceptable(
                f"No format here matches the Accept header. Supported formats: {formats}."
            )
        known = {*FORMATS, *(renderer.format for renderer in api_settings.DEFAULT_RENDERER_CLASSES)}
        if requested in known:
            detail = f"'{requested}' does not fit this endpoint. Supported formats: {formats}."
        else:
            detail = f"Unknown format '{requested}'. Supported formats: {formats}."
        raise NotAcceptable({param: [detail]})
