"""Recognising which kind of public-data file we have been given, from its first bytes.

Pure module, no Django. ``detect(path)`` opens the file (gzip too), looks at its header or first JSON
record, and returns a ``Shape``; a file of an unknown shape, an empty file or a known shape with a
missing column raises ``ImportFailed`` naming the file and the problem.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE_BYTES = 256 * 1024


class ImportFailed(Exception):  # noqa: N818 - reads better at the call site than ImportFailedError
    """An import that could not be done; nothing was written. The message names the file."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


ARCHIVE_COLUMNS = (
    "Type",
    "Date",
    "Latitude",
    "Longitude",
    "Gender",
    "Age range",
    "Self-defined ethnicity",
    "Officer-defined ethnicity",
    "Legislation",
    "Object of search",
    "Outcome",
    "Outcome linked to object of search",
    "Removal of more than just outer clothing",
)
EXTRACT_COMMON = (
    "age_range",
    "gender",
    "self_defined_ethnicity",
    "officer_defined_ethnicity",
    "object_of_search",
    "legislation",
    "outcome",
    "location.longitude",
    "location.latitude",
    "outcome_linked_to_object_of_search",
    "removal_of_more_than_outer_clothing",
    "type",
)
EXTRACT_LA_COLUMNS = (*EXTRACT_COMMON, "la_name", "la_code", "force", "date", "time")
EXTRACT_BOROUGH_COLUMNS = (*EXTRACT_COMMON, "la", "datetime")
API_JSON_KEYS = (
    "age_range",
    "gender",
    "self_defined_ethnicity",
    "officer_defined_ethnicity",
    "object_of_search",
    "legislation",
    "outcome",
    "outcome_linked_to_object_of_search",
    "removal_of_more_than_outer_clothing",
    "type",
    "datetime",
    "location",
)
CENSUS_CHILDREN_COLUMNS = ("geo_id", "la_name", "ethnicity", "age_band", "sex", "population")
CENSUS_ALL_AGES_5_COLUMNS = ("LAD", "LAD_code", "Asian", "Black", "Mixed", "Other", "White")
CENSUS_ALL_AGES_20_COLUMNS = (
    "Lower Tier Local Authorities Code",
    "Lower Tier Local Authorities",
    "Ethnic group (20 categories) Code",
    "Ethnic group (20 categories)",
    "Observation",
)

# (format, kind, required columns) in the order they are tried.
CSV_SHAPES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("archive_csv", "stops", ARCHIVE_COLUMNS),
    ("api_extract_csv", "stops", EXTRACT_LA_COLUMNS),
    ("api_extract_csv", "stops", EXTRACT_BOROUGH_COLUMNS),
    ("census_children", "population_children", CENSUS_CHILDREN_COLUMNS),
    ("census_all_ages", "population_all_ages", CENSUS_ALL_AGES_5_COLUMNS),
    ("census_all_ages", "population_all_ages", CENSUS_ALL_AGES_20_COLUMNS),
)
OLD_VOCABULARY = re.compile(r"\((?:[WMABO]\d|NS)\)|Nothing found - no further action")
MONTH_KEY = re.compile(r"^\d{4}-\d{2}$")


@dataclass(frozen=True)
class Shape:
    format: str  # archive_csv_2016 | archive_csv | api_json | api_extract_csv | census_* | ...
    kind: str  # stops | population_children | population_all_ages | reference_totals
    gzip: bool = False
    columns: tuple[str, ...] = ()
    comment_lines: int = 0  # leading '#' provenance lines to skip
    variant: str = ""  # e.g. 'la' / 'borough' extracts, '5' / '20' census groupings
    extra: dict[str, object] = field(default_factory=dict)


def _read_sample(path: Path) -> tuple[bytes, bool]:
    try:
        with path.open("rb") as raw:
            head = raw.read(2)
            raw.seek(0)
            if head == b"\x1f\x8b":
                try:
                    with gzip.open(raw) as unzipped:
                        return unzipped.read(SAMPLE_BYTES), True
                except (EOFError, OSError, zlib.error) as exc:
                    raise ImportFailed(path, f"the gzip file is damaged or truncated ({exc})") from exc
            return raw.read(SAMPLE_BYTES), False
    except FileNotFoundError as exc:
        raise ImportFailed(path, "no such file") from exc
    except IsADirectoryError as exc:
        raise ImportFailed(path, "is a directory, not a file") from exc


