"""REST API views: thin, each calls a service or an access helper and formats the answer."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.contrib.auth import authenticate
from django.db import connection
from django.db.models import Q
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from childfirst.core.access import HasRole
from childfirst.core.audit import AuditAction, AuditLog, Auditor
from childfirst.core.roles import Role, role_of
from childfirst.encounters.services import encounter_for, record_encounter, visible_encounters
from childfirst.people.access import break_glass_events, child_audit_trail
from childfirst.people.rules import CASE_ROLES, visible_children
from childfirst.people.services import create_child, view_child

from .authentication import ProfileTokenAuthentication
from .idempotency import idempotent
from .serializers import (
    AuditLogSerializer,
    ChildSerializer,
    ChildSummarySerializer,
    EncounterSerializer,
    EncounterWriteSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)

AUTHENTICATION = [ProfileTokenAuthentication, SessionAuthentication]
CaseWorker = HasRole.for_roles(*CASE_ROLES)
AuditReader = HasRole.for_roles(Role.SUPERVISOR, Role.AUDITOR)
BREAK_GLASS_HEADER = "X-Break-Glass-Reason"
REASON_PARAM = OpenApiParameter(
    "reason",
    str,
    description=f"Break-glass reason (or header {BREAK_GLASS_HEADER}) for a child outside your scope",
)


def _body(request: Request) -> dict[str, Any]:
    data = request.data
    if hasattr(data, "dict"):  # a form-encoded QueryDict: one value per field
        return data.dict()
    if not isinstance(data, dict):
        raise ValidationError({"non_field_errors": ["Send a JSON object."]})
    return dict(data)


class HealthView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return Response({"status": "ok", "database": connection.vendor, "api_version": "1"})


class TokenView(APIView):
    """Exchange a username and password for an API token. Send it as `Authorization: Token <token>`."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenResponseSerializer})
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(request._request, **serializer.validated_data)
        if user is None or not user.is_active:
            raise ValidationError(
                {"non_field_errors": ["Unable to sign in with that username and password."]}
            )
        token, _ = Token.objects.get_or_create(user=user)
        Auditor(user).record(AuditAction.SIGN_IN, "user", user.pk, detail={"via": "api-token"})
        return Response({"token": token.key})


class ChildListView(generics.ListAPIView):
    """Children you may see (your team's or borough's). `q` searches name, date of birth or reference."""

    authentication_classes = AUTHENTICATION
    permission_classes = [CaseWorker]
    serializer_class = ChildSummarySerializer

    def get_queryset(self) -> Any:
        queryset = visible_children(self.request.user).order_by("family_name", "given_name", "pk")
        q = self.request.query_params.get("q", "").strip()
        if q:
            condition = (
                Q(given_name__icontains=q) | Q(family_name__icontains=q) | Q(also_known_as__icontains=q)
            )
            condition |= Q(pseudonymous_ref__iexact=q)
            if q.isdigit():
                condition |= Q(pk=int(q))
            with contextlib.suppress(ValueError):
                condition |= Q(date_of_birth=dt.date.fromisoformat(q))
            queryset = queryset.filter(condition)
        return queryset

    @extend_schema(parameters=[OpenApiParameter("q", str)], responses=ChildSummarySerializer(many=True))
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        Auditor(request.user).record(
            AuditAction.SEARCH, "child", "*", detail={"q": request.query_params.get("q", "")}
        )
        return super().get(request, *args, **kwargs)

    @extend_schema(request=ChildSerializer, responses={201: ChildSerializer})
    def post(self, request: Request) -> Response:
        def handler() -> Response:
            child = create_child(request.user, _body(request))
            return Response(ChildSerializer(child).data, status=status.HTTP_201_CREATED)

        return idempotent(request, handler)


class ChildDetailView(APIView):
    """One child's record. The read is audited; outside your scope it is 404 unless you give a reason."""

    authentication_classes = AUTHENTICATION
    permission_classes = [CaseWorker]

    @extend_schema(parameters=[REASON_PARAM], responses=ChildSerializer)
    def get(self, request: Request, pk: int) -> Response:
        reason = request.query_params.get("reason") or request.headers.get(BREAK_GLASS_HEADER, "")
        child = view_child(request.user, pk, reason=reason)
        return Response(ChildSerializer(child).data)


