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
import numpy.typing as npt

from .intervals import (
    Method,
    check_counts,
    proportion_interval,
    proportion_ratio,
    rate_per_1000,
    rate_ratio,
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
        return dict(vars(self))  # flat fields: a shallow copy is enough, and ~20x faster than asdict


def rri_table(
    groups: Sequence[GroupCounts],
    reference: str,
    *,
    method: Method = "katz",
    level: float = 0.95,
    suppression: Suppression | None = None,
) -> list[RateRow]:
    """Rate per 1,000 and relative rate index with interval for each group against ``reference``."""
    names = [g.group for g in groups]
    check_counts("events", [g.events for g in groups])
    check_counts("population", [g.population or 0 for g in groups])
    events = [[g.events for g in groups]]
    pops = [[math.nan if g.population is None else g.population for g in groups]]
    return rri_grid(names, events, pops, reference, method=method, level=level, suppression=suppression)[0]


def rri_grid(
    group_names: Sequence[str],
    events: npt.ArrayLike,
    population: npt.ArrayLike,
    reference: str,
    *,
    method: Method = "katz",
    level: float = 0.95,
    suppression: Suppression | None = None,
) -> list[list[RateRow]]:
    """``rri_table`` for many cells at once (e.g. every borough or month): one vectorised computation.

    ``events`` and ``population`` are 2-D (cells x groups); a missing population is NaN.
    """
    cols = rri_columns(
        group_names, events, population, reference, method=method, level=level, suppression=suppression
    )
    fields = list(cols)
    n_groups = len(group_names)
    rows = [RateRow(**dict(zip(fields, values, strict=True))) for values in zip(*cols.values(), strict=True)]
    return [rows[k : k + n_groups] for k in range(0, len(rows), n_groups)]


def rri_columns(
    group_names: Sequence[str],
    events: npt.ArrayLike,
    population: npt.ArrayLike,
    reference: str,
    *,
    method: Method = "katz",
    level: float = 0.95,
    suppression: Suppression | None = None,
) -> dict[str, list[Any]]:
    """The fields of ``RateRow`` as flat columns (cell by cell, groups within a cell): for callers that
    build their own rows (e.g. a table of thousands of cells), skipping one object per row."""
    sup = suppression or Suppression()
    names = list(group_names)
    if reference not in names:
        raise ValueError(f"reference: unknown group {reference!r}; groups are {', '.join(names) or 'none'}")
    ev = np.atleast_2d(np.asarray(events, dtype=np.float64))
    pop = np.atleast_2d(np.asarray(population, dtype=np.float64))
    if ev.shape != pop.shape or ev.shape[1] != len(names):
        raise ValueError(
            f"events/population: shapes {ev.shape} and {pop.shape} do not match {len(names)} groups"
        )
    check_counts("events", ev)
    check_counts("population", np.nan_to_num(pop))
    has_pop = ~np.isnan(pop) & (pop > 0)
    pop0 = np.where(has_pop, pop, 0.0)
    r = names.index(reference)
    ref_ev, ref_pop = ev[:, r : r + 1], pop0[:, r : r + 1]
    rates = rate_per_1000(ev, pop0)
    rri, low, high = rate_ratio(ev, pop0, ref_ev, ref_pop, method=method, level=level)
    # Everything below is decided for all cells at once; the loop only assembles rows.
    hides = (ev > 0) & (ev < sup.threshold)
    is_ref = np.zeros(ev.shape, dtype=bool)
    is_ref[:, r] = True
    ref_hidden = hides[:, r : r + 1]
    ref_has_pop = has_pop[:, r : r + 1]
    show_rate = ~hides & has_pop
    show_ratio = show_rate & ~ref_hidden & ref_has_pop
    rate_out = np.where(show_rate, rates, np.nan)
    rri_out = np.where(show_ratio, np.where(is_ref, 1.0, rri), np.nan)
    low_out = np.where(show_ratio & ~is_ref, low, np.nan)
    high_out = np.where(show_ratio & ~is_ref, high, np.nan)
    undefined = (ev == 0) | (ref_ev == 0) if method == "katz" else (ev + ref_ev == 0)
    notes = [
        f"fewer than {sup.threshold} events: rate and ratio withheld",
        "no population figure for this group",
        "reference group",
        f"reference group has fewer than {sup.threshold} events: ratio withheld",
        "no population figure for the reference group",
        (
            "no events in one group: the Katz interval is undefined, use --method exact"
            if method == "katz"
            else "no events in either group"
        ),
        "no events in the reference group: ratio unbounded",
        "",
    ]
    note_code = np.select(
        [
            hides,
            ~has_pop,
            is_ref,
            np.broadcast_to(ref_hidden, ev.shape),
            np.broadcast_to(~ref_has_pop, ev.shape),
            undefined,
            np.isinf(rri),
        ],
        [0, 1, 2, 3, 4, 5, 6],
        default=7,
    ).ravel()
    n_cells, n_groups = ev.shape
    ev_int = ev.astype(np.int64)
    pop_obj = np.where(np.isnan(pop), _NONE, np.nan_to_num(pop).astype(np.int64).astype(object))
    note_arr = np.array(notes, dtype=object)[note_code]
    shown = np.where(hides, f"<{sup.threshold}", ev_int.astype(str)).astype(object)
    return {
        "group": list(names) * n_cells,
        "events": np.where(hides, _NONE, ev_int.astype(object)).ravel().tolist(),
        "events_shown": shown.ravel().tolist(),
        "population": pop_obj.ravel().tolist(),
        "rate_per_1000": _nones(rate_out),
        "rri": _nones(rri_out),
        "ci_low": _nones(low_out),
        "ci_high": _nones(high_out),
        "suppressed": hides.ravel().tolist(),
        "is_reference": is_ref.ravel().tolist(),
        "note": note_arr.tolist(),
    }


def _nones(values: npt.NDArray[np.float64]) -> list[Any]:
    """A flat list with NaN and infinity as None (what JSON and templates can show)."""
    out: list[Any] = np.where(np.isfinite(values), values, _NONE).ravel().tolist()
    return out


_NONE = np.array(None, dtype=object)


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
