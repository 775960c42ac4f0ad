"""Custody pages: the live board, the printable handover and one detention's timeline. Thin views."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from childfirst.core.access import role_required
from childfirst.core.audit import AuditAction, Auditor
from childfirst.core.roles import role_of

from . import forms, law, presenters, services
from . import strip_search as ss
from .access import AUTHORISING_ROLES, CUSTODY_ROLES, detention_for, strip_search_for, visible_suites
from .board import BoardEntry, board_counts, build_board, status_for, with_timeline
from .errors import InvalidEvent, StaleVersion
from .models import CustodyAlert, Detention, SafeguardRoute, StripSearch


def refresh_seconds() -> int:
    return int(getattr(settings, "CUSTODY_BOARD_REFRESH_SECONDS", 60))


def _board_context(request: HttpRequest, *, linked: bool) -> dict[str, object]:
    now = timezone.now()
    board = build_board(visible_suites(request.user), now)
    ids = [e.detention.pk for sb in board for e in sb.entries]
    Auditor(request.user).record(AuditAction.READ, "custody.board", "board", detail={"detentions": ids})
    return {
        "now": law.show(now),
        "suites": [
            {"suite": sb.suite, "rows": [presenters.board_row(e, html=linked) for e in sb.entries]}
            for sb in board
        ],
        "counts": board_counts(board),
        "recent_alerts": CustodyAlert.objects.filter(detention_id__in=ids).select_related("detention")[:10],
    }


@role_required(*CUSTODY_ROLES)
def board(request: HttpRequest) -> HttpResponse:
    context = _board_context(request, linked=True)
    context["refresh_seconds"] = refresh_seconds()
    return render(request, "custody/board.html", context)


@role_required(*CUSTODY_ROLES)
def handover(request: HttpRequest) -> HttpResponse:
    return render(request, "custody/handover.html", _board_context(request, linked=False))


QUICK_KINDS = [
    ("visit", "Visit or check"),
    ("welfare_informed", "Person responsible for welfare informed"),
    ("aa_requested", "Appropriate adult requested"),
    ("aa_arrived", "Appropriate adult arrived"),
    ("rights_given", "Rights and entitlements given"),
    ("review_held", "Detention review held"),
    ("review_postponed", "Detention review postponed"),
    ("released", "Released"),
]
EVENT_FIELD_IDS = {
    "occurred_at": "event-time",
    "kind": "event-kind",
    "reason": "event-reason",
    "name": "event-person",
    "person": "event-person",
    "reviewer": "event-person",
    "aa": "event-person",
    "age": "event-age",
    "rank": "event-rank",
    "outcome": "event-outcome",
}


def _quick_event(request: HttpRequest, d: Detention) -> tuple[str, dict, str, object]:
    """Turn the quick-record form into (kind, data, reason, occurred_at) for services.record_event."""
    post = request.POST
    kind = post.get("kind", "")
    person = post.get("person", "").strip()
    data: dict[str, object] = {}
    if kind == "visit":
        data = {"by": person}
    elif kind == "welfare_informed":
        data = {"person": person, "relationship": "parent_or_guardian"}
    elif kind == "aa_requested":
        data = {"name": person}
    elif kind == "aa_arrived":
        age = post.get("age", "").strip()
        data = {
            "name": person,
            "aa_type": post.get("aa_type", ""),
            "age": int(age) if age.isdigit() else None,
            "employment": "none",
        }
    elif kind == "review_held":
        data = {"reviewer": person, "rank": post.get("rank", "")}
    elif kind == "released":
        data = {"outcome": post.get("outcome", "")}
    hhmm = post.get("time", "").strip()
    occurred_at: object = None
    try:
        hour, minute = (int(x) for x in hhmm.split(":"))
        today = timezone.now().astimezone(law.LONDON).date()
        occurred_at = dt.datetime(today.year, today.month, today.day, hour, minute, tzinfo=law.LONDON)
    except ValueError:
        occurred_at = "not a time" if hhmm else None
    return kind, data, post.get("reason", ""), occurred_at


@role_required(*CUSTODY_ROLES)
def detention(request: HttpRequest, detention_id: int) -> HttpResponse:
    d = detention_for(request.user, detention_id)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        kind, data, reason, occurred_at = _quick_event(request, d)
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = None
        try:
            services.record_event(
                request.user,
                d,
                kind=kind,
                occurred_at=occurred_at,
                data=data,
                reason=reason,
                expected_version=version,
            )
        except InvalidEvent as exc:
            errors = [
                (
                    EVENT_FIELD_IDS.get(k.split(".")[0], "event-kind"),
                    f"{k.replace('_', ' ').capitalize()}: {v}",
                )
                for k, v in exc.errors.items()
            ]
        except StaleVersion as exc:
            errors = [("event-kind", str(exc).split(": ", 1)[-1])]
        else:
            messages.success(request, "Recorded on the timeline.")
            return redirect(reverse("custody:detention", kwargs={"detention_id": d.pk}))
    d = with_timeline(Detention.objects.filter(pk=d.pk)).get()
    Auditor(request.user).record(AuditAction.READ, "custody.detention", d.pk, child_id=d.child_id)
    status = status_for(d, timezone.now())
    events = [
        {
            "when": law.show(e.occurred_at),
            "what": e.get_kind_display(),
            "details": presenters.event_details(e.data),
            "reason": e.reason,
        }
        for e in d.timeline
    ]
    return render(
        request,
        "custody/detention.html",
        {
            "d": d,
            "row": presenters.board_row(BoardEntry(d, status, d.alert_list)),
            "status": status,
            "juvenile_reason": status.juvenile_reason,
            "relevant_time": law.show(status.relevant_time),
            "events": events,
            "searches": d.searches,
            "can_authorise": role_of(request.user) in AUTHORISING_ROLES,
            "quick_kinds": QUICK_KINDS,
            "aa_types": [(t, t.replace("_", " ").capitalize()) for t in law.AA_TYPES],
            "ranks": [(r, r.replace("_", " ").capitalize()) for r in law.RANKS],
            "outcomes": [(o, o.replace("_", " ").capitalize()) for o in law.RELEASE_OUTCOMES],
            "errors": errors,
            "error_fields": {field for field, _ in errors},
            "posted": request.POST if errors else {},
        },
        status=400 if errors else 200,
    )


FIELD_IDS = {"decision": "decision", "rank": "rank", "note": "note", "at": "decision", "stage": "decision"}


@role_required(*AUTHORISING_ROLES)
def strip_search_decision(request: HttpRequest, search_id: int) -> HttpResponse:
    """An inspector authorises or refuses a requested strip search of a child (SRC-06, SRC-08)."""
    search = strip_search_for(request.user, search_id)
    d = search.detention
    Auditor(request.user).record(AuditAction.READ, "custody.strip_search", search.pk, child_id=d.child_id)
    errors: list[tuple[str, str]] = []
    values = {"decision": "", "rank": "inspector", "note": ""}
    if request.method == "POST":
        values = {k: request.POST.get(k, "").strip() for k in values}
        if values["decision"] not in ("authorise", "refuse"):
            errors.append(("decision", "Choose whether to authorise or refuse the strip search"))
        else:
            try:
                version = int(request.POST.get("version", ""))
            except ValueError:
                version = None
            try:
                ss.decide(
                    request.user,
                    search,
                    authorise=values["decision"] == "authorise",
                    rank=values["rank"],
                    note=values["note"],
                    at=timezone.now(),
                    expected_version=version,
                )
            except InvalidEvent as exc:
                errors = [
                    (FIELD_IDS.get(k, "decision"), f"{k.replace('_', ' ').capitalize()}: {v}")
                    for k, v in exc.errors.items()
                ]
            except StaleVersion as exc:
                errors = [("decision", str(exc).split(": ", 1)[-1])]
            else:
                messages.success(request, f"Strip search {search.get_stage_display().lower()}.")
                return redirect(reverse("custody:detention", kwargs={"detention_id": d.pk}))
    requirements = ss.requirements(search)
    return render(
        request,
        "custody/strip_search_decision.html",
        {
            "search": search,
            "d": d,
            "child": presenters.child_name(d),
            "requested_at": law.show(search.requested_at),
            "safeguards": requirements["safeguards"],
            "warnings": requirements["warnings"],
            "ranks": [(r, r.replace("_", " ").capitalize()) for r in law.RANKS],
            "values": values,
            "errors": errors,
            "error_fields": {field for field, _ in errors},
        },
        status=400 if errors else 200,
    )


# --- recording any event from the web ---------------------------------------------------------------------


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _stale_message(exc: StaleVersion, what: str) -> str:
    return (
        f"This {what} was changed by someone else while you were filling in the form (you had version "
        f"{exc.expected}, it is now {exc.current}). Your answers are kept below: check the latest record "
        "on this page, then record again, or reload to start afresh."
    )


def _latest_events(d: Detention, count: int = 5) -> list[dict[str, str]]:
    return [
        {
            "when": law.show(e.occurred_at),
            "what": e.get_kind_display() + (f": {law.words(e.data['step'])}" if e.data.get("step") else ""),
        }
        for e in reversed(list(d.events.order_by("-sequence")[:count]))
    ]


def _field_rows(
    fields: tuple[forms.Field, ...], d: Detention, at: dt.datetime, values: dict, errors: list
) -> list[dict[str, object]]:
    rows = []
    for f in fields:
        messages_for = [m for name, _label, m in errors if name == f.name]
        value = values.get(f.name, [] if f.widget == "checkboxes" else "")
        rows.append(
            {
                "f": f,
                "value": value,
                "errors": messages_for,
                "choices": f.choices(d, at) if f.choices else [],
            }
        )
    return rows


@role_required(*CUSTODY_ROLES)
def record_choice(request: HttpRequest, detention_id: int) -> HttpResponse:
    """Which event to record: every kind the web can record, grouped as a custody officer thinks of them."""
    d = detention_for(request.user, detention_id)
    groups: dict[str, list[tuple[str, str]]] = {}
    for form in forms.EVENT_FORMS.values():
        url = reverse("custody:record-event", kwargs={"detention_id": d.pk, "kind": form.kind})
        groups.setdefault(form.group, []).append((url, form.title))
    return render(
        request,
        "custody/record_choice.html",
        {"d": d, "child": presenters.child_name(d), "groups": groups.items(), "quick_kinds": QUICK_KINDS},
    )


@role_required(*CUSTODY_ROLES)
def record_event(request: HttpRequest, detention_id: int, kind: str) -> HttpResponse:
    """One event form: the answers go to services.record_event, which validates them against the
    timeline and the lawbook; its field errors come back onto the form and nothing is saved."""
    form = forms.EVENT_FORMS.get(kind)
    d = detention_for(request.user, detention_id)
    if form is None:
        raise Http404("No such event form.")
    now = forms.london_now()
    values: dict[str, object] = {"time": now.strftime("%H:%M"), "date": "", "reason": ""}
    errors: list[tuple[str, str, str]] = []
    stale = False
    version = d.version
    if request.method == "POST":
        typed, _ = forms.read_values(form, request.POST, d, now)
        values = {
            **typed,
            "time": request.POST.get("time", "").strip(),
            "date": request.POST.get("date", "").strip(),
            "reason": request.POST.get("reason", ""),
        }
        data, problems = forms.service_data(form, typed)
        when = forms.parse_when(str(values["date"]), str(values["time"]))
        if isinstance(when, str):
            problems["time"] = when
        try:
            if problems:
                # Still ask the services about everything else, so the officer sees every problem at once.
                services.validate_event(
                    d,
                    list(d.events.order_by("sequence")),
                    kind=kind,
                    occurred_at=when if not isinstance(when, str) else now,
                    data=data,
                    reason=str(values["reason"]),
                    now=timezone.now(),
                )
                raise InvalidEvent({})
            services.record_event(
                request.user,
                d,
                kind=kind,
                occurred_at=when,
                data=data,
                reason=str(values["reason"]),
                expected_version=_version(request),
            )
        except InvalidEvent as exc:
            errors = forms.field_errors(form, exc.errors, extra=problems)
            version = _version(request) or d.version
        except StaleVersion as exc:
            stale = True
            errors = [("time", "Record", _stale_message(exc, "detention"))]
            d.refresh_from_db()
            version = d.version
        else:
            messages.success(request, f"{form.title}: recorded on the timeline.")
            return redirect(reverse("custody:detention", kwargs={"detention_id": d.pk}))
    Auditor(request.user).record(
        AuditAction.READ, "custody.detention", d.pk, child_id=d.child_id, detail={"form": kind}
    )
    status = status_for(with_timeline(Detention.objects.filter(pk=d.pk)).get(), timezone.now())
    return render(
        request,
        "custody/event_form.html",
        {
            "d": d,
            "form": form,
            "child": presenters.child_name(d),
            "rows": _field_rows(form.fields, d, now, values, errors),
            "values": values,
            "errors": errors,
            "error_names": {name for name, _l, _m in errors},
            "stale": stale,
            "version": version,
            "latest": _latest_events(d),
            "problems": status.problems,
            "in_custody": status.in_custody,
            "aa": presenters.AA_TAG[status.aa_status],
        },
        status=400 if errors else 200,
    )


# --- the strip-search workflow in the web -----------------------------------------------------------------

SEARCH_FIELD_IDS = {
    "requested_at": "time",
    "at": "time",
    "date": "time",
    "stage": "time",
    "detention": "time",
    "version": "time",
    "strip_search": "location",
}
SEARCH_LABELS = {
    "time": "Time",
    "grounds": "Why the search is necessary",
    "object_sought": "Object sought",
    "route": "How the appropriate-adult safeguard is met",
    "aa_name": "Appropriate adult's name",
    "aa_signed": "Appropriate adult's signed agreement",
    "urgency_reason": "The risk of serious harm that could not wait",
    "inspector_notified": "Inspector notified",
    "location": "Where the search took place",
    "persons_present": "People present",
    "result": "Result",
    "stage": "Stage",
    "strip_search": "Strip search",
}
PERSON_ROWS = 4
PERSON_ROLES = [("officer", "Officer"), ("appropriate_adult", "Appropriate adult"), ("other", "Other")]


def _search_errors(errors: dict[str, str], rows: list[int] | None = None) -> list[tuple[str, str, str]]:
    """(field id, label, message) per service error; `rows` maps the service's persons_present index to
    the form's row number (blank rows are not sent)."""
    out = []
    for key, message in errors.items():
        person = re.match(r"persons_present\[(\d+)\]\.(\w+)", key)
        if person:
            index, part = int(person[1]), person[2]
            row = rows[index] if rows and index < len(rows) else index + 1
            out.append((f"person-{row}-{part}", f"Person {row}: {part}", message))
            continue
        name = SEARCH_FIELD_IDS.get(key, key)
        out.append((name, SEARCH_LABELS.get(key, law.words(key).capitalize()), message))
    return out


