"""Who may do what: everyone reads, editors (by model permission) write."""

from typing import Any

from rest_framework import permissions
from rest_framework.request import Request


class EditorsWriteOthersRead(permissions.DjangoModelPermissionsOrAnonReadOnly):
    """Safe methods for anyone; a write needs the model's add/change/delete permission.

    An anonymous write is a 401 (with ``WWW-Authenticate: Token``); an authenticated user
    without the permission gets a 403. Views without a queryset (the schema, the root)
    stay readable by anyone and writable by no one.
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        if not hasattr(view, "get_queryset") and getattr(view, "queryset", None) is None:
            return False
        return super().has_permission(request, view)


class IsEditor(permissions.BasePermission):
    """Editors only, for reads too (history): the user may view the model's records."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        model = view.get_queryset().model
        return user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")


def is_editor(request: Request, model: Any) -> bool:
    """True when the request's user may see every record of ``model``, drafts included."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return False
    return user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
