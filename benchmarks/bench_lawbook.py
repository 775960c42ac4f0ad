"""Benchmark: the full custody clock (relevant time, limit, review schedule, overnight and weekend
status) for 10,000 synthetic detentions, in microseconds per evaluation (target < 200 us).

Baseline, measured in the same run: a bare hand-written timedelta computation of the same quantities
(relevant time, 24 h limit, next review, overnight hours) with no validation, no dated parameters and no
reasons. The ratio is the price of the lawbook's checking and explanations.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from childfirst.lawbook import detention_clock  # noqa: E402
from childfirst.lawbook.parameters import default_parameters  # noqa: E402

N = 10_000
UTC = dt.UTC
LONDON = ZoneInfo("Europe/London")


def synthetic(rng: random.Random) -> list[dict]:
    params = default_parameters()
    on = dt.date(2025, 1, 1)
    first = dt.timedelta(hours=params.value("CUS-13.first_review_after", on).value)
    interval = dt.timedelta(hours=params.value("CUS-13.review_interval", on).value)
    out = []
    base = dt.datetime(2024, 1, 1, tzinfo=UTC)
    for _ in range(N):
        arrest = base + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 365 * 3))
        arrival = arrest + dt.timedelta(minutes=rng.randrange(5, 120))
        authorised = arrival + dt.timedelta(minutes=rng.randrange(0, 45))
        at = authorised + dt.timedelta(minutes=rng.randrange(0, 60 * 30))
        reviews = []
        due = authorised + first
        while due < at and rng.random() < 0.9:
            held = due - dt.timedelta(minutes=rng.randrange(0, 60))
            reviews.append(held)
            due = held + interval
        charged = (
            at - dt.timedelta(minutes=30)
            if rng.random() < 0.3 and at - arrival > dt.timedelta(hours=1)
            else None
        )
        out.append(
            {
                "arrest": arrest,
                "arrival": arrival,
                "authorised": authorised,
                "at": at,
                "reviews": reviews,
                "charged": charged,
            }
        )
    return out


def lawbook_run(cases: list[dict]) -> float:
    start = time.perf_counter()
    for c in cases:
        detention_clock(
            c["arrest"],
            c["arrival"],
            c["authorised"],
            reviews_held=c["reviews"],
            charged_at=c["charged"],
            at=c["at"],
        )
    return time.perf_counter() - start


def baseline_run(cases: list[dict]) -> float:
    """The same quantities by hand: no validation, parameters read once, no reasons."""
    params = default_parameters()
    on = dt.date(2025, 1, 1)
    cap = dt.timedelta(hours=params.value("CUS-12.relevant_time_after_arrest", on).value)
    limit = dt.timedelta(hours=params.value("CUS-12.limit_without_charge", on).value)
    first = dt.timedelta(hours=params.value("CUS-13.first_review_after", on).value)
    interval = dt.timedelta(hours=params.value("CUS-13.review_interval", on).value)
    start = time.perf_counter()
    for c in cases:
        rt = min(c["arrival"], c["arrest"] + cap)
        _deadline = rt + limit
        due = c["authorised"] + first
        for held in c["reviews"]:
            due = (held if held <= due else due) + interval
        # overnight: hours in each London 00:00-08:00 window
        best = 0.0
        day = c["arrival"].astimezone(LONDON).date() - dt.timedelta(days=1)
        last = c["at"].astimezone(LONDON).date()
        while day <= last:
            w0 = dt.datetime(day.year, day.month, day.day, tzinfo=LONDON).astimezone(UTC)
            w1 = dt.datetime(day.year, day.month, day.day, 8, tzinfo=LONDON).astimezone(UTC)
            overlap = (min(c["at"], w1) - max(c["arrival"], w0)).total_seconds()
            best = max(best, overlap / 3600)
            day += dt.timedelta(days=1)
    return time.perf_counter() - start


def main() -> int:
    cases = synthetic(random.Random(20260101))
    lawbook_run(cases[:200])  # warm caches (parameter look-ups are cached per date)
    baseline_run(cases[:200])
    lawbook_s = min(lawbook_run(cases) for _ in range(3))
    baseline_s = min(baseline_run(cases) for _ in range(3))
    per_eval = lawbook_s / N * 1e6
    per_base = baseline_s / N * 1e6
    print(
        f"lawbook detention_clock: {N} detentions in {lawbook_s:.3f} s = {per_eval:.1f} us/evaluation "
        f"(target < 200 us: {'met' if per_eval < 200 else 'NOT met'})"
    )
    print(f"baseline hand-written timedeltas: {per_base:.1f} us/evaluation")
    print(f"ratio lawbook/baseline: {per_eval / per_base:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
