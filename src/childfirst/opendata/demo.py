"""Demo data for the open-data dashboards: real public data, not synthetic.

Imports (once; re-running adds nothing, as imports are keyed by SHA-256) the London one-year
stop-and-search extract, the City of London March 2023 archive file, the Met's published monthly
totals and the Census 2021 children and all-ages tables into ``settings.OPENDATA_DB``.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from django.conf import settings

from . import store
from .importer import import_path
from .shapes import ImportFailed

DEMO_FILES = (
    ("policeuk", "extracts", "london-stops-2021-12-to-2022-11.csv.gz"),
    ("policeuk", "archive", "2023-03-city-of-london-stop-and-search.csv"),
    ("policeuk", "api-metropolitan", "aggregates", "monthly-totals.json"),
    ("population", "census2021-children-10-17-london-boroughs.csv"),
    ("population", "census2021-all-ages-la-by-ethnicity-5.csv"),
    ("population", "census2021-all-ages-la-by-ethnicity-20.csv"),
)


def load(rng: random.Random, users: dict[Any, Any]) -> str:
    """Import the real open data the demo dashboards use; say what was done."""
    shared = Path(settings.SHARED_DATA_DIR)
    paths = [shared.joinpath(*parts) for parts in DEMO_FILES]
    missing = [p for p in paths if not p.exists()]
    if missing:
        return f"open data: shared data not found ({missing[0]}); nothing imported"
    con = store.connect(settings.OPENDATA_DB)
    added, skipped, failed = 0, 0, []
    try:
        for path in paths:
            try:
                result = import_path(con, path)
            except ImportFailed as exc:
                failed.append(str(exc))
                continue
            if result.already_imported:
                skipped += 1
            else:
                added += result.rows_loaded
    finally:
        con.close()
    text = (
        f"open data (real, OGL v3.0): {added:,} rows imported, {skipped} file(s) already "
        f"in {settings.OPENDATA_DB}"
    )
    if failed:
        text += "; failed: " + "; ".join(failed)
    return text