def _search_page(
    request: HttpRequest,
    template: str,
    d: Detention,
    *,
    search: StripSearch | None,
    values: dict[str, object],
    errors: list[tuple[str, str, str]],
    stale: bool = False,
    **extra: object,
) -> HttpResponse:
    at = timezone.now()
    Auditor(request.user).record(
        AuditAction.READ,
        "custody.strip_search" if search else "custody.detention",
        search.pk if search else d.pk,
        child_id=d.child_id,
        detail={"page": template.rsplit("/", 1)[-1].removesuffix(".html")},
    )
    req = (
        ss.requirements(search)
        if search is not None
        else law.strip_search_requirements(at, law.juvenile(d, at)[0])
    )
    return render(
        request,
        template,
        {
            "d": d,
            "search": search,
            "child": presenters.child_name(d),
            "safeguards": [{**g, "detail": law.words(g["detail"])} for g in req["safeguards"]],
            "warnings": req["warnings"],
            "values": values,
            "errors": errors,
            "error_names": {name for name, _l, _m in errors},
            "field_errors": {name: m for name, _l, m in errors},
            "stale": stale,
            "latest": _latest_events(d),
            "aa": presenters.AA_TAG[
                status_for(with_timeline(Detention.objects.filter(pk=d.pk)).get(), timezone.now()).aa_status
            ],
            **extra,
        },
        status=400 if errors else 200,
    )


