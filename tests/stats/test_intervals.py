"""Properties and hand-checked examples for childfirst.stats.intervals."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from childfirst.stats import difference_in_differences, proportion_interval, rate_per_1000, rate_ratio

counts = st.integers(min_value=1, max_value=5_000)
pops = st.integers(min_value=1, max_value=200_000)
methods = st.sampled_from(["katz", "exact"])


def one(method: str, a: int, na: int, b: int, nb: int) -> tuple[float, float, float]:
    est, low, high = rate_ratio(a, na, b, nb, method=method)  # type: ignore[arg-type]
    return float(est), float(low), float(high)


@given(
    a=counts, k=st.integers(min_value=1, max_value=20), n=st.integers(min_value=1, max_value=50), m=methods
)
def test_equal_rates_give_one_inside_its_interval(a: int, k: int, n: int, m: str) -> None:
    # group a: a events in population n*a*10; reference: k*a events in population k*n*a*10 (same rate)
    est, low, high = one(m, a, n * a * 10, k * a, k * n * a * 10)
    assert est == pytest.approx(1.0)
    assert low <= 1.0 <= high


@given(a=counts, na=pops, b=counts, nb=pops, m=methods)
def test_swapping_groups_inverts_ratio_and_interval(a: int, na: int, b: int, nb: int, m: str) -> None:
    est, low, high = one(m, a, na, b, nb)
    est2, low2, high2 = one(m, b, nb, a, na)
    assert est2 == pytest.approx(1 / est, rel=1e-9)
    assert low2 == pytest.approx(1 / high, rel=1e-6)
    assert high2 == pytest.approx(1 / low, rel=1e-6)


@given(a=counts, extra_a=pops, b=counts, extra_b=pops, m=methods)
def test_interval_contains_the_estimate(a: int, extra_a: int, b: int, extra_b: int, m: str) -> None:
    # events are at most the population (each child is counted once per search, rates below 1,000)
    est, low, high = one(m, a, a + extra_a, b, b + extra_b)
    assert 0 < low <= est <= high < math.inf


@given(b=st.integers(min_value=1, max_value=50), na=pops, nb=pops)
def test_exact_interval_is_valid_with_zero_events_where_katz_breaks(b: int, na: int, nb: int) -> None:
    est_k, low_k, high_k = one("katz", 0, na, b, nb)
    assert math.isnan(low_k)
    assert math.isnan(high_k)
    est, low, high = one("exact", 0, na, b, nb)
    assert est == 0.0
    assert low == 0.0
    assert 0 < high < math.inf
    # the upper bound is the Clopper-Pearson bound on p = 1 - (alpha/2)^(1/b), mapped to the ratio
    p = 1 - 0.025 ** (1 / b)
    assert high == pytest.approx(p / (1 - p) * nb / na, rel=1e-9)


def test_exact_interval_coverage_at_small_counts() -> None:
    """Simulate Poisson counts with a known ratio; the exact interval covers it at least ~95% of the time."""
    rng = np.random.default_rng(20260325)
    na, nb, rate_a, rate_b = 1_000, 3_000, 0.004, 0.002  # expected 4 and 6 events; true RRI 2
    a = rng.poisson(rate_a * na, 4_000)
    b = rng.poisson(rate_b * nb, 4_000)
    keep = (a + b) > 0
    _, low, high = rate_ratio(a[keep], na, b[keep], nb, method="exact")
    coverage = float(np.mean((low <= 2.0) & (high >= 2.0)))
    assert coverage >= 0.94  # conservative by construction


def test_katz_worked_example_checked_by_hand() -> None:
    # 120 searches of 4,000 Black children v 200 of 20,000 White children.
    a, na, b, nb = 120, 4_000, 200, 20_000
    rr = (120 / 4_000) / (200 / 20_000)  # 3.0
    se = math.sqrt(1 / a - 1 / na + 1 / b - 1 / nb)
    z = sps.norm.ppf(0.975)
    est, low, high = one("katz", a, na, b, nb)
    assert est == pytest.approx(3.0)
    assert rr == pytest.approx(3.0)
    assert low == pytest.approx(math.exp(math.log(3.0) - z * se))
    assert high == pytest.approx(math.exp(math.log(3.0) + z * se))
    assert (round(low, 3), round(high, 3)) == (2.399, 3.752)


def test_exact_worked_example_checked_against_scipy_binomtest() -> None:
    a, na, b, nb = 7, 500, 12, 2_000
    ci = sps.binomtest(a, a + b).proportion_ci(confidence_level=0.95, method="exact")
    expect_low = ci.low / (1 - ci.low) * nb / na
    expect_high = ci.high / (1 - ci.high) * nb / na
    est, low, high = one("exact", a, na, b, nb)
    assert est == pytest.approx((7 / 500) / (12 / 2_000))
    assert low == pytest.approx(expect_low, rel=1e-9)
    assert high == pytest.approx(expect_high, rel=1e-9)


def test_rate_per_1000_and_missing_population() -> None:
    rates = rate_per_1000([30, 5], [12_000, 0])
    assert rates[0] == pytest.approx(2.5)
    assert math.isnan(rates[1])


def test_vectorised_matches_scalar() -> None:
    a = np.array([10, 50, 3, 0])
    na = np.array([1_000, 2_000, 300, 100])
    est, low, high = rate_ratio(a, na, 20, 4_000, method="exact")
    for i in range(4):
        e, lo, hi = one("exact", int(a[i]), int(na[i]), 20, 4_000)
        assert (est[i], low[i], high[i]) == pytest.approx((e, lo, hi))


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="method must be one of katz, exact"):
        rate_ratio(1, 2, 3, 4, method="wald")  # type: ignore[arg-type]


def test_proportion_interval_matches_clopper_pearson() -> None:
    share, low, high = proportion_interval(17, 80)
    ci = sps.binomtest(17, 80).proportion_ci(method="exact")
    assert float(share) == pytest.approx(17 / 80)
    assert (float(low), float(high)) == pytest.approx((ci.low, ci.high))


@settings(max_examples=50)
@given(x=st.integers(min_value=0, max_value=200), extra=st.integers(min_value=0, max_value=200))
def test_proportion_interval_always_within_0_and_1_and_contains_share(x: int, extra: int) -> None:
    n = x + extra
    if n == 0:
        return
    share, low, high = proportion_interval(x, n)
    assert 0.0 <= float(low) <= float(share) <= float(high) <= 1.0


def test_difference_in_differences_worked_example() -> None:
    # pilot: 100 -> 60 detentions; comparison: 200 -> 180; same exposure each period.
    ratio, low, high = difference_in_differences((100, 1), (60, 1), (200, 1), (180, 1))
    assert ratio == pytest.approx((60 / 100) / (180 / 200))
    se = math.sqrt(1 / 100 + 1 / 60 + 1 / 200 + 1 / 180)
    assert low == pytest.approx(ratio * math.exp(-sps.norm.ppf(0.975) * se))
    assert low < ratio < high < 1.0
    with pytest.raises(ValueError, match="pilot_before events: counts cannot be negative"):
        difference_in_differences((-1, 1), (60, 1), (200, 1), (180, 1))
