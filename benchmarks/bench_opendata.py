"""Benchmark: importing stop-and-search files into the open-data store (issue 4, Speed (a)).

For the London one-year extract (150,152 rows, gzip) and a generated national-scale archive CSV of
10 million rows, measures rows/s and peak memory of ``childfirst.opendata.importer.import_path``, and
the ratio to DuckDB's own raw ``read_csv`` load of the same file into a table, timed in the same run
(target: ratio >= 0.5, i.e. the full import - hashing, shape detection, normalisation, quarantine and
provenance - takes at most twice as long as a bare load). Each measurement runs in a fresh subprocess
so peak memory (ru_maxrss) belongs to that measurement alone.

Run: .venv/bin/python benchmarks/bench_opendata.py [--rows N] [--skip-national]
"""

# The generating SQL is built from constants and our own temporary path only.
# ruff: noqa: S608

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CHILDFIRST_SHARED_DATA", ROOT.parent / "shared" / "data"))
LONDON = SHARED / "policeuk" / "extracts" / "london-stops-2021-12-to-2022-11.csv.gz"
WORK = Path(tempfile.gettempdir()) / "childfirst-bench-opendata"
TARGET = 0.5

CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, {src!r})
import duckdb
from childfirst.opendata import store
from childfirst.opendata.importer import import_path
mode, path, db = sys.argv[1], sys.argv[2], sys.argv[3]
if os.path.exists(db):
    os.remove(db)
# Both sides start timing with their libraries loaded and an open, empty database.
con = duckdb.connect(db) if mode == "raw" else store.connect(db)
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu_start = usage.ru_utime + usage.ru_stime
start = time.perf_counter()
if mode == "raw":
    con.execute("CREATE TABLE raw AS SELECT * FROM read_csv(?)", [path])
    rows = con.execute("SELECT count(*) FROM raw").fetchone()[0]
else:
    rows = import_path(con, path, force="metropolitan").rows_loaded
con.close()
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = usage.ru_utime + usage.ru_stime - cpu_start
peak = usage.ru_maxrss * 1024
print(json.dumps({{"rows": rows, "seconds": seconds, "cpu": cpu, "peak_bytes": peak}}))
"""


def measure(mode: str, path: Path) -> dict[str, float]:
    db = WORK / f"{mode}.duckdb"
    code = CHILD.format(src=str(ROOT / "src"))
    out = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", code, mode, str(path), str(db)],
        check=True,
        capture_output=True,
        text=True,
    )
    for leftover in (db, db.with_suffix(".duckdb.wal")):
        leftover.unlink(missing_ok=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def generate_national(rows: int) -> Path:
    """A national-scale archive CSV made by repeating the real London rows with shifted dates."""
    import duckdb

    target = WORK / f"national-{rows}.csv"
    if target.exists():
        return target
    start = time.perf_counter()
    copies = -(-rows // 150_152)
    con = duckdb.connect()
    con.execute(
        f"""
        COPY (
            SELECT type AS "Type",
                strftime(CAST(date || ' ' || time AS TIMESTAMP)
                    + to_days(CAST(i * 29 % 365 AS INTEGER)) + to_minutes(CAST(i AS INTEGER)),
                    '%Y-%m-%dT%H:%M:%S+00:00') AS "Date",
                NULL AS "Part of a policing operation", NULL AS "Policing operation",
                round(TRY_CAST("location.latitude" AS DOUBLE) + i * 0.0001, 6) AS "Latitude",
                round(TRY_CAST("location.longitude" AS DOUBLE) - i * 0.0001, 6) AS "Longitude",
                gender AS "Gender", age_range AS "Age range",
                self_defined_ethnicity AS "Self-defined ethnicity",
                officer_defined_ethnicity AS "Officer-defined ethnicity",
                legislation AS "Legislation", object_of_search AS "Object of search",
                outcome AS "Outcome",
                CASE outcome_linked_to_object_of_search WHEN 'TRUE' THEN 'True'
                    WHEN 'FALSE' THEN 'False' END AS "Outcome linked to object of search",
                CASE removal_of_more_than_outer_clothing WHEN 'TRUE' THEN 'True'
                    WHEN 'FALSE' THEN 'False' END AS "Removal of more than just outer clothing"
            FROM read_csv(?, all_varchar=true), range({copies}) r(i)
            LIMIT {rows}
        ) TO '{target}' (HEADER, DELIMITER ',')
        """,
        [str(LONDON)],
    )
    con.close()
    print(f"generated {rows:,} rows in {time.perf_counter() - start:.1f}s -> {target}")
    return target


def bench(label: str, path: Path) -> float:
    raw = measure("raw", path)
    ours = measure("import", path)
    ratio = raw["seconds"] / ours["seconds"]
    size = path.stat().st_size / 1e6
    print(f"\n{label}: {path.name} ({size:,.0f} MB, {ours['rows']:,} rows)")
    print(
        f"  childfirst import : {ours['seconds']:7.2f} s  {ours['rows'] / ours['seconds']:12,.0f} rows/s"
        f"  peak {ours['peak_bytes'] / 1e6:7,.0f} MB"
    )
    print(
        f"  duckdb read_csv   : {raw['seconds']:7.2f} s  {raw['rows'] / raw['seconds']:12,.0f} rows/s"
        f"  peak {raw['peak_bytes'] / 1e6:7,.0f} MB"
    )
    verdict = "meets" if ratio >= TARGET else "BELOW"
    print(f"  ratio (raw load time / import time) = {ratio:.2f}  ({verdict} target {TARGET})")
    # CPU seconds (all threads) are steadier than wall time on a machine shared with other work.
    print(
        f"  ratio of CPU time (raw / import)     = {raw['cpu'] / ours['cpu']:.2f}"
        f"  ({raw['cpu']:.1f} s / {ours['cpu']:.1f} s)"
    )
    return ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--skip-national", action="store_true")
    args = parser.parse_args(argv)
    if not LONDON.exists():
        print(f"shared data not found at {LONDON}; nothing to benchmark")
        return 0
    WORK.mkdir(parents=True, exist_ok=True)
    bench("London one-year extract", LONDON)
    if not args.skip_national:
        bench("National-scale archive CSV", generate_national(args.rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