def _with_time_problems(errors: dict[str, str], problems: dict[str, str], key: str) -> dict[str, str]:
    """The service's errors plus the form's own date/time problems, which replace its `key` error."""
    merged = {**errors, **problems}
    if problems:
        merged.pop(key, None)
    return merged


def _search_step(
    request: HttpRequest,
    search: StripSearch,
    problems: dict[str, str],
    step: Callable[[], object],
    rows: list[int] | None = None,
) -> tuple[list[tuple[str, str, str]], bool, int] | None:
    """Run one strip-search step with the officer's loaded version: None when saved, otherwise the
    page's (errors, stale, version) - errors naming fields, or "reload" when someone else changed it."""
    try:
        step()
    except InvalidEvent as exc:
        errors = _search_errors(_with_time_problems(exc.errors, problems, "at"), rows)
        return errors, False, _version(request) or search.version
    except StaleVersion as exc:
        search.refresh_from_db()
        return [("time", "Record", _stale_message(exc, "strip search record"))], True, search.version
    return None


def _when(values: dict[str, object]) -> tuple[object, dict[str, str]]:
    when = forms.parse_when(str(values.get("date", "")), str(values.get("time", "")))
    if isinstance(when, str):
        return None, {"time": when}
    return when, {}


@role_required(*CUSTODY_ROLES)
def strip_search_request(request: HttpRequest, detention_id: int) -> HttpResponse:
    """A custody officer asks for a strip search (exposure of intimate parts): why, and what is sought."""
    d = detention_for(request.user, detention_id)
    values: dict[str, object] = {
        "time": forms.london_now().strftime("%H:%M"),
        "date": "",
        "grounds": "",
        "object_sought": "",
    }
    errors: list[tuple[str, str, str]] = []
    if request.method == "POST":
        values = {k: request.POST.get(k, "").strip() for k in values}
        when, problems = _when(values)
        try:
            search = ss.request(
                request.user,
                d,
                requested_at=when,
                grounds=str(values["grounds"]),
                object_sought=str(values["object_sought"]),
            )
        except InvalidEvent as exc:
            errors = _search_errors(_with_time_problems(exc.errors, problems, "requested_at"))
        else:
            messages.success(request, f"Strip search requested: {search.object_sought}.")
            return redirect(reverse("custody:detention", kwargs={"detention_id": d.pk}))
    return _search_page(
        request, "custody/strip_search_request.html", d, search=None, values=values, errors=errors
    )


