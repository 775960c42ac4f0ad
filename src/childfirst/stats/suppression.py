"""Small-number suppression.

A count from 1 up to (but not including) the threshold is shown as ``<threshold`` (default ``<10``), and
every figure from which it could be worked back (its rate, share, ratio, and ratios that use it as the
reference) is withheld. A true zero is shown as 0: it identifies no one, and the exact interval is
what makes it useful. A threshold of 0 or 1 turns suppression off.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_THRESHOLD = 10


@dataclass(frozen=True)
class Suppression:
    threshold: int = DEFAULT_THRESHOLD

    def __post_init__(self) -> None:
        if self.threshold < 0:
            raise ValueError(f"suppression threshold cannot be negative (got {self.threshold})")

    def hides(self, count: int) -> bool:
        return 0 < count < self.threshold

    def show(self, count: int) -> str:
        return f"<{self.threshold}" if self.hides(count) else str(count)
