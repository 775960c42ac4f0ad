"""Benchmark: the full disproportionality table, every borough x 5 groups x 12 months, with intervals.

Store: the real London one-year extract (policeuk/extracts/london-stops-2021-12-to-2022-11.csv.gz, 150,152
rows) and the Census 2021 children table, imported by the real importer into a temporary DuckDB file.

Measured in the same run:
* ours: ``childfirst.analytics.queries.disproportionality(..., by="borough-month")``: one grouped
  DuckDB query for the counts, then every rate, RRI and Katz interval in one vectorised numpy pass,
  plus suppression and the plain-words notes for each row;
* baseline 1 (target ratio >= 0.7): a hand-written DuckDB SQL query computing the same counts,
  rates per 1,000, RRI against White and Katz interval in SQL (no suppression, no notes);
* baseline 2: a straightforward pandas version, as an analyst would write it: read the searches into
  a DataFrame, groupby/size, merge with population and the White reference, compute the columns;
* baseline 3: a straightforward version in plain Python: fetch the searches, count them in a dict,
  then loop over the cells computing each interval with math.
The speed-up of ours over each is reported.

Runnable as a script; prints figures and ratios; exits non-zero only on error.
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))

from childfirst.analytics import queries  # noqa: E402
from childfirst.opendata.importer import import_path  # noqa: E402
from childfirst.opendata.store import connect  # noqa: E402

DATA = Path(os.environ.get("CHILDFIRST_SHARED_DATA", ROOT.parent / "shared" / "data"))
EXTRACT = DATA / "policeuk/extracts/london-stops-2021-12-to-2022-11.csv.gz"
CENSUS = DATA / "population/census2021-children-10-17-london-boroughs.csv"
Z = 1.959963984540054
GROUPS = ("Asian", "Black", "Mixed", "White", "Other")

SQL = """
WITH c AS (
    SELECT borough_code, month, self_ethnicity_5 AS g, count(*) AS n
    FROM stops
    WHERE force = 'metropolitan' AND age_band = '10-17' AND self_ethnicity_5 IS NOT NULL
    GROUP BY ALL
), p AS (
    SELECT borough_code, ethnicity_5 AS g, sum(population) AS pop
    FROM population_children WHERE ethnicity_5 IS NOT NULL GROUP BY ALL
), cells AS (
    SELECT p.borough_code, m.month, p.g, coalesce(c.n, 0) AS n, p.pop
    FROM p CROSS JOIN (SELECT DISTINCT month FROM c) m
    LEFT JOIN c ON c.borough_code = p.borough_code AND c.month = m.month AND c.g = p.g
), r AS (
    SELECT a.*, b.n AS ref_n, b.pop AS ref_pop
    FROM cells a JOIN cells b ON a.borough_code = b.borough_code AND a.month = b.month AND b.g = 'White'
)
SELECT borough_code, month, g, n, pop, n * 1000.0 / pop AS rate,
       CASE WHEN ref_n > 0 THEN (n / pop) / (ref_n / ref_pop) END AS rri,
       CASE WHEN n > 0 AND ref_n > 0 THEN exp(ln((n / pop) / (ref_n / ref_pop))
            - 1.959963984540054 * sqrt(greatest(1 / n - 1 / pop + 1 / ref_n - 1 / ref_pop, 0))) END AS lo,
       CASE WHEN n > 0 AND ref_n > 0 THEN exp(ln((n / pop) / (ref_n / ref_pop))
            + 1.959963984540054 * sqrt(greatest(1 / n - 1 / pop + 1 / ref_n - 1 / ref_pop, 0))) END AS hi
