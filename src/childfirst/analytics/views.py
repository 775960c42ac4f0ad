"""Analytics pages: thin views over ``presenters`` (figures) and ``queries`` (the DuckDB store)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse

from childfirst.core.access import role_required
from childfirst.core.roles import Role, role_of

from . import measures, presenters, queries
from . import render as renderers
from .forms import DashboardFilterForm

ANALYTICS_ROLES = (Role.ANALYST, Role.SUPERVISOR, Role.ADMINISTRATOR)


class StoreUnavailable(Exception):
    pass


@contextmanager
def open_store() -> Iterator[duckdb.DuckDBPyConnection]:
    db = Path(settings.OPENDATA_DB)
    if not db.is_file():
        raise StoreUnavailable("No open data has been imported yet. Run `childfirst opendata import` first.")
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        raise StoreUnavailable(
            "The open-data store is busy (an import is running). Try again in a minute."
        ) from None
    try:
        yield con
    finally:
        con.close()


def _form(request: HttpRequest, con: duckdb.DuckDBPyConnection) -> DashboardFilterForm:
    data = request.GET if request.GET else DashboardFilterForm.defaults()
    return DashboardFilterForm(
        data, forces=queries.forces_available(con), months=queries.months_available(con)
    )


def _selection(form: DashboardFilterForm) -> presenters.Selection:
    d = form.cleaned_data
    return presenters.Selection(form.filters(), d["reference"], d["method"], d["focus"])


@role_required(*ANALYTICS_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {"attribution": queries.ATTRIBUTION, "filters_open": bool(request.GET)}
    try:
        with open_store() as con:
            form = _form(request, con)
            context["form"] = form
            if form.is_valid():
                context.update(presenters.dashboard(con, _selection(form)))
                query = request.GET.urlencode() or "&".join(f"{k}={v}" for k, v in form.defaults().items())
                for figure in context["figures"]:  # type: ignore[attr-defined]
                    figure.csv_url = f"{reverse('analytics:download', args=[figure.key])}?{query}"
    except StoreUnavailable as exc:
        context["unavailable"] = str(exc)
    return render(request, "analytics/dashboard.html", context)


@role_required(*ANALYTICS_ROLES)
def download(request: HttpRequest, figure: str) -> HttpResponse:
    if figure not in presenters.FIGURES:
        raise Http404("No such figure")
    try:
        with open_store() as con:
            form = _form(request, con)
            if not form.is_valid():
                problems = "; ".join(message for _, message in form.error_summary)
                return HttpResponseBadRequest(f"Bad filters: {problems}", content_type="text/plain")
            rows = presenters.figure_rows(con, _selection(form), figure)
    except StoreUnavailable as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain")
    body = f"# {queries.ATTRIBUTION}\n" + renderers.to_csv(rows)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="childfirst-{figure}.csv"'
    return response


@role_required(*ANALYTICS_ROLES)
def measure_list(request: HttpRequest) -> HttpResponse:
    role = role_of(request.user)
    shown = [m for m in measures.all_measures() if role is not None and str(role) in m.roles]
    return render(request, "analytics/measures.html", {"measures": shown, "steps": measures.JOURNEY_STEPS})
