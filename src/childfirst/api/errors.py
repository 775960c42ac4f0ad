"""API error shape: every validation error is `{"errors": {field: [messages]}}`.

Other DRF errors (401, 403, 404, 405, 429) keep their status and are returned as
`{"errors": {"detail": [message]}}` so clients parse one shape. Django `ValidationError`s raised by
services are translated here, so views stay thin.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _as_lists(data: Any) -> dict[str, list[str]]:
    if isinstance(data, dict):
        out: dict[str, list[str]] = {}
        for key, value in data.items():
            if isinstance(value, dict):
                for sub, messages in _as_lists(value).items():
                    out[f"{key}.{sub}"] = messages
            elif isinstance(value, list | tuple):
                flat: list[str] = []
                for item in value:
                    if isinstance(item, dict):
                        for sub, messages in _as_lists(item).items():
                            out[f"{key}.{sub}"] = messages
                    else:
                        flat.append(str(item))
                if flat:
                    out[str(key)] = flat
            else:
                out[str(key)] = [str(value)]
        return out
    if isinstance(data, list | tuple):
        return {"non_field_errors": [str(item) for item in data]}
    return {"non_field_errors": [str(data)]}


def django_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): [
                str(m) for m in DjangoValidationError(errs).messages
            ]
            for field, errs in exc.error_dict.items()
        }
    return {"non_field_errors": [str(m) for m in exc.messages]}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        return Response({"errors": django_errors(exc)}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("Not found.")
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"errors": _as_lists(exc.detail)}
    else:
        detail = (
            response.data.get("detail", response.data) if isinstance(response.data, dict) else response.data
        )
        response.data = {"errors": {"detail": [str(detail)]}}
    return response
