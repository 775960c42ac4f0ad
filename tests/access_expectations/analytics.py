"""Who may open the analytics pages (see tests/test_access_matrix.py for the format)."""

from childfirst.core.roles import Role

ANALYTICS = {Role.ANALYST, Role.SUPERVISOR, Role.ADMINISTRATOR}

EXPECTATIONS = {
    "analytics:dashboard": {"allowed": ANALYTICS, "kwargs": {}, "method": "get"},
    # 503 (with a plain message) when no open data has been imported into the store yet
    "analytics:download": {
        "allowed": ANALYTICS,
        "kwargs": {"figure": "rates"},
        "method": "get",
        "expect": {200, 503},
    },
    "analytics:measures": {"allowed": ANALYTICS, "kwargs": {}, "method": "get"},
}