def _first_json_record(path: Path, text: str) -> dict[str, object] | None:
    body = text.lstrip()[1:].lstrip()
    if body.startswith("]"):
        return None
    try:
        record, _ = json.JSONDecoder().raw_decode(body)
    except json.JSONDecodeError as exc:
        raise ImportFailed(path, f"not valid JSON ({exc.msg} in the first record)") from exc
    if not isinstance(record, dict):
        raise ImportFailed(path, "a JSON array, but its items are not stop-and-search records")
    return record


def detect(path: str | Path) -> Shape:
    """Recognise the file's shape or raise ImportFailed saying why not."""
    path = Path(path)
    sample, is_gzip = _read_sample(path)
    text = sample.decode("utf-8-sig", errors="replace")
    if not text.strip():
        raise ImportFailed(path, "the file is empty")
    first = text.lstrip()[0]
    if first == "[":
        record = _first_json_record(path, text)
        if record is None:
            raise ImportFailed(path, "the file is empty (a JSON array with no records)")
        missing = [key for key in API_JSON_KEYS if key not in record]
        if missing:
            raise ImportFailed(
                path,
                "police.uk API JSON record is missing field(s): " + ", ".join(missing),
            )
        return Shape("api_json", "stops", is_gzip, variant="borough" if "borough" in record else "")
    if first == "{":
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ImportFailed(path, f"not valid JSON ({exc.msg})") from exc
        if isinstance(document, dict) and document and all(MONTH_KEY.match(k) for k in document):
            return Shape("api_monthly_totals", "reference_totals", is_gzip)
        raise ImportFailed(path, "a JSON object, but not monthly totals keyed by YYYY-MM")
    lines = text.splitlines()
    comment_lines = 0
    while comment_lines < len(lines) and lines[comment_lines].startswith("#"):
        comment_lines += 1
    if comment_lines == len(lines) or not lines[comment_lines].strip():
        raise ImportFailed(path, "the file is empty (no header line)")
    header = next(csv.reader(io.StringIO(lines[comment_lines])))
    header = [h.strip() for h in header]
    present = set(header)
    best: tuple[int, str, tuple[str, ...]] | None = None
    for fmt, kind, required in CSV_SHAPES:
        missing = [c for c in required if c not in present]
        if not missing:
            if fmt == "archive_csv" and OLD_VOCABULARY.search(text):
                fmt = "archive_csv_2016"
            variant = ""
            if fmt == "api_extract_csv":
                variant = "la" if "la_code" in present else "borough"
            elif fmt == "census_all_ages":
                variant = "5" if "LAD_code" in present else "20"
            return Shape(fmt, kind, is_gzip, tuple(header), comment_lines, variant)
        overlap = len(required) - len(missing)
        if overlap >= len(required) // 2 and (best is None or overlap > best[0]):
            best = (overlap, fmt, tuple(missing))
    if best is not None:
        _, fmt, missing_cols = best
        raise ImportFailed(
            path,
            f"looks like a {FORMAT_NAMES[fmt]} but is missing column(s): "
            + ", ".join(repr(c) for c in missing_cols),
        )
    shown = ", ".join(header[:6]) + (", ..." if len(header) > 6 else "")
    raise ImportFailed(
        path,
        f"unknown file shape: not a police.uk stop-and-search file or a Census 2021 table (header: {shown})",
    )


FORMAT_NAMES = {
    "archive_csv": "data.police.uk archive stop-and-search CSV",
    "archive_csv_2016": "data.police.uk archive stop-and-search CSV (2016 vocabulary)",
    "api_extract_csv": "flattened police.uk API extract",
    "api_json": "police.uk API JSON",
    "api_monthly_totals": "monthly totals of police.uk API records",
    "census_children": "Census 2021 children 10-17 table",
    "census_all_ages": "Census 2021 all-ages ethnicity table",
}
