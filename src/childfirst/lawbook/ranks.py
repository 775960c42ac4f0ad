"""Police ranks, lowest first, and the one comparison the rules need. Which rank a rule requires is a
dated parameter (e.g. `CUS-12.extension_minimum_rank`), never written in code."""

from __future__ import annotations

from childfirst.lawbook.errors import InputError

# Police ranks of England and Wales (Metropolitan Police titles where they differ), lowest first.
RANKS = (
    "constable",
    "sergeant",
    "inspector",
    "chief_inspector",
    "superintendent",
    "chief_superintendent",
    "commander",
    "deputy_assistant_commissioner",
    "assistant_commissioner",
    "deputy_commissioner",
    "commissioner",
)
# Outside the Met: assistant chief constable, deputy chief constable, chief constable rank as the Met's
# commander, assistant commissioner and commissioner respectively for these checks.
_EQUIVALENT = {
    "assistant_chief_constable": "commander",
    "deputy_chief_constable": "assistant_commissioner",
    "chief_constable": "commissioner",
}


def rank_at_least(rank: str, required: str, *, field: str = "rank") -> bool:
    """True if `rank` is `required` or above. Unknown ranks raise InputError naming `field`."""
    known = RANKS + tuple(_EQUIVALENT)
    for name, value in ((field, rank), ("required rank", required)):
        if value not in known:
            raise InputError(name, f"must be a police rank ({', '.join(known)}); got {value!r}")
    position = RANKS.index(_EQUIVALENT.get(rank, rank))
    return position >= RANKS.index(_EQUIVALENT.get(required, required))
