from childfirst.core.roles import Role
from childfirst.web.navigation import NavItem

from .views import QUALITY_ROLES

NAV_ITEMS = [NavItem("Open data quality", "opendata:quality", frozenset(QUALITY_ROLES), order=65)]

__all__ = ["NAV_ITEMS", "Role"]
