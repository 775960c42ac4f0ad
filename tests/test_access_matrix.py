"""The access matrix: EVERY URL pattern (web, API, every app, Django admin) × EVERY role + anonymous.

How to declare expectations
---------------------------
Each app has `tests/access_expectations/<app>.py` defining

    EXPECTATIONS = {
        "namespace:url-name": {             # as passed to reverse(); API names have no namespace
            "allowed": {Role.SUPERVISOR, ...},   # roles that get in; "anonymous" may be included
            "kwargs": {"child_id": 1},      # URL kwargs (see "The world" below)
            "method": "get",                # get (default) | post | put | patch | delete
            # optional:
            "query": {"object": "child:{child}"},   # query string; "{child}"/"{encounter}" filled in
            "data": {...},                  # request body (JSON for /api/, form otherwise)
            "expect": 200,                  # status (or set of statuses) for allowed roles; default 200.
                                            # 302 must redirect somewhere other than sign-in.
            "public": True,                 # open to everyone incl. anonymous: any 2xx/3xx/405 passes
        },
    }

Keys ending in `:*` (e.g. "admin:*") cover every pattern in that namespace, with kwargs filled by
converter type (int -> 1, otherwise "1"). A URL pattern without a name is keyed "route:<full regex
or route>" and needs a "path" entry (the literal path to request) unless a namespace wildcard covers it.

Refused means: anonymous -> redirect to sign-in (web or admin) or 401/403 (API); any other role ->
403 or 404 (or a redirect to sign-in). Allowed roles get `expect` (200 by default). A pattern with no
expectation fails the test: every URL must say who may use it.

The world
---------
All users are in one Hackney team (a supervisor's borough is Hackney). The world holds one child,
created by the frontline officer and with an encounter recorded by them, so every case-working role
has that child in scope. Kwargs named `child_id` or `encounter_id` are replaced by the world's child
and encounter ids; any kwargs/query value may also be a callable `f(world) -> value` (world has
`.users` {Role: User}, `.child`, `.encounter`).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.access_expectations as expectations_package
from childfirst.core.roles import Role
from tests.factories import ChildFactory, EncounterFactory, users_by_role

ANONYMOUS = "anonymous"
PRINCIPALS: list[Any] = [ANONYMOUS, *Role]


def load_expectations() -> dict[str, tuple[str, dict[str, Any]]]:
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for module_info in pkgutil.iter_modules(expectations_package.__path__):
        module = importlib.import_module(f"{expectations_package.__name__}.{module_info.name}")
        for key, spec in getattr(module, "EXPECTATIONS", {}).items():
            assert key not in found, f"{key} declared in both {found[key][0]} and {module_info.name}"
            found[key] = (module_info.name, spec)
    return found


def walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> list[tuple[str, str, str, Any]]:
    """(key, full route, pattern) for every endpoint reachable from the root URLconf."""
    out = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            out += walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            if entry.name:
                key = f"{namespace}:{entry.name}" if namespace else entry.name
            else:
                key = f"route:{route}"
            out.append((key, namespace, route, entry))
    return out


ENDPOINTS: dict[str, tuple[str, str, Any]] = {}
for _key, _namespace, _route, _pattern in walk(get_resolver().url_patterns):
    ENDPOINTS.setdefault(_key, (_namespace, _route, _pattern))


def expectation_for(
    key: str, namespace: str, expectations: dict[str, tuple[str, dict[str, Any]]]
) -> dict[str, Any] | None:
    if key in expectations:
        return expectations[key][1]
    while namespace:
        wildcard = f"{namespace}:*"
        if wildcard in expectations:
            return expectations[wildcard][1]
        namespace = namespace.rpartition(":")[0]
    return None


@dataclass
class World:
    users: dict[Role, Any]
    child: Any
    encounter: Any


def resolve_value(value: Any, world: World) -> Any:
    if callable(value):
        return value(world)
    if isinstance(value, str):
        return value.replace("{child}", str(world.child.pk)).replace("{encounter}", str(world.encounter.pk))
    return value


def build_path(key: str, route: str, spec: dict[str, Any], pattern: Any, world: World) -> str:
    if "path" in spec:
        return resolve_value(spec["path"], world)
    if key.startswith("route:"):
        # An unnamed pattern covered by a namespace wildcard: fill each parameter with "1".
        filled = re.sub(r"<(?:\w+:)?\w+>", "1", route)
        filled = re.sub(r"\(\?P<\w+>[^)]*\)", "1", filled)
        return "/" + filled.lstrip("^").rstrip("$")
    kwargs = {name: resolve_value(value, world) for name, value in spec.get("kwargs", {}).items()}
    if "child_id" in kwargs:
        kwargs["child_id"] = world.child.pk
    if "encounter_id" in kwargs:
        kwargs["encounter_id"] = world.encounter.pk
    for name, converter in pattern.pattern.converters.items():
        kwargs.setdefault(name, 1 if type(converter).__name__ == "IntConverter" else "1")
    if not pattern.pattern.converters and key.endswith("*") is False:
        # Regex patterns with named groups (no converters): fill any group not given.
        for name in pattern.pattern.regex.groupindex:
            kwargs.setdefault(name, sample_group(pattern.pattern.regex.pattern, name))
    return reverse(key, kwargs=kwargs)


def sample_group(regex: str, name: str) -> str:
    """A value for a named regex group: its first literal alternative (e.g. `auth|authtoken`), else "1"."""
    match = re.search(rf"\(\?P<{name}>([\w|-]+)\)", regex)
    return match.group(1).split("|")[0] if match else "1"


def is_sign_in_redirect(response: Any) -> bool:
    if response.status_code not in (301, 302, 303, 307, 308):
        return False
    location = response["Location"].split("?")[0]
    sign_in = {resolve_url(settings.LOGIN_URL), reverse("admin:login")}
    return any(location.rstrip("/").endswith(path.rstrip("/")) for path in sign_in)


def request(client: Client, spec: dict[str, Any], path: str, world: World) -> Any:
    method = spec.get("method", "get").lower()
    query = {k: resolve_value(v, world) for k, v in spec.get("query", {}).items()}
    data = spec.get("data")
    if method == "get":
        return client.get(path, query)
    if query:
        from urllib.parse import urlencode

        path = f"{path}?{urlencode(query)}"
    caller = getattr(client, method)
    if path.startswith("/api/"):
        import json

        return caller(path, json.dumps(data or {}), content_type="application/json")
    return caller(path, data or {})


def check(principal: Any, spec: dict[str, Any], response: Any) -> str | None:
    status = response.status_code
    allowed = set(spec.get("allowed", set()))
    if spec.get("public"):
        if 200 <= status < 400 or status == 405:
            return None
        return f"public endpoint answered {status}"
    if principal in allowed:
        expect = spec.get("expect", 200)
        expected = set(expect) if isinstance(expect, set | frozenset | list | tuple) else {expect}
        if status not in expected:
            return f"allowed, expected {sorted(expected)}, got {status}"
        if status in (301, 302, 303) and is_sign_in_redirect(response):
            return "allowed, but was redirected to sign in"
        return None
    if principal == ANONYMOUS:
        if is_sign_in_redirect(response) or status in (401, 403):
            return None
        return f"anonymous should be sent to sign in (or 401/403), got {status}"
    if status in (403, 404) or is_sign_in_redirect(response):
        return None
    return f"refused role should get 403/404, got {status}"


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(ENDPOINTS))
def test_every_endpoint_for_every_role(key):
    expectations = load_expectations()
    namespace, route, pattern = ENDPOINTS[key]
    spec = expectation_for(key, namespace, expectations)
    assert spec is not None, (
        f"No access expectation for {key!r} (route {route!r}): add it to tests/access_expectations/<app>.py"
    )
    users = users_by_role()
    child = ChildFactory(created_by=users[Role.FRONTLINE_OFFICER])
    encounter = EncounterFactory(child=child, recording_officer=users[Role.FRONTLINE_OFFICER])
    world = World(users=users, child=child, encounter=encounter)
    path = build_path(key, route, spec, pattern, world)
    failures = []
    for principal in PRINCIPALS:
        client = Client()
        if principal != ANONYMOUS:
            client.force_login(users[principal])
        response = request(client, spec, path, world)
        problem = check(principal, spec, response)
        if problem:
            failures.append(f"{principal}: {problem}")
    assert not failures, f"{key} ({path}):\n  " + "\n  ".join(failures)


def test_every_declared_expectation_matches_a_url():
    """Stale expectations (a URL renamed or removed) fail too, so the matrix stays honest."""
    stale = []
    for key, (module, _spec) in load_expectations().items():
        if key.endswith(":*"):
            if not any(k.startswith(key[:-1]) for k in ENDPOINTS):
                stale.append(f"{module}: {key}")
        elif key not in ENDPOINTS:
            stale.append(f"{module}: {key}")
    assert not stale, "Expectations for URLs that do not exist: " + ", ".join(stale)


class _Response:
    def __init__(self, status: int, location: str = "") -> None:
        self.status_code = status
        self._location = location

    def __getitem__(self, name: str) -> str:
        return self._location


def test_the_checker_itself_refuses_leaks():
    spec = {"allowed": {Role.AUDITOR}}
    assert check(Role.AUDITOR, spec, _Response(200)) is None
    assert check(Role.ANALYST, spec, _Response(200)) is not None  # a refused role that got in
    assert check(Role.ANALYST, spec, _Response(403)) is None
    assert check(ANONYMOUS, spec, _Response(200)) is not None
    assert check(ANONYMOUS, spec, _Response(302, "/sign-in?next=/x")) is None
    assert check(Role.AUDITOR, spec, _Response(302, "/sign-in?next=/x")) is not None
    assert check(Role.AUDITOR, spec, _Response(500)) is not None