@role_required(*CUSTODY_ROLES)
def strip_search_safeguards(request: HttpRequest, search_id: int) -> HttpResponse:
    """How the appropriate-adult safeguard is met before the search (SRC-03, SRC-08)."""
    search = strip_search_for(request.user, search_id)
    d = search.detention
    values: dict[str, object] = {
        "time": forms.london_now().strftime("%H:%M"),
        "date": "",
        "route": "",
        "aa_name": "",
        "aa_signed": False,
        "urgency_reason": "",
        "inspector_notified": "",
    }
    errors: list[tuple[str, str, str]] = []
    stale = False
    version = search.version
    if request.method == "POST":
        values = {k: request.POST.get(k, "").strip() for k in values}
        values["aa_signed"] = request.POST.get("aa_signed") == "yes"
        when, problems = _when(values)
        failed = _search_step(
            request,
            search,
            problems,
            lambda: ss.record_safeguards(
                request.user,
                search,
                route=str(values["route"]),
                at=when,
                expected_version=_version(request),
                aa_name=str(values["aa_name"]),
                aa_signed=bool(values["aa_signed"]),
                urgency_reason=str(values["urgency_reason"]),
                inspector_notified=str(values["inspector_notified"]),
            ),
        )
        if failed is None:
            messages.success(request, "Strip search safeguards recorded.")
            return redirect(reverse("custody:detention", kwargs={"detention_id": d.pk}))
        errors, stale, version = failed
    return _search_page(
        request,
        "custody/strip_search_safeguards.html",
        d,
        search=search,
        values=values,
        errors=errors,
        stale=stale,
        version=version,
        routes=SafeguardRoute.choices,
    )


