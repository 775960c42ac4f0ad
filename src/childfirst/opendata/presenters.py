"""Shape the data-quality report for the page (pure formatting, no queries)."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path
from typing import Any

from .quality import QualityReport


def _share(value: float | None) -> str:
    return "" if value is None else f"{value:.1%}"


def quality_context(rep: QualityReport) -> dict[str, Any]:
    months_by_force = [
        {"force": force, "months": list(rows)} for force, rows in groupby(rep.months, key=lambda m: m.force)
    ]
    blanks_by_force = [
        {
            "force": force,
            "rows": [{**b, "share": _share(b["blank_share"])} for b in rows],
        }
        for force, rows in groupby(rep.blanks, key=lambda b: b["force"])
    ]
    imports = [
        {**i, "file": Path(str(i["path"])).name, "imported_at": str(i["imported_at"])[:16]}
        for i in rep.imports
    ]
    quarantine = [{**q, "file": Path(str(q["file"])).name} for q in rep.quarantine]
    return {
        "rule": rep.rule,
        "partial": rep.partial,
        "months_by_force": months_by_force,
        "blanks_by_force": blanks_by_force,
        "duplicates": rep.duplicates,
        "quarantine": quarantine,
        "imports": imports,
    }
