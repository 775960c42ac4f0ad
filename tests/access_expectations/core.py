"""Expected access for URLs owned by the project root and core: Django admin and asset redirects.

Format: see tests/test_access_matrix.py. No ChildFirst role is Django staff, so the admin sends every
role to the admin sign-in page (administrators manage users with `childfirst createuser`).
"""

from childfirst.core.roles import Role

EXPECTATIONS = {
    "admin:*": {"allowed": set(), "kwargs": {}, "method": "get"},
    # The admin's own sign-in and sign-out pages are open to everyone; they grant nothing without is_staff.
    "admin:login": {"allowed": {"anonymous", *Role}, "kwargs": {}, "method": "get", "public": True},
    "admin:logout": {"allowed": {"anonymous", *Role}, "kwargs": {}, "method": "post", "public": True},
    # GOV.UK Frontend's CSS asks for /assets/...; everyone (signed in or not) is redirected to static.
    "route:^assets/(?P<path>.+)$": {
        "allowed": {"anonymous", *Role},
        "path": "/assets/images/favicon.ico",
        "method": "get",
        "public": True,
    },
}
