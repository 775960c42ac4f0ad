"""Custody REST API (/api/v1/custody/): thin views over the custody services, scoped to the user's suites.

Validation errors come back as `{"errors": {field: [message]}}` (400); a stale `version` as 409 with
`{"errors": {"version": [...]}}`: reload and try again.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from childfirst.core.access import HasRole
from childfirst.core.audit import AuditAction, Auditor
from childfirst.people.access import child_for

from . import presenters, services
from . import strip_search as ss
from .access import (
    AUTHORISING_ROLES,
    CUSTODY_ROLES,
    detention_for,
    strip_search_for,
    visible_detentions,
    visible_suites,
)
from .board import board_counts, build_board, for_board, status_for, with_timeline
from .errors import InvalidEvent, StaleVersion
from .models import StripSearchFollowUp

EVENT_REQUEST = inline_serializer(
    "CustodyEventRequest",
    {
        "kind": serializers.CharField(help_text="Event kind, e.g. aa_arrived, review_held, released"),
        "occurred_at": serializers.DateTimeField(help_text="When it happened (with a time zone)"),
        "data": serializers.JSONField(required=False, help_text="Fields for this kind of event"),
        "reason": serializers.CharField(required=False, allow_blank=True),
        "version": serializers.IntegerField(help_text="The detention version you loaded (409 if stale)"),
    },
)


def _doc(operation_id: str, summary: str, request: object = None, params: list | None = None):
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        request=request,
        responses=OpenApiTypes.OBJECT,
        parameters=params or [],
    )


CustodyStaff = HasRole.for_roles(*CUSTODY_ROLES)
Inspector = HasRole.for_roles(*AUTHORISING_ROLES)
MAX_LIMIT = 200


def _body(request: Request) -> dict[str, Any]:
    data = request.data
    if hasattr(data, "dict"):
        return data.dict()
    if not isinstance(data, dict):
        raise ValidationError({"non_field_errors": ["Send a JSON object."]})
    return dict(data)


class StaleVersionConflict(ValidationError):
    """409, shaped like every validation error: `{"errors": {"version": [...]}}`."""

    status_code = status.HTTP_409_CONFLICT


def _call(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a custody service, turning its errors into API answers (400 naming the field; 409 stale)."""
    try:
        return fn(*args, **kwargs)
    except InvalidEvent as exc:
        raise ValidationError(exc.errors) from exc
    except StaleVersion as exc:
        raise StaleVersionConflict({"version": [str(exc)]}) from exc


def _detail(request: Request, pk: int, *, audit: bool = True) -> dict[str, Any]:
    d = detention_for(request.user, pk)
    d = with_timeline(type(d).objects.filter(pk=d.pk)).get()
    if audit:
        Auditor(request.user).record(AuditAction.READ, "custody.detention", d.pk, child_id=d.child_id)
    return presenters.detention_detail(d, status_for(d, timezone.now()))


