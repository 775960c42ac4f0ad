from childfirst.web.navigation import NavItem

from .views import ANALYTICS_ROLES

NAV_ITEMS = [
    NavItem("Disproportionality", "analytics:dashboard", frozenset(ANALYTICS_ROLES), order=60),
    NavItem("Measures", "analytics:measures", frozenset(ANALYTICS_ROLES), order=62),
]
