"""Home: the signed-in user's recent children and encounters, and what they can do from here."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from childfirst.core.access import role_required

from ..roles import EVERY_ROLE


@role_required(*EVERY_ROLE)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {})
