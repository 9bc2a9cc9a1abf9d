"""Content negotiation that says which formats exist when it cannot satisfy a request."""

from django.http import Http404
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.settings import api_settings

from .formats import FORMATS

# Negotiated choices kept, by what decides them; at most this many (an Accept header is the
# client's text: a flood of new ones empties the memory instead of growing it).
MAX_REMEMBERED = 512
_chosen: dict[tuple, tuple[int, str]] = {}


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
        # DRF parses the Accept header and every renderer's media type on each request
        # (~50 us for our eight formats); the choice depends on nothing else.
        key = (
            tuple(type(renderer) for renderer in renderers),
            format_suffix,
            request.query_params.get(param),
            request.META.get("HTTP_ACCEPT", "*/*"),
        )
        found = _chosen.get(key)
        if found is not None:
            return renderers[found[0]], found[1]
        try:
            renderer, media_type = super().select_renderer(request, renderers, format_suffix)
        except (Http404, NotAcceptable):
            pass
        else:
            if len(_chosen) >= MAX_REMEMBERED:
                _chosen.clear()
            _chosen[key] = (renderers.index(renderer), media_type)
            return renderer, media_type
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
