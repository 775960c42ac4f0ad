"""Template context shared by every page: the service navigation for the user's role and the demo banner."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from childfirst.core.roles import role_of

from .navigation import items_for


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    role = role_of(user)
    return {
        "nav_items": items_for(role, request.path),
        "user_role": role,
        "user_role_label": role.label if role else "",
        "show_demo_banner": settings.DEBUG or getattr(settings, "CHILDFIRST_DEMO", False),
    }
