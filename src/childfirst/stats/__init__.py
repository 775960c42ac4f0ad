"""Statistics for ChildFirst: pure Python (numpy/scipy), no Django.

* ``intervals``: rates per 1,000, rate ratios (relative rate index) with Katz log or exact conditional
  intervals, proportions with Clopper-Pearson intervals, ratios of proportions, difference in
  differences. Vectorised over numpy arrays.
* ``suppression``: small-number suppression (``<10`` by default).
* ``tables``: the rows people read: rates and RRI per group; the outcome test per group.
"""

from .intervals import (
    METHODS,
    Method,
    difference_in_differences,
    proportion_interval,
    proportion_ratio,
    rate_per_1000,
    rate_ratio,
)
from .suppression import DEFAULT_THRESHOLD, Suppression
from .tables import (
    OUTCOME_TEST_EXPLAINED,
    GroupCounts,
    OutcomeCounts,
    OutcomeRow,
    RateRow,
    ShareFigure,
    outcome_table,
    rri_columns,
    rri_grid,
    rri_table,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "METHODS",
    "OUTCOME_TEST_EXPLAINED",
    "GroupCounts",
    "Method",
    "OutcomeCounts",
    "OutcomeRow",
    "RateRow",
    "ShareFigure",
    "Suppression",
    "difference_in_differences",
    "outcome_table",
    "proportion_interval",
    "proportion_ratio",
    "rate_per_1000",
    "rate_ratio",
    "rri_columns",
    "rri_grid",
    "rri_table",
]
