"""The open-data quality page: how complete and clean the imported public data is."""

from __future__ import annotations

from pathlib import Path

import duckdb
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from childfirst.core.access import role_required
from childfirst.core.roles import Role

from . import quality, store
from .presenters import quality_context

QUALITY_ROLES = (Role.ANALYST, Role.SUPERVISOR, Role.AUDITOR, Role.ADMINISTRATOR)


@role_required(*QUALITY_ROLES)
def quality_report(request: HttpRequest) -> HttpResponse:
    db = Path(settings.OPENDATA_DB)
    context: dict[str, object] = {"attribution": store.ATTRIBUTION}
    if not db.exists():
        context["unavailable"] = "No open data has been imported yet."
    else:
        try:
            con = store.connect(db, read_only=True)
        except duckdb.Error:
            context["unavailable"] = (
                "The open-data store is busy (an import is running). Try again in a minute."
            )
        else:
            try:
                context.update(quality_context(quality.report(con)))
            finally:
                con.close()
    return render(request, "opendata/quality.html", context)