FROM r
"""


def plain_python(con) -> list[tuple]:  # type: ignore[no-untyped-def]
    """The straightforward version: row loops and dicts, one interval at a time."""
    searches = con.execute(
        "SELECT borough_code, month, self_ethnicity_5 FROM stops "
        "WHERE force = 'metropolitan' AND age_band = '10-17'"
    ).fetchall()
    pops = con.execute(
        "SELECT borough_code, ethnicity_5, population FROM population_children WHERE ethnicity_5 IS NOT NULL"
    ).fetchall()
    counts: Counter[tuple[str, str, str]] = Counter()
    months = set()
    for borough, month, group in searches:
        months.add(month)
        if group is not None:
            counts[(borough, month, group)] += 1
    population: Counter[tuple[str, str]] = Counter()
    for borough, group, n in pops:
        population[(borough, group)] += n
    out = []
    for borough in sorted({b for b, _ in population}):
        for month in sorted(months):
            ref_n, ref_pop = counts[(borough, month, "White")], population[(borough, "White")]
            for group in GROUPS:
                n, pop = counts[(borough, month, group)], population[(borough, group)]
                rate = n * 1000 / pop if pop else None
                rri = lo = hi = None
                if ref_n and pop and ref_pop:
                    rri = (n / pop) / (ref_n / ref_pop)
                    if n:
                        se = math.sqrt(max(1 / n - 1 / pop + 1 / ref_n - 1 / ref_pop, 0))
                        lo, hi = rri * math.exp(-Z * se), rri * math.exp(Z * se)
                out.append((borough, month, group, n, pop, rate, rri, lo, hi))
    return out


def pandas_version(con) -> list[tuple]:  # type: ignore[no-untyped-def]
    """The straightforward pandas version: DataFrames, groupby, merges and column arithmetic."""
    import numpy as np
    import pandas as pd

    searches = con.execute(
        "SELECT borough_code, month, self_ethnicity_5 AS g FROM stops "
        "WHERE force = 'metropolitan' AND age_band = '10-17'"
    ).df()
    pops = con.execute(
        "SELECT borough_code, ethnicity_5 AS g, population FROM population_children "
        "WHERE ethnicity_5 IS NOT NULL"
    ).df()
    pops = pops.groupby(["borough_code", "g"], as_index=False)["population"].sum()
    counts = searches.dropna(subset=["g"]).groupby(["borough_code", "month", "g"]).size().rename("n")
    months = pd.DataFrame({"month": sorted(searches["month"].unique())})
    cells = pops.merge(months, how="cross")
    cells = cells.merge(counts.reset_index(), on=["borough_code", "month", "g"], how="left")
    cells["n"] = cells["n"].fillna(0)
    ref = cells[cells["g"] == "White"][["borough_code", "month", "n", "population"]]
    cells = cells.merge(ref, on=["borough_code", "month"], suffixes=("", "_ref"))
    cells["rate"] = cells["n"] * 1000 / cells["population"]
    cells["rri"] = (cells["n"] / cells["population"]) / (cells["n_ref"] / cells["population_ref"])
    var = 1 / cells["n"] - 1 / cells["population"] + 1 / cells["n_ref"] - 1 / cells["population_ref"]
    se = np.sqrt(var.clip(lower=0))
    ok = (cells["n"] > 0) & (cells["n_ref"] > 0)
    cells["lo"] = (cells["rri"] * np.exp(-Z * se)).where(ok)
    cells["hi"] = (cells["rri"] * np.exp(Z * se)).where(ok)
    cells["n"] = cells["n"].astype(int)
    columns = ["borough_code", "month", "g", "n", "population", "rate", "rri", "lo", "hi"]
    return list(cells[columns].itertuples(index=False, name=None))


def interleaved(
    fns: dict[str, Callable[[], object]], repeat: int
) -> tuple[dict[str, float], dict[str, object]]:
    """Median time of each function, run in turn within every round, so that load from other work on
    the machine falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    results: dict[str, object] = {}
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            results[name] = fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}, results


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        con = connect(Path(tmp) / "bench.duckdb")
        start = time.perf_counter()
        for path in (EXTRACT, CENSUS):
            import_path(con, path)
        print(f"store built from the real London extract in {time.perf_counter() - start:.2f} s")
        filters = queries.Filters(force="metropolitan", age="10-17")
        population = queries.population_from_store(con)

        def ours() -> object:
            return queries.disproportionality(con, filters, by="borough-month", population=population)

        def ours_exact() -> object:
            return queries.disproportionality(
                con, filters, by="borough-month", population=population, method="exact"
            )

        def sql() -> object:
            return con.execute(SQL).fetchall()

        ours()  # warm up: first scipy / DuckDB calls pay one-off costs
        sql()
        repeat = 25
        medians, results = interleaved(
            {
                "sql": sql,
                "ours": ours,
                "exact": ours_exact,
                "pandas": lambda: pandas_version(con),
                "plain": lambda: plain_python(con),
            },
            repeat,
        )
        t_sql, t_ours, t_plain, t_pandas = (
            medians["sql"],
            medians["ours"],
            medians["plain"],
            medians["pandas"],
        )
        sql_rows, report, plain_rows = results["sql"], results["ours"], results["plain"]
        pandas_rows = results["pandas"]
        rows = report.rows  # type: ignore[attr-defined]
        cells = {(r["borough_code"], r["month"]) for r in rows if r["borough_code"]}
        # check the three agree on the counts before comparing their times
        ours_counts = {
            (r["borough_code"], r["month"], r["group"]): r["events"]
            for r in rows
            if r["group"] in GROUPS and r["borough_code"] and r["events"] is not None
        }
        sql_counts = {(b, m, g): n for b, m, g, n, *_ in sql_rows}  # type: ignore[misc]
        plain_counts = {(b, m, g): n for b, m, g, n, *_ in plain_rows}  # type: ignore[misc]
        pandas_counts = {(b, m, g): n for b, m, g, n, *_ in pandas_rows}  # type: ignore[misc]
        mismatched = [
            k
            for k, v in ours_counts.items()
            if sql_counts.get(k) != v or plain_counts.get(k) != v or pandas_counts.get(k) != v
        ]
        if mismatched:
            print(f"ERROR: counts differ in {len(mismatched)} cells, e.g. {mismatched[:3]}")
            return 1
        print(
            f"table: {len(cells)} borough-months x {len(GROUPS)} groups (+ not stated) = {len(rows):,} rows, "
            "rates, RRI and Katz 95% intervals, suppression and notes"
        )
        print(f"ours (grouped DuckDB query + vectorised numpy): {t_ours * 1000:.1f} ms (median of {repeat})")
        print(
            f"ours, exact conditional interval (vectorised beta quantiles): {medians['exact'] * 1000:.1f} ms"
        )
        print(f"hand-written DuckDB SQL, same counts/rates/RRI/intervals: {t_sql * 1000:.1f} ms")
        print(f"straightforward pandas (DataFrame groupby + merges): {t_pandas * 1000:.1f} ms")
        print(f"straightforward plain-Python row loops: {t_plain * 1000:.1f} ms")
        print(f"ratio SQL time / ours: {t_sql / t_ours:.2f} (target >= 0.7)")
        print(f"speed-up over pandas: {t_pandas / t_ours:.1f}x; over plain Python: {t_plain / t_ours:.1f}x")
        con.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
