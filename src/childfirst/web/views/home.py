"""Home: the signed-in user's recent children and encounters, and what they can do from here."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from childfirst.core.access import role_required
from childfirst.core.roles import role_of

from ..presenters import local
from ..queries import recent_encounters_of
from ..roles import CASE_ROLES, EVERY_ROLE


@role_required(*EVERY_ROLE)
def home(request: HttpRequest) -> HttpResponse:
    encounters: list = []
    children: list = []
    if role_of(request.user) in CASE_ROLES:
        for encounter in recent_encounters_of(request.user):
            encounters.append((encounter, local(encounter.aware_at)))
            if encounter.child not in children:
                children.append(encounter.child)
    return render(request, "web/home.html", {"encounters": encounters, "children": children})
