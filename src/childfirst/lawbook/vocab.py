"""Shared vocabularies of the lawbook's inputs (not law: the names the rule functions accept).

Apps use these for their form choices so that a value they store is always one the lawbook understands.
The ranks needed by particular rules (e.g. who may extend detention) are dated parameters, not here.
"""

from __future__ import annotations

from childfirst.lawbook.ranks import RANKS, rank_at_least
from childfirst.lawbook.rules.clock import EXTENSION_KINDS, OFFENCE_TYPES
from childfirst.lawbook.rules.custody import AA_CATEGORIES, EMPLOYMENTS
from childfirst.lawbook.rules.searches import LOCATIONS as SEARCH_LOCATIONS
from childfirst.lawbook.rules.searches import SETTINGS as SEARCH_SETTINGS

__all__ = [
    "AA_CATEGORIES",
    "EMPLOYMENTS",
    "EXTENSION_KINDS",
    "OFFENCE_TYPES",
    "RANKS",
    "SEARCH_LOCATIONS",
    "SEARCH_SETTINGS",
    "rank_at_least",
]
