"""The custody board in the service navigation, for custody staff."""

from childfirst.web.navigation import NavItem

from .access import CUSTODY_ROLES

NAV_ITEMS = [NavItem("Custody board", "custody:board", frozenset(CUSTODY_ROLES), order=30)]
