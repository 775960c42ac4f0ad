"""Template context shared by every page (filled in by the web app)."""

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, object]:
    return {}
