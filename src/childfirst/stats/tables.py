"""Rows a person reads: rates and relative rate indices per group, and the outcome test per group.

These build on the vectorised ``intervals`` functions, apply ``suppression``, and give each figure that
cannot be shown a reason in plain words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from .intervals import (
    Method,
    check_counts,
    proportion_interval,
    proportion_ratio,
    rate_per_1000,
    rate_ratio,
    why_undefined,
)
from .suppression import Suppression


@dataclass(frozen=True)
class GroupCounts:
    group: str
    events: int
    population: int | None


def _num(x: float) -> float | None:
    """A float fit for JSON and templates: NaN and infinity become None."""
    return None if (math.isnan(x) or math.isinf(x)) else float(x)


@dataclass(frozen=True)
class RateRow:
    group: str
    events: int | None  # None when suppressed
    events_shown: str
    population: int | None
    rate_per_1000: float | None
    rri: float | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool
    is_reference: bool
    note: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def rri_table(
    groups: Sequence[GroupCounts],
    reference: str,
    *,
    method: Method = "katz",
    level: float = 0.95,
    suppression: Suppression | None = None,
) -> list[RateRow]:
    """Rate per 1,000 and relative rate index with interval for each group against ``reference``."""
    sup = suppression or Suppression()
    names = [g.group for g in groups]
    if reference not in names:
        raise ValueError(f"reference: unknown group {reference!r}; groups are {', '.join(names) or 'none'}")
    check_counts("events", [g.events for g in groups])
    check_counts("population", [g.population or 0 for g in groups])
    ref = groups[names.index(reference)]
    events = np.array([g.events for g in groups], dtype=np.float64)
    pops = np.array([g.population or 0 for g in groups], dtype=np.float64)
    rates = rate_per_1000(events, pops)
    rri, low, high = rate_ratio(events, pops, ref.events, ref.population or 0, method=method, level=level)
    ref_hidden = sup.hides(ref.events)
    rows = []
    for i, g in enumerate(groups):
        hidden = sup.hides(g.events)
        is_ref = g.group == reference
        note = ""
        if hidden:
            note = f"fewer than {sup.threshold} events: rate and ratio withheld"
        elif not g.population:
            note = "no population figure for this group"
        elif ref_hidden and not is_ref:
            note = f"reference group has fewer than {sup.threshold} events: ratio withheld"
        elif not is_ref:
            note = why_undefined(g.events, g.population, ref.events, ref.population or 0, method)
            if not note and math.isinf(rri[i]):
                note = "no events in the reference group: ratio unbounded"
        show_rate = not hidden and bool(g.population)
        show_ratio = show_rate and not ref_hidden and bool(ref.population)
        rows.append(
            RateRow(
                group=g.group,
                events=None if hidden else g.events,
                events_shown=sup.show(g.events),
                population=g.population,
                rate_per_1000=_num(rates[i]) if show_rate else None,
                rri=(1.0 if is_ref else _num(rri[i])) if show_ratio else None,
                ci_low=None if is_ref or not show_ratio else _num(low[i]),
                ci_high=None if is_ref or not show_ratio else _num(high[i]),
                suppressed=hidden,
                is_reference=is_ref,
                note="reference group" if is_ref and not note else note,
            )
        )
    return rows


@dataclass(frozen=True)
class OutcomeCounts:
    group: str
    searches: int
    finds: int  # outcome linked to the object of the search
    arrests: int


@dataclass(frozen=True)
class ShareFigure:
    count: int | None
    count_shown: str
    share: float | None
    low: float | None
    high: float | None
    ratio: float | None  # against the reference group's share
    ratio_low: float | None
    ratio_high: float | None
    note: str


@dataclass(frozen=True)
class OutcomeRow:
    group: str
    searches: int | None
    searches_shown: str
    find: ShareFigure
    arrest: ShareFigure
    suppressed: bool
    is_reference: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def outcome_table(
    groups: Sequence[OutcomeCounts],
    reference: str,
    *,
    level: float = 0.95,
    suppression: Suppression | None = None,
) -> list[OutcomeRow]:
    """The outcome ("hit-rate") test: find share and arrest share per group, with ratios to reference."""
    sup = suppression or Suppression()
    names = [g.group for g in groups]
    if reference not in names:
        raise ValueError(f"reference: unknown group {reference!r}; groups are {', '.join(names) or 'none'}")
    for field in ("searches", "finds", "arrests"):
        check_counts(field, [getattr(g, field) for g in groups])
    for g in groups:
        if g.finds > g.searches or g.arrests > g.searches:
            raise ValueError(f"finds/arrests: more than searches for group {g.group!r}")
    ref = groups[names.index(reference)]
    n = np.array([g.searches for g in groups], dtype=np.float64)

    def figures(field: str) -> list[ShareFigure]:
        x = np.array([getattr(g, field) for g in groups], dtype=np.float64)
        share, low, high = proportion_interval(x, n, level=level)
        ref_x = getattr(ref, field)
        ratio, rlow, rhigh = proportion_ratio(x, n, ref_x, ref.searches, level=level)
        ref_hidden = sup.hides(ref_x) or sup.hides(ref.searches)
        out = []
        for i, g in enumerate(groups):
            count = getattr(g, field)
            hidden = sup.hides(count) or sup.hides(g.searches)
            is_ref = g.group == reference
            note = ""
            if hidden:
                note = f"fewer than {sup.threshold}: share withheld"
            elif g.searches == 0:
                note = "no searches"
            elif ref_hidden and not is_ref:
                note = f"reference group figure under {sup.threshold}: ratio withheld"
            elif not is_ref and (count == 0 or ref_x == 0):
                note = "a share of zero: ratio interval undefined"
            show_ratio = not hidden and not ref_hidden and g.searches > 0
            out.append(
                ShareFigure(
                    count=None if hidden else count,
                    count_shown=sup.show(count),
                    share=None if hidden else _num(share[i]),
                    low=None if hidden else _num(low[i]),
                    high=None if hidden else _num(high[i]),
                    ratio=(1.0 if is_ref else _num(ratio[i])) if show_ratio else None,
                    ratio_low=None if is_ref or not show_ratio else _num(rlow[i]),
                    ratio_high=None if is_ref or not show_ratio else _num(rhigh[i]),
                    note=note,
                )
            )
        return out

    finds, arrests = figures("finds"), figures("arrests")
    return [
        OutcomeRow(
            group=g.group,
            searches=None if sup.hides(g.searches) else g.searches,
            searches_shown=sup.show(g.searches),
            find=finds[i],
            arrest=arrests[i],
            suppressed=sup.hides(g.searches),
            is_reference=g.group == reference,
        )
        for i, g in enumerate(groups)
    ]


OUTCOME_TEST_EXPLAINED = (
    "The outcome test (also called the hit-rate test) compares how often searches of each group find "
    "what the officer was looking for. If officers searched every group on the same strength of "
    "suspicion, find rates would be about the same. A lower find rate for one group suggests that "
    "people in that group are searched on weaker grounds, one sign of a lower threshold for "
    "suspicion. It cannot prove this on its own: groups may differ in what they are searched for "
    "(drugs are found more often than weapons), where and when searches happen, and in who is "
    "searched near the margin of suspicion (the infra-marginality problem: average find rates can "
    "differ even when the threshold is the same, and be equal when it is not). The 'linked to object' "
    "field is recorded by the searching officer and is often blank. Read the figures as a prompt for "
    "questions and supervision, not as a finding of bias about any officer or search."
)
