"""Response headers every API answer needs, set in one place."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers


def has_credentials(request: HttpRequest) -> bool:
    """The request carried a token or a logged-in session (what makes its answer personal)."""
    if request.META.get("HTTP_AUTHORIZATION"):
        return True
    user = getattr(request, "user", None)  # DRF sets it here after token authentication
    return bool(user is not None and user.is_authenticated)


class PrivateResponsesMiddleware:
    """An editor's answer (drafts, history) may never be kept by a shared cache.

    Every answer varies by Authorization and Cookie (an anonymous reader and an editor get
    different rows from one URL), and one given to a request with credentials is
    ``Cache-Control: private``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_vary_headers(response, ("Authorization", "Cookie"))
        if has_credentials(request):
            patch_cache_control(response, private=True)
        return response
