"""Default-deny access helpers: a view decorator and a DRF permission, both keyed by role.

Anonymous users are sent to sign in (web) or get 401/403 (API); signed-in users without one of the
named roles get 403. A view with no roles named admits nobody.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from .roles import Role, role_of


def has_role(user: Any, *roles: Role) -> bool:
    role = role_of(user)
    return role is not None and role in roles


def role_required(*roles: Role) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a view so only signed-in users holding one of `roles` may use it."""
    allowed = frozenset(roles)

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if role_of(request.user) not in allowed:
                raise PermissionDenied("Your role does not give you access to this page.")
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = allowed  # type: ignore[attr-defined]
        return wrapped

    return decorator


class HasRole(BasePermission):
    """DRF permission: authenticated and holding one of `allowed_roles` (empty = nobody)."""

    allowed_roles: frozenset[Role] = frozenset()
    message = "Your role does not give you access to this resource."

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and role_of(user) in self.allowed_roles)

    @classmethod
    def for_roles(cls, *roles: Role) -> type[HasRole]:
        names = "".join(r.name.title().replace("_", "") for r in roles) or "Nobody"
        return type(f"HasRole{names}", (cls,), {"allowed_roles": frozenset(roles)})
