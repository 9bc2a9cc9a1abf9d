"""The admin login, throttled: a few failed passwords per client address and username a minute.

Without it a script can try passwords as fast as the server answers. Failures are counted in
the default cache (shared by every worker, see settings.CACHES) under the client address and
the username; past ``ADMIN_LOGIN_FAILURES_PER_MINUTE`` the login is refused with a 429 and
``Retry-After`` before the password is even checked, so a right guess then tells nothing.
A successful login does not clear the count: it would let an attacker who knows one password
reset the counter for the guesses at another account.
"""

import time

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

WINDOW = 60  # seconds


def client_address(request: HttpRequest) -> str:
    """The client's address, trusting X-Forwarded-For only from ``NUM_PROXIES`` proxies
    (the rule DRF's throttles apply with the same setting)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if settings.NUM_PROXIES > 0 and forwarded:
        addresses = [part.strip() for part in forwarded.split(",")]
        return addresses[-min(settings.NUM_PROXIES, len(addresses))]
    return request.META.get("REMOTE_ADDR", "")


def failures_key(request: HttpRequest, username: str) -> str:
    return f"admin-login-failures:{client_address(request)}:{username.strip().lower()}"


def recent_failures(key: str, now: float) -> list[float]:
    return [moment for moment in cache.get(key, []) if moment > now - WINDOW]


class ThrottledLoginForm(AdminAuthenticationForm):
    """The admin's login form, refusing to check a password past the allowance."""

    retry_after: int | None = None

    def clean(self) -> dict:
        username = self.cleaned_data.get("username") or ""
        key = failures_key(self.request, username)
        now = time.time()
        failures = recent_failures(key, now)
        if len(failures) >= settings.ADMIN_LOGIN_FAILURES_PER_MINUTE:
            self.retry_after = max(1, int(failures[0] + WINDOW - now) + 1)
            raise ValidationError(
                f"Too many failed logins for this username from your address. "
                f"Try again in {self.retry_after} seconds.",
                code="throttled",
            )
        try:
            return super().clean()
        except ValidationError:
            cache.set(key, [*failures, now], WINDOW)
            raise


def login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    """``admin.site.login`` with the throttled form; a refusal is a 429 with Retry-After."""
    response = admin.site.login(request, extra_context)
    form = (getattr(response, "context_data", None) or {}).get("form")
    if isinstance(form, ThrottledLoginForm) and form.retry_after is not None:
        response.status_code = 429
        response["Retry-After"] = str(form.retry_after)
    return response


admin.site.login_form = ThrottledLoginForm