@role_required(*CUSTODY_ROLES)
def strip_search_completion(request: HttpRequest, search_id: int) -> HttpResponse:
    """The search itself: where, who was present (and their sex), what was found (SRC-02, SRC-04)."""
    search = strip_search_for(request.user, search_id)
    d = search.detention
    values: dict[str, object] = {
        "time": forms.london_now().strftime("%H:%M"),
        "date": "",
        "location": "",
        "result": "",
    }
    people = [{"name": "", "sex": "", "role": ""} for _ in range(PERSON_ROWS)]
    errors: list[tuple[str, str, str]] = []
    stale = False
    version = search.version
    if request.method == "POST":
        values = {k: request.POST.get(k, "").strip() for k in values}
        people = [
            {part: request.POST.get(f"person-{i}-{part}", "").strip() for part in ("name", "sex", "role")}
            for i in range(1, PERSON_ROWS + 1)
        ]
        when, problems = _when(values)
        # Rows left entirely blank are not people; a half-filled row goes to the service to be named.
        rows = [i for i, p in enumerate(people, start=1) if p["name"] or p["sex"]]
        present = [people[i - 1] for i in rows]
        failed = _search_step(
            request,
            search,
            problems,
            lambda: ss.complete(
                request.user,
                search,
                location=str(values["location"]),
                persons_present=present,
                result=str(values["result"]),
                at=when,
                expected_version=_version(request),
            ),
            rows,
        )
        if failed is None:
            messages.success(request, "Strip search recorded as completed.")
            return redirect(reverse("custody:detention", kwargs={"detention_id": d.pk}))
        errors, stale, version = failed
    return _search_page(
        request,
        "custody/strip_search_completion.html",
        d,
        search=search,
        values=values,
        errors=errors,
        stale=stale,
        version=version,
        people=[
            {
                "n": i,
                **p,
                "errors": [f"{label}: {m}" for name, label, m in errors if name.startswith(f"person-{i}-")],
                "error_parts": {
                    name.rsplit("-", 1)[1] for name, _l, _m in errors if name.startswith(f"person-{i}-")
                },
            }
            for i, p in enumerate(people, start=1)
        ],
        locations=[("", "Choose a location"), *forms._choices(law.SEARCH_LOCATIONS)],
        roles=PERSON_ROLES,
    )
