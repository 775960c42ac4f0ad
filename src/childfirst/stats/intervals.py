"""Rate ratios and proportions with 95% intervals, vectorised over numpy arrays.

Every function takes counts as arrays (or scalars) and broadcasts, so a table of every borough x group
x month is computed in one call. Where a figure is undefined (no population, zero events where the
method cannot cope) the result is NaN, never an exception: callers turn NaN into "not available" with
the reason from ``why_undefined``.

Methods for the relative rate index (RRI = (a / n_a) / (b / n_b), group a against reference b):

* ``katz`` (default): log method. var(log RRI) = 1/a - 1/n_a + 1/b - 1/n_b, interval
  exp(log RRI +- z * sqrt(var)). Undefined when either count is zero.
* ``exact``: conditional on the total a + b, a is binomial with p = n_a RRI / (n_a RRI + n_b).
  The Clopper-Pearson interval for p (beta quantiles) is mapped back to the rate ratio:
  RRI = p / (1 - p) * n_b / n_a. Finite when a = 0 (lower bound 0); upper bound infinite when b = 0.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy import stats as _st

Method = Literal["katz", "exact"]
METHODS: tuple[Method, ...] = ("katz", "exact")
FloatArray = npt.NDArray[np.float64]
ArrayLike = npt.ArrayLike


def z_value(level: float = 0.95) -> float:
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, not {level}")
    return float(_st.norm.ppf(0.5 + level / 2))


def _f(x: ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def check_counts(name: str, values: ArrayLike) -> None:
    """Raise ValueError naming ``name`` if any value is negative or not a whole number."""
    arr = _f(values)
    if np.any(np.isnan(arr)):
        raise ValueError(f"{name}: missing value")
    if np.any(arr < 0):
        raise ValueError(f"{name}: counts cannot be negative (got {arr[arr < 0].flat[0]:g})")
    if np.any(arr != np.floor(arr)):
        raise ValueError(f"{name}: counts must be whole numbers")


def rate_per_1000(events: ArrayLike, population: ArrayLike) -> FloatArray:
    """Events per 1,000 population; NaN where the population is zero."""
    e, n = _f(events), _f(population)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n > 0, e / np.where(n > 0, n, 1.0) * 1000.0, np.nan)


def rate_ratio(
    a: ArrayLike,
    n_a: ArrayLike,
    b: ArrayLike,
    n_b: ArrayLike,
    *,
    method: Method = "katz",
    level: float = 0.95,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(RRI, low, high) for group a (a events in population n_a) against reference b."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    fa, fna, fb, fnb = np.broadcast_arrays(_f(a), _f(n_a), _f(b), _f(n_b))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        pops_ok = (fna > 0) & (fnb > 0)
        safe_na, safe_nb = np.where(pops_ok, fna, 1.0), np.where(pops_ok, fnb, 1.0)
        # The estimate does not depend on the method: infinite when only the reference has no events.
        est = np.where(
            pops_ok & (fb > 0),
            (fa / safe_na) / (np.where(fb > 0, fb, 1.0) / safe_nb),
            np.where(pops_ok & (fa > 0), np.inf, np.nan),
        )
        if method == "katz":
            ok = pops_ok & (fa > 0) & (fb > 0)
            sa, sb = np.where(ok, fa, 1.0), np.where(ok, fb, 1.0)
            var = np.maximum(1 / sa - 1 / safe_na + 1 / sb - 1 / safe_nb, 0.0)
            half = z_value(level) * np.sqrt(var)
            log_est = np.log(np.where(ok, est, 1.0))
            low = np.where(ok, np.exp(log_est - half), np.nan)
            high = np.where(ok, np.exp(log_est + half), np.nan)
        else:
            ok = pops_ok & (fa + fb > 0)
            alpha = 1 - level
            p_low = np.where(fa > 0, _st.beta.ppf(alpha / 2, np.maximum(fa, 1.0), fb + 1), 0.0)
            p_high = np.where(fb > 0, _st.beta.ppf(1 - alpha / 2, fa + 1, np.maximum(fb, 1.0)), 1.0)
            scale = safe_nb / safe_na
            low = np.where(ok, p_low / (1 - p_low) * scale, np.nan)
            high = np.where(
                ok,
                np.where(p_high < 1, p_high / np.where(p_high < 1, 1 - p_high, 1.0) * scale, np.inf),
                np.nan,
            )
    return est.astype(np.float64), low.astype(np.float64), high.astype(np.float64)


def why_undefined(a: int, n_a: int, b: int, n_b: int, method: Method) -> str:
    """Plain-words reason a ratio or its interval cannot be given ("" if it can)."""
    if n_a <= 0:
        return "no population figure for this group"
    if n_b <= 0:
        return "no population figure for the reference group"
    if method == "katz" and (a == 0 or b == 0):
        return "no events in one group: the Katz interval is undefined, use --method exact"
    if method == "exact" and a + b == 0:
        return "no events in either group"
    return ""


def proportion_interval(
    x: ArrayLike, n: ArrayLike, *, level: float = 0.95
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(share, low, high): share x / n with the Clopper-Pearson exact interval; NaN where n = 0."""
    fx, fn = np.broadcast_arrays(_f(x), _f(n))
    alpha = 1 - level
    with np.errstate(divide="ignore", invalid="ignore"):
        ok = fn > 0
        share = np.where(ok, fx / np.where(ok, fn, 1.0), np.nan)
        low = np.where(ok & (fx > 0), _st.beta.ppf(alpha / 2, fx, fn - fx + 1), 0.0)
        high = np.where(ok & (fx < fn), _st.beta.ppf(1 - alpha / 2, fx + 1, fn - fx), 1.0)
    return (
        share.astype(np.float64),
        np.where(ok, low, np.nan).astype(np.float64),
        np.where(ok, high, np.nan).astype(np.float64),
    )


def proportion_ratio(
    x: ArrayLike, n: ArrayLike, x0: ArrayLike, n0: ArrayLike, *, level: float = 0.95
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(ratio, low, high) of the share x/n against the reference share x0/n0, Katz log interval.

    var(log ratio) = 1/x - 1/n + 1/x0 - 1/n0; NaN where either share is zero or a base is empty.
    """
    return rate_ratio(x, n, x0, n0, method="katz", level=level)


def difference_in_differences(
    pilot_before: tuple[int, int],
    pilot_after: tuple[int, int],
    comparison_before: tuple[int, int],
    comparison_after: tuple[int, int],
    *,
    level: float = 0.95,
) -> tuple[float, float, float]:
    """Ratio of rate ratios (pilot change / comparison change) with a log-scale Wald interval.

    Each argument is (events, exposure). A value below 1 means the rate fell more (or rose less) in
    the pilot than in the comparison. var = sum of 1/events over the four cells (Poisson counts).
    """
    cells = (pilot_before, pilot_after, comparison_before, comparison_after)
    for name, (e, n) in zip(
        ("pilot_before", "pilot_after", "comparison_before", "comparison_after"), cells, strict=True
    ):
        check_counts(f"{name} events", e)
        if n <= 0:
            raise ValueError(f"{name}: exposure must be positive")
    if any(e == 0 for e, _ in cells):
        return (float("nan"), float("nan"), float("nan"))
    (a0, n0), (a1, n1), (c0, m0), (c1, m1) = cells
    ratio = ((a1 / n1) / (a0 / n0)) / ((c1 / m1) / (c0 / m0))
    half = z_value(level) * float(np.sqrt(1 / a0 + 1 / a1 + 1 / c0 + 1 / c1))
    log_r = float(np.log(ratio))
    return ratio, float(np.exp(log_r - half)), float(np.exp(log_r + half))
