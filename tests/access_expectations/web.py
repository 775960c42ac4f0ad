"""Expected access to the web app's pages, by role (format: see tests/test_access_matrix.py).

`allowed` roles get the page; every other signed-in role is refused (403) and anonymous users are sent
to sign in. Pages about one child take `child_id`; the walker supplies a child in the allowed roles'
scope (the matrix's world), and the browser accessibility test builds the same world.
"""

from childfirst.core.roles import Role

EVERY_ROLE = set(Role)
CASE_ROLES = {
    Role.FRONTLINE_OFFICER,
    Role.SUPERVISOR,
    Role.CUSTODY_OFFICER,
    Role.SAFEGUARDING_OFFICER,
    Role.DIVERSION_OFFICER,
    Role.EXPLOITATION_INVESTIGATOR,
}
OVERSIGHT_ROLES = {Role.SUPERVISOR, Role.AUDITOR}

EXPECTATIONS = {
    "web:home": {"allowed": EVERY_ROLE, "kwargs": {}, "method": "get"},
    # Signing in and out is open to everyone (the sign-in page is where anonymous users are sent).
    "web:sign-in": {"allowed": EVERY_ROLE, "kwargs": {}, "method": "get", "public": True},
    "web:sign-out": {"allowed": EVERY_ROLE, "kwargs": {}, "method": "post", "public": True},
    "web:child-search": {"allowed": CASE_ROLES, "kwargs": {}, "method": "get"},
    "web:child-new": {"allowed": CASE_ROLES, "kwargs": {}, "method": "get"},
    "web:child-record": {"allowed": CASE_ROLES, "kwargs": {"child_id": 1}, "method": "get"},
    "web:break-glass": {"allowed": CASE_ROLES, "kwargs": {"child_id": 1}, "method": "get"},
    "web:who-viewed": {"allowed": OVERSIGHT_ROLES, "kwargs": {"child_id": 1}, "method": "get"},
    "web:encounter-new": {"allowed": CASE_ROLES, "kwargs": {}, "method": "get"},
    # Only the officer who recorded an encounter (the world's frontline officer) sees its confirmation;
    # every other role gets 404 (case roles) or 403.
    "web:encounter-recorded": {
        "allowed": {Role.FRONTLINE_OFFICER},
        "kwargs": {"encounter_id": 1},
        "method": "get",
    },
    "web:audit-search": {"allowed": {Role.AUDITOR}, "kwargs": {}, "method": "get"},
    "web:break-glass-log": {"allowed": OVERSIGHT_ROLES, "kwargs": {}, "method": "get"},
}