class EncounterListView(generics.ListAPIView):
    """Encounters with children you may see; POST records one through the Child First checklist."""

    authentication_classes = AUTHENTICATION
    permission_classes = [CaseWorker]
    serializer_class = EncounterSerializer

    def get_queryset(self) -> Any:
        queryset = visible_encounters(self.request.user).select_related("borough", "stop_search", "notice")
        child = self.request.query_params.get("child", "")
        if child.isdigit():
            queryset = queryset.filter(child_id=int(child))
        return queryset.prefetch_related("officers").order_by("-aware_at", "-pk")

    @extend_schema(parameters=[OpenApiParameter("child", int)])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().get(request, *args, **kwargs)
        child_ids = sorted({row["child"] for row in response.data.get("results", [])})
        Auditor(request.user).record(AuditAction.SEARCH, "encounter", "*", detail={"children": child_ids})
        return response

    @extend_schema(request=EncounterWriteSerializer, responses={201: EncounterSerializer})
    def post(self, request: Request) -> Response:
        def handler() -> Response:
            encounter = record_encounter(request.user, _body(request))
            return Response(EncounterSerializer(encounter).data, status=status.HTTP_201_CREATED)

        return idempotent(request, handler)


class EncounterDetailView(APIView):
    authentication_classes = AUTHENTICATION
    permission_classes = [CaseWorker]

    @extend_schema(responses=EncounterSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(EncounterSerializer(encounter_for(request.user, pk)).data)


class AuditView(generics.ListAPIView):
    """Audit trail. `object=child:{id}` for who viewed or changed a child (supervisors: children in
    their borough). Auditors may also search by `actor` (username), `action`, `object`, `since`, `until`."""

    authentication_classes = AUTHENTICATION
    permission_classes = [AuditReader]
    serializer_class = AuditLogSerializer

    def get_queryset(self) -> Any:
        params = self.request.query_params
        obj = params.get("object", "").strip()
        object_type, _, object_id = obj.partition(":")
        is_auditor = role_of(self.request.user) is Role.AUDITOR
        if object_type == "child" and object_id.isdigit():
            queryset = child_audit_trail(self.request.user, int(object_id))
        elif not is_auditor:
            raise ValidationError({"object": ["Give object=child:{id}."]})
        elif obj:
            if not object_id:
                raise ValidationError({"object": ["Give object as type:id, e.g. child:42."]})
            queryset = AuditLog.objects.filter(object_type=object_type, object_id=object_id).order_by(
                "-at", "-id"
            )
        else:
            queryset = AuditLog.objects.order_by("-at", "-id")
        if is_auditor:
            if params.get("actor"):
                queryset = queryset.filter(actor__username=params["actor"])
            if params.get("action"):
                if params["action"] not in AuditAction.values:
                    raise ValidationError(
                        {"action": [f"Unknown action; one of {', '.join(AuditAction.values)}."]}
                    )
                queryset = queryset.filter(action=params["action"])
            for name, lookup in (("since", "at__gte"), ("until", "at__lt")):
                if params.get(name):
                    when = parse_datetime(params[name])
                    if when is None or when.tzinfo is None:
                        raise ValidationError({name: ["Give an ISO 8601 date-time with a time zone."]})
                    queryset = queryset.filter(**{lookup: when})
        return queryset.select_related("actor")

    @extend_schema(
        parameters=[
            OpenApiParameter("object", str, description="child:{id}"),
            OpenApiParameter("actor", str),
            OpenApiParameter("action", str),
            OpenApiParameter("since", OpenApiTypes.DATETIME),
            OpenApiParameter("until", OpenApiTypes.DATETIME),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().get(request, *args, **kwargs)
        filters = {
            k: v for k, v in request.query_params.items() if k in {"actor", "action", "since", "until"}
        }
        target = request.query_params.get("object", "") or "*"
        Auditor(request.user).record(AuditAction.SEARCH, "audit", target, detail=filters)
        return response


class BreakGlassView(generics.ListAPIView):
    """Break-glass reads to review: by staff in a supervisor's borough (auditors: all), newest first."""

    authentication_classes = AUTHENTICATION
    permission_classes = [AuditReader]
    serializer_class = AuditLogSerializer

    def get_queryset(self) -> Any:
        return break_glass_events(self.request.user)