class DetentionListView(APIView):
    """GET: detentions in your suites (?state=in_custody|released|transferred, ?suite=code). POST: book in."""

    permission_classes = [CustodyStaff]

    @_doc(
        "custody_detentions_list",
        "Detentions in your suites",
        params=[
            OpenApiParameter("state", str),
            OpenApiParameter("suite", str),
            OpenApiParameter("limit", int),
            OpenApiParameter("offset", int),
        ],
    )
    def get(self, request: Request) -> Response:
        qs = visible_detentions(request.user)
        if request.query_params.get("state"):
            qs = qs.filter(state=request.query_params["state"])
        if request.query_params.get("suite"):
            qs = qs.filter(suite__code=request.query_params["suite"])
        try:
            limit = min(int(request.query_params.get("limit", 50)), MAX_LIMIT)
            offset = max(int(request.query_params.get("offset", 0)), 0)
        except ValueError as exc:
            raise ValidationError({"limit": ["limit and offset must be whole numbers"]}) from exc
        total = qs.count()
        page = list(for_board(qs.order_by("-arrived_at"))[offset : offset + limit])
        now = timezone.now()
        Auditor(request.user).record(
            AuditAction.SEARCH, "custody.detention", "list", detail={"ids": [d.pk for d in page]}
        )
        return Response(
            {"count": total, "results": [presenters.detention_summary(d, status_for(d, now)) for d in page]}
        )

    @_doc("custody_detentions_create", "Book a child into custody", OpenApiTypes.OBJECT)
    def post(self, request: Request) -> Response:
        body = _body(request)
        errors: dict[str, str] = {}
        suite = visible_suites(request.user).filter(code=body.get("suite")).first()
        if suite is None:
            errors["suite"] = "is not one of your custody suites"
        dob = body.get("date_of_birth")
        if dob not in (None, ""):
            dob = parse_date(str(dob)) if isinstance(dob, str) else None
            if dob is None:
                errors["date_of_birth"] = "must be a date (YYYY-MM-DD)"
        else:
            dob = None
        if "child" not in body:
            errors["child"] = "is required"
        if errors:
            raise ValidationError(errors)
        child = child_for(request.user, body["child"], reason=str(body.get("access_reason", "")))
        bools = {}
        for name, default in (
            ("appears_under_18", True),
            ("age_disputed", False),
            ("clear_evidence_of_adult", False),
            ("mental_health_s136", False),
        ):
            value = body.get(name, default)
            if not isinstance(value, bool):
                raise ValidationError({name: ["must be true or false"]})
            bools[name] = value
        d = _call(
            services.book_in,
            request.user,
            child=child,
            suite=suite,
            custody_number=str(body.get("custody_number", "")),
            arrested_at=body.get("arrested_at"),
            arrest_place=str(body.get("arrest_place", "")),
            arrived_at=body.get("arrived_at"),
            detention_authorised_at=body.get("detention_authorised_at"),
            offences=body.get("offences"),
            date_of_birth=dob,
            sex=str(body.get("sex", "not_known")),
            welfare_person=str(body.get("welfare_person", "")),
            **bools,
        )
        return Response(_detail(request, d.pk, audit=False), status=status.HTTP_201_CREATED)


class DetentionDetailView(APIView):
    """One detention: booking facts, derived status (clocks, problems), timeline and strip searches."""

    permission_classes = [CustodyStaff]

    @_doc("custody_detention_retrieve", "One detention with its derived status")
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(request, pk))


class DetentionEventsView(APIView):
    """GET: the timeline. POST {kind, occurred_at, data, reason, version}: append an event."""

    permission_classes = [CustodyStaff]

    @_doc("custody_events_list", "The detention timeline")
    def get(self, request: Request, pk: int) -> Response:
        d = detention_for(request.user, pk)
        Auditor(request.user).record(AuditAction.READ, "custody.detention", d.pk, child_id=d.child_id)
        events = d.events.select_related("actor").order_by("sequence")
        return Response({"version": d.version, "results": [presenters.event_dict(e) for e in events]})

    @_doc("custody_events_create", "Append an event to the timeline", EVENT_REQUEST)
    def post(self, request: Request, pk: int) -> Response:
        body = _body(request)
        d = detention_for(request.user, pk)
        event = _call(
            services.record_event,
            request.user,
            d,
            kind=body.get("kind"),
            occurred_at=body.get("occurred_at"),
            data=body.get("data") or {},
            reason=body.get("reason") or "",
            expected_version=body.get("version"),
        )
        out = presenters.event_dict(event)
        out["version"] = d.version
        return Response(out, status=status.HTTP_201_CREATED)


class BoardView(APIView):
    """Every child in custody now in your suites: clocks, AA/welfare, transfer, overnight, problems."""

    permission_classes = [CustodyStaff]

    @_doc("custody_board", "Every child in custody now in your suites")
    def get(self, request: Request) -> Response:
        now = timezone.now()
        board = build_board(visible_suites(request.user), now)
        ids = [e.detention.pk for sb in board for e in sb.entries]
        Auditor(request.user).record(AuditAction.READ, "custody.board", "board", detail={"detentions": ids})
        return Response(
            {
                "at": now.isoformat(),
                "counts": board_counts(board),
                "suites": [
                    {
                        "code": sb.suite.code,
                        "name": sb.suite.name,
                        "pilot": sb.suite.is_pilot,
                        "children": [presenters.detention_summary(e.detention, e.status) for e in sb.entries],
                    }
                    for sb in board
                ],
            }
        )


