"""Expected access to the REST API (format: see tests/test_access_matrix.py)."""

from childfirst.core.roles import Role
from childfirst.people.rules import CASE_ROLES

EVERYONE = {"anonymous", *Role}

EXPECTATIONS = {
    "api-health": {"allowed": EVERYONE, "kwargs": {}, "method": "get", "public": True},
    "api-schema": {"allowed": EVERYONE, "kwargs": {}, "method": "get", "public": True},
    # Token exchange is POST only; a GET is 405 for everyone (POST is covered in tests/api).
    "api-token": {"allowed": EVERYONE, "kwargs": {}, "method": "get", "expect": 405},
    "api-children": {"allowed": set(CASE_ROLES), "kwargs": {}, "method": "get"},
    "api-child": {
        "allowed": set(CASE_ROLES),
        "kwargs": {"pk": lambda world: world.child.pk},
        "method": "get",
    },
    "api-encounters": {"allowed": set(CASE_ROLES), "kwargs": {}, "method": "get"},
    "api-encounter": {
        "allowed": set(CASE_ROLES),
        "kwargs": {"pk": lambda world: world.encounter.pk},
        "method": "get",
    },
    "api-audit": {
        "allowed": {Role.SUPERVISOR, Role.AUDITOR},
        "kwargs": {},
        "query": {"object": "child:{child}"},
        "method": "get",
    },
    "api-break-glass": {"allowed": {Role.SUPERVISOR, Role.AUDITOR}, "kwargs": {}, "method": "get"},
}
