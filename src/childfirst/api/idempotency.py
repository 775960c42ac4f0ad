"""`Idempotency-Key` handling for POST endpoints (docs/adr/0003-idempotency-keys.md).

The key row is inserted in the SAME transaction as the write it protects. A concurrent duplicate
blocks on the unique index until the first request commits, then fails with IntegrityError and
replays the stored response; if the first request fails, its key row rolls back with it, so a retry
runs afresh. Keys are per user; reusing a key for a different request body is refused (422).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.db import IntegrityError, transaction
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from .models import IdempotencyKey

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200


def _fingerprint(request: Request) -> str:
    try:
        body = json.dumps(request.data, sort_keys=True, default=str)
    except TypeError:
        body = repr(request.data)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def _error(message: str, code: int) -> Response:
    return Response({"errors": {HEADER: [message]}}, status=code)


def _replay(row: IdempotencyKey, fingerprint: str) -> Response:
    if row.request_hash != fingerprint:
        return _error(
            "This key was already used for a different request.", status.HTTP_422_UNPROCESSABLE_ENTITY
        )
    response = Response(row.response_body, status=row.status_code)
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(request: Request, handler: Callable[[], Response]) -> Response:
    """Run `handler` (which writes) at most once per (user, Idempotency-Key)."""
    key = request.headers.get(HEADER, "").strip()
    if not key:
        return handler()
    if len(key) > MAX_KEY_LENGTH:
        return _error(f"Use a key of at most {MAX_KEY_LENGTH} characters.", status.HTTP_400_BAD_REQUEST)
    fingerprint = _fingerprint(request)
    existing = IdempotencyKey.objects.filter(user=request.user, key=key).first()
    if existing is not None:
        return _replay(existing, fingerprint)
    try:
        with transaction.atomic():
            row = IdempotencyKey.objects.create(
                user=request.user,
                key=key,
                method=request.method,
                path=request.path[:300],
                request_hash=fingerprint,
            )
            response = handler()
            row.status_code = response.status_code
            row.response_body = json.loads(json.dumps(response.data, default=str))
            row.save(update_fields=["status_code", "response_body"])
            return response
    except IntegrityError:
        existing = IdempotencyKey.objects.filter(user=request.user, key=key).first()
        if existing is None:
            raise
        return _replay(existing, fingerprint)