class StripSearchRequestView(APIView):
    """POST {requested_at, grounds, object_sought}: request a strip search of the detained child."""

    permission_classes = [CustodyStaff]

    @_doc("custody_strip_search_request", "Request a strip search", OpenApiTypes.OBJECT)
    def post(self, request: Request, pk: int) -> Response:
        body = _body(request)
        d = detention_for(request.user, pk)
        search = _call(
            ss.request,
            request.user,
            d,
            requested_at=body.get("requested_at"),
            grounds=str(body.get("grounds", "")),
            object_sought=str(body.get("object_sought", "")),
        )
        return Response(presenters.strip_search_dict(search), status=status.HTTP_201_CREATED)


class StripSearchDecisionView(APIView):
    """POST {authorise, rank, note, at, version}: an inspector authorises or refuses (SRC-06)."""

    permission_classes = [Inspector]

    @_doc("custody_strip_search_decision", "Inspector authorises or refuses", OpenApiTypes.OBJECT)
    def post(self, request: Request, pk: int) -> Response:
        body = _body(request)
        search = strip_search_for(request.user, pk)
        if not isinstance(body.get("authorise"), bool):
            raise ValidationError({"authorise": ["must be true or false"]})
        _call(
            ss.decide,
            request.user,
            search,
            authorise=body["authorise"],
            rank=str(body.get("rank", "")),
            note=str(body.get("note", "")),
            at=body.get("at"),
            expected_version=body.get("version"),
        )
        return Response(presenters.strip_search_dict(search))


class StripSearchSafeguardsView(APIView):
    """POST {route, aa_name, aa_signed, urgency_reason, inspector_notified, at, version} (SRC-03, 08)."""

    permission_classes = [CustodyStaff]

    @_doc("custody_strip_search_safeguards", "Record how the AA safeguard is met", OpenApiTypes.OBJECT)
    def post(self, request: Request, pk: int) -> Response:
        body = _body(request)
        search = strip_search_for(request.user, pk)
        _call(
            ss.record_safeguards,
            request.user,
            search,
            route=str(body.get("route", "")),
            aa_name=str(body.get("aa_name", "")),
            aa_signed=body.get("aa_signed") is True,
            urgency_reason=str(body.get("urgency_reason", "")),
            inspector_notified=str(body.get("inspector_notified", "")),
            at=body.get("at"),
            expected_version=body.get("version"),
        )
        return Response(presenters.strip_search_dict(search))


class StripSearchCompletionView(APIView):
    """POST {location, persons_present, result, at, version}: record the search (SRC-02, SRC-04)."""

    permission_classes = [CustodyStaff]

    @_doc("custody_strip_search_completion", "Record the search", OpenApiTypes.OBJECT)
    def post(self, request: Request, pk: int) -> Response:
        body = _body(request)
        search = strip_search_for(request.user, pk)
        _call(
            ss.complete,
            request.user,
            search,
            location=str(body.get("location", "")),
            persons_present=body.get("persons_present"),
            result=str(body.get("result", "")),
            at=body.get("at"),
            expected_version=body.get("version"),
        )
        return Response(presenters.strip_search_dict(search))


class FollowUpDoneView(APIView):
    """POST {at}: mark a strip-search follow-up (safeguarding referral, parent informed) done."""

    permission_classes = [CustodyStaff]

    @_doc("custody_follow_up_done", "Mark a follow-up done", OpenApiTypes.OBJECT)
    def post(self, request: Request, pk: int) -> Response:
        body = _body(request)
        follow_up = (
            StripSearchFollowUp.objects.filter(strip_search__detention__in=visible_detentions(request.user))
            .select_related("strip_search__detention")
            .filter(pk=pk)
            .first()
        )
        if follow_up is None:
            return Response({"errors": {"detail": ["Not found."]}}, status=status.HTTP_404_NOT_FOUND)
        _call(ss.close_follow_up, request.user, follow_up, at=body.get("at") or timezone.now())
        return Response({"id": follow_up.pk, "done": True})
