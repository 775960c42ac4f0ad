"""Service navigation items, by role.

Other apps add their own items without editing this package: create `childfirst/<app>/navigation.py`
with a module-level list, e.g.
`NAV_ITEMS = [NavItem("Custody board", "custody:board", {Role.CUSTODY_OFFICER}, order=30)]`
(`from childfirst.web.navigation import NavItem`). Items whose URL name does not resolve are left out.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from childfirst.core.roles import Role

from .roles import AUDIT_ROLES, CASE_ROLES, EVERY_ROLE, OVERSIGHT_ROLES


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[Role]
    order: int = 50

    def __post_init__(self) -> None:
        object.__setattr__(self, "roles", frozenset(self.roles))


NAV_ITEMS = [
    NavItem("Home", "web:home", EVERY_ROLE, order=0),
    NavItem("Find a child", "web:child-search", CASE_ROLES, order=10),
    NavItem("Record an encounter", "web:encounter-new", CASE_ROLES, order=20),
    NavItem("Break-glass log", "web:break-glass-log", OVERSIGHT_ROLES, order=80),
    NavItem("Audit trail", "web:audit-search", AUDIT_ROLES, order=90),
]


@cache
def all_items() -> tuple[NavItem, ...]:
    """This app's items plus every other ChildFirst app's `navigation.NAV_ITEMS`, in display order."""
    items = list(NAV_ITEMS)
    for config in apps.get_app_configs():
        if not config.name.startswith("childfirst.") or config.name == "childfirst.web":
            continue
        try:
            module = importlib.import_module(f"{config.name}.navigation")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.navigation":
                raise
            continue
        items.extend(getattr(module, "NAV_ITEMS", []))
    return tuple(sorted(items, key=lambda item: item.order))


@dataclass(frozen=True)
class ShownItem:
    label: str
    href: str
    active: bool
    exact: bool


def items_for(role: Role | None, path: str) -> list[ShownItem]:
    """The items a user with `role` sees, the one matching `path` marked active."""
    if role is None:
        return []
    shown: list[ShownItem] = []
    for item in all_items():
        if role not in item.roles:
            continue
        try:
            href = reverse(item.url_name)
        except NoReverseMatch:
            continue
        exact = path == href
        active = exact or (href != "/" and path.startswith(href))
        shown.append(ShownItem(item.label, href, active, exact))
    return shown
