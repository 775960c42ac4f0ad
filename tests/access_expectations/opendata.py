"""Who may open the open-data pages (see tests/test_access_matrix.py for the format)."""

from childfirst.core.roles import Role

EXPECTATIONS = {
    "opendata:quality": {
        "allowed": {Role.ANALYST, Role.SUPERVISOR, Role.AUDITOR, Role.ADMINISTRATOR},
        "kwargs": {},
        "method": "get",
    },
}
