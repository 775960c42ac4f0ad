"""Import public stop-and-search and population files into the open-data store.

Pure module, no Django: ``import_path(con, path)`` takes a DuckDB connection (see ``store.connect``).
The heavy lifting is done in DuckDB SQL: the file is read once with ``read_csv``/``read_json`` into a
normalised temporary table (labels mapped through small lookup tables), then copied into ``stops`` (good
rows) and ``quarantine`` (bad rows, each with its reason and the original record as JSON).

One file is one transaction: if anything fails, nothing of that file is left in the store. A file whose
SHA-256 is already recorded in ``imports`` is not imported again.
"""

# SQL here is assembled from this module's own constants, vocabulary tables and file paths quoted
# with _sql_str/_q; values that come from users (force filters) are always bound parameters.
# ruff: noqa: S608

from __future__ import annotations

import hashlib
import re
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from . import population, vocab
from .shapes import FORMAT_NAMES, ImportFailed, Shape, detect
from .store import ATTRIBUTION, LICENCE, ensure_schema

Progress = Callable[[str, int, int], None]
"""Called as progress(stage, done, total) while a file is imported (bytes while hashing)."""

SOURCES: dict[str, tuple[str, str]] = {
    # format -> (source, source_url)
    "archive_csv": ("data.police.uk", "https://data.police.uk/data/archive/"),
    "archive_csv_2016": ("data.police.uk", "https://data.police.uk/data/archive/"),
    "api_json": ("data.police.uk", "https://data.police.uk/docs/method/stops-force/"),
    "api_extract_csv": ("data.police.uk", "https://data.police.uk/docs/method/stops-street/"),
    "api_monthly_totals": ("data.police.uk", "https://data.police.uk/docs/method/stops-force/"),
    "census_children": ("ONS Census 2021", "https://www.ons.gov.uk/census"),
    "census_all_ages": ("ONS Census 2021", "https://www.ons.gov.uk/census"),
}

ARCHIVE_NAME = re.compile(r"^\d{4}-\d{2}-(?P<force>[a-z0-9-]+?)-stop-and-search\.csv(?:\.gz)?$")
API_DIR = re.compile(r"^api-(?P<force>[a-z0-9-]+)$")


@dataclass
class ImportResult:
    path: str
    sha256: str
    format: str
    kind: str
    import_id: str | None = None
    already_imported: bool = False
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    quarantine_reasons: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        name = FORMAT_NAMES.get(self.format, self.format)
        if self.already_imported:
            return (
                f"{self.path}: already imported (same SHA-256 {self.sha256[:12]}…, "
                f"import {self.import_id}); nothing added"
            )
        text = (
            f"{self.path}: {name}; {self.rows_read:,} rows read, {self.rows_loaded:,} loaded, "
            f"{self.rows_quarantined:,} quarantined"
        )
        for reason, count in sorted(self.quarantine_reasons.items(), key=lambda kv: -kv[1]):
            text += f"\n  quarantined {count:,}: {reason}"
        return text


def sha256_of(path: Path, progress: Progress | None = None) -> str:
    digest = hashlib.sha256()
    total = path.stat().st_size
    done = 0
    with path.open("rb") as handle:
        while chunk := handle.read(4 * 1024 * 1024):
            digest.update(chunk)
            done += len(chunk)
            if progress:
                progress("hashing", done, total)
    return digest.hexdigest()


def force_from_path(path: Path) -> str | None:
    """The force slug a file's name or folder gives away (archive names, api-<force>/ folders)."""
    match = ARCHIVE_NAME.match(path.name)
    if match:
        return match.group("force")
    for part in reversed(path.parent.parts):
        match = API_DIR.match(part)
        if match:
            return match.group("force")
    return None


def import_path(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    *,
    source: str | None = None,
    force: str | None = None,
    progress: Progress | None = None,
    kinds: frozenset[str] | None = None,
) -> ImportResult:
    """Import one file. Raises ImportFailed (and changes nothing) when the file cannot be imported.

    ``kinds`` limits what may be imported (e.g. only population tables); another kind is refused.
    """
    path = Path(path)
    shape = detect(path)
    if kinds is not None and shape.kind not in kinds:
        raise ImportFailed(
            path,
            f"is a {FORMAT_NAMES.get(shape.format, shape.format)}, not one of: " + ", ".join(sorted(kinds)),
        )
    ensure_schema(con)
    digest = sha256_of(path, progress)
    result = ImportResult(str(path), digest, shape.format, shape.kind)
    existing = con.execute("SELECT import_id FROM imports WHERE sha256 = ?", [digest]).fetchone()
    if existing:
        result.already_imported = True
        result.import_id = existing[0]
        return result
    import_id = uuid.uuid4().hex
    result.import_id = import_id
    default_source, source_url = SOURCES.get(shape.format, ("unknown", ""))
    con.execute("SET TimeZone = 'UTC'")
    con.begin()
    try:
        if shape.kind == "stops":
            loaded, quarantined = _import_stops(
                con, path, shape, import_id, force or force_from_path(path), progress=progress
            )
        elif shape.kind == "reference_totals":
            _import_reference_totals(con, path, shape, import_id, force or force_from_path(path))
            loaded, quarantined = _quarantine_from_norm(con, import_id)
        else:
            population.import_population(con, path, shape, import_id)
            loaded, quarantined = _quarantine_from_norm(con, import_id)
        result.rows_loaded, result.rows_quarantined = loaded, quarantined
        result.rows_read = loaded + quarantined
        if result.rows_read == 0:
            raise ImportFailed(path, "the file has a header but no data rows")
        result.quarantine_reasons = {
            reason: int(n)
            for reason, n in con.execute(
                "SELECT reason, count(*) FROM quarantine WHERE import_id = ? GROUP BY reason",
                [import_id],
            ).fetchall()
        }
        con.execute(
            "INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                import_id,
                str(path.resolve()),
                digest,
                shape.kind,
                shape.format,
                source or default_source,
                source_url,
                LICENCE,
                ATTRIBUTION,
                datetime.now(UTC),
                result.rows_read,
                result.rows_loaded,
                result.rows_quarantined,
            ],
        )
        con.commit()
    except ImportFailed:
        con.rollback()
        raise
    except duckdb.Error as exc:
        con.rollback()
        raise ImportFailed(path, _explain(exc)) from exc
    except BaseException:
        con.rollback()
        raise
    return result


def _quarantine_from_norm(con: duckdb.DuckDBPyConnection, import_id: str) -> tuple[int, int]:
    """Move the bad rows of the temporary ``_norm`` table to quarantine; (loaded, quarantined)."""
    counts = con.execute(
        "SELECT count(*) FILTER (WHERE reason IS NULL), count(*) FILTER (WHERE reason IS NOT NULL) FROM _norm"
    ).fetchone()
    assert counts is not None
    con.execute(
        "INSERT INTO quarantine SELECT ?, source_row, reason, raw FROM _norm WHERE reason IS NOT NULL",
        [import_id],
    )
    con.execute("DROP TABLE _norm")
    return int(counts[0]), int(counts[1])


def _run(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    params: list[object] | None = None,
    *,
    progress: Progress | None = None,
    stage: str = "",
) -> int:
    """Execute one (long) statement, reporting DuckDB's own progress; returns rows changed."""
    if progress is None:
        return _changed(con.execute(sql, params or []))
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    finished = threading.Event()

    def poll() -> None:
        while not finished.wait(0.2):
            percent = con.query_progress()
            if percent >= 0:
                progress(stage, int(percent), 100)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    try:
        changed = _changed(con.execute(sql, params or []))
    finally:
        finished.set()
        poller.join()
    progress(stage, 100, 100)
    return changed


def _changed(cursor: duckdb.DuckDBPyConnection) -> int:
    row = cursor.fetchone()
    return int(row[0]) if row else 0


def _explain(exc: duckdb.Error) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    lowered = str(exc).lower()
    if "gzip" in lowered or "zlib" in lowered or "inflate" in lowered:
        return f"the gzip file is damaged or truncated ({message})"
    return f"could not be read ({message})"


def _sql_str(value: str | None) -> str:
    if value is None:
        return "NULL"
    return "'" + value.replace("'", "''") + "'"


def _lookup(con: duckdb.DuckDBPyConnection, name: str, rows: list[tuple[str, ...]], cols: str) -> None:
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({cols})")
    if rows:
        con.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(rows[0]))})", rows)


def _create_lookups(con: duckdb.DuckDBPyConnection) -> None:
    _lookup(
        con,
        "_lk_self",
        [(k, v, vocab.SELF_ETHNICITY_5[v]) for k, v in vocab.SELF_ETHNICITY.items()],  # type: ignore[misc]
        "label VARCHAR, category VARCHAR, five VARCHAR",
    )
    _lookup(con, "_lk_outcome", list(vocab.OUTCOME_GROUP.items()), "label VARCHAR, grp VARCHAR")
    _lookup(con, "_lk_force", list(vocab.FORCE_SLUGS.items()), "label VARCHAR, slug VARCHAR")
    _lookup(
        con,
        "_lk_borough",
        list(vocab.LONDON_BOROUGHS.items()),
        "code VARCHAR, name VARCHAR",
    )


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _raw_json_sql(con: duckdb.DuckDBPyConnection, source: str) -> str:
    """json_object(...) of every column of the original record (its columns renamed o_<name>)."""
    names = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
    pairs = ", ".join(f"{_sql_str(name)}, {_ident('o_' + name)}" for name in names)
    return f"json_object({pairs})::VARCHAR"


def _reader_sql(con: duckdb.DuckDBPyConnection, path: Path, shape: Shape) -> tuple[str, str]:
    """SQL yielding the file's records with canonical raw column names (all text), and the SQL
    expression giving a record's original fields as JSON (for quarantine)."""
    p = _sql_str(str(path))
    if shape.format == "api_json":
        columns = (
            "{'age_range': 'VARCHAR', 'gender': 'VARCHAR', 'self_defined_ethnicity': 'VARCHAR',"
            " 'officer_defined_ethnicity': 'VARCHAR', 'object_of_search': 'VARCHAR',"
            " 'legislation': 'VARCHAR', 'outcome': 'VARCHAR',"
            " 'outcome_linked_to_object_of_search': 'VARCHAR',"
            " 'removal_of_more_than_outer_clothing': 'VARCHAR', 'type': 'VARCHAR',"
            " 'datetime': 'VARCHAR', 'borough': 'VARCHAR',"
            " 'location': 'STRUCT(latitude VARCHAR, longitude VARCHAR)'}"
        )
        source = f"read_json({p}, format='array', columns={columns})"
        borough = "borough" if shape.variant == "borough" else "NULL"
        sql = f"""
            SELECT row_number() OVER () AS source_row, COLUMNS(*) AS 'o_\\0',
                type AS r_type, datetime AS r_datetime, NULL AS r_force,
                NULLIF({borough}, '') AS r_la_name, NULL AS r_la_code,
                age_range AS r_age, gender AS r_gender, self_defined_ethnicity AS r_self,
                officer_defined_ethnicity AS r_officer, legislation AS r_legislation,
                object_of_search AS r_object, outcome AS r_outcome,
                outcome_linked_to_object_of_search AS r_linked,
                removal_of_more_than_outer_clothing AS r_strip,
                location.latitude AS r_lat, location.longitude AS r_lon
            FROM {source} AS src
        """
        return sql, _raw_json_sql(con, source)
    source = (
        f"read_csv({p}, header=true, all_varchar=true, delim=',', quote='\"', escape='\"',"
        f" skip={shape.comment_lines}, strict_mode=false, null_padding=true)"
    )
    if shape.format in ("archive_csv", "archive_csv_2016"):
        mapping = """
            "Type" AS r_type, "Date" AS r_datetime, NULL AS r_force,
            NULL AS r_la_name, NULL AS r_la_code, "Age range" AS r_age, "Gender" AS r_gender,
            "Self-defined ethnicity" AS r_self, "Officer-defined ethnicity" AS r_officer,
            "Legislation" AS r_legislation, "Object of search" AS r_object, "Outcome" AS r_outcome,
            "Outcome linked to object of search" AS r_linked,
            "Removal of more than just outer clothing" AS r_strip,
            "Latitude" AS r_lat, "Longitude" AS r_lon
        """
    else:
        if shape.variant == "la":
            when = """date || 'T' || time || '+00:00' AS r_datetime, force AS r_force,
                la_name AS r_la_name, la_code AS r_la_code,"""
        else:
            when = """datetime AS r_datetime, NULL AS r_force,
                la AS r_la_name, NULL AS r_la_code,"""
        mapping = f"""
            type AS r_type, {when}
            age_range AS r_age, gender AS r_gender, self_defined_ethnicity AS r_self,
            officer_defined_ethnicity AS r_officer, legislation AS r_legislation,
            object_of_search AS r_object, outcome AS r_outcome,
            outcome_linked_to_object_of_search AS r_linked,
            removal_of_more_than_outer_clothing AS r_strip,
            "location.latitude" AS r_lat, "location.longitude" AS r_lon
        """
    sql = f"SELECT row_number() OVER () AS source_row, COLUMNS(*) AS 'o_\\0', {mapping} FROM {source} AS src"
    return sql, _raw_json_sql(con, source)


def _bool_sql(column: str) -> str:
    return f"CASE lower({column}) WHEN 'true' THEN true WHEN 'false' THEN false END"


def _bad_bool_sql(column: str) -> str:
    return f"(NULLIF({column}, '') IS NOT NULL AND lower({column}) NOT IN ('true', 'false'))"


def _import_stops(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    shape: Shape,
    import_id: str,
    file_force: str | None,
    *,
    progress: Progress | None = None,
) -> tuple[int, int]:
    """Read, normalise and load in one streaming pass of DuckDB SQL; returns (loaded, quarantined).

    Every record goes into ``stops`` in that pass, bad ones under a negative ``source_row``. Only if
    there are any is the file read a second time, to put those records in quarantine with their
    reason and original fields; they are then removed from ``stops``. All of it happens inside the
    caller's transaction, so no one ever sees the bad rows in ``stops``.
    """
    _create_lookups(con)
    reader, raw_json = _reader_sql(con, path, shape)
    ages = ", ".join(_sql_str(a) for a in vocab.AGE_BANDS)
    children = ", ".join(_sql_str(a) for a in vocab.CHILD_AGE_BANDS)
    genders = ", ".join(_sql_str(g) for g in sorted(vocab.GENDERS))
    officer = ", ".join(_sql_str(e) for e in sorted(vocab.OFFICER_ETHNICITY))
    types = ", ".join(_sql_str(t) for t in sorted(vocab.SEARCH_TYPES))
    file_force_sql = _sql_str(file_force)
    city = _sql_str(vocab.CITY_OF_LONDON)
    # Archive files name neither force nor borough: skip those lookups for them.
    has_force = shape.format == "api_extract_csv" and shape.variant == "la"
    has_borough = shape.format not in ("archive_csv", "archive_csv_2016")
    force_join = "LEFT JOIN _lk_force f ON f.label = raw.r_force" if has_force else ""
    force_slug = "f.slug" if has_force else "NULL::VARCHAR"
    borough_join = "LEFT JOIN _lk_borough bn ON bn.name = raw.r_la_name" if has_borough else ""
    borough_code = "bn.code" if has_borough else "NULL::VARCHAR"
    normalised = f"""
        WITH raw AS ({reader}),
        typed AS (
            SELECT raw.*,
                TRY_CAST(raw.r_datetime AS TIMESTAMPTZ) AS ts,
                s.category AS self_ethnicity, s.five AS self_ethnicity_5,
                o.grp AS outcome_group, {force_slug} AS force_slug,
                coalesce(NULLIF(raw.r_la_code, ''), {borough_code}) AS b_code,
                NULLIF(raw.r_age, '') AS age, NULLIF(raw.r_gender, '') AS gen,
                NULLIF(raw.r_officer, '') AS off_eth, NULLIF(raw.r_type, '') AS typ,
                TRY_CAST(raw.r_lat AS DOUBLE) AS lat, TRY_CAST(raw.r_lon AS DOUBLE) AS lon
            FROM raw
            LEFT JOIN _lk_self s ON s.label = raw.r_self
            LEFT JOIN _lk_outcome o ON o.label = raw.r_outcome
            {force_join}
            {borough_join}
        ),
        checked AS (
            SELECT typed.*, timezone('Europe/London', ts) AS local_ts,
                coalesce(force_slug, {file_force_sql},
                    CASE WHEN b_code = {city} THEN 'city-of-london'
                         WHEN b_code LIKE 'E09%' THEN 'metropolitan' END) AS force_final,
                CASE
                    WHEN NULLIF(r_datetime, '') IS NULL THEN 'missing date'
                    WHEN ts IS NULL THEN 'unparseable date: ' || r_datetime
                    WHEN NULLIF(r_force, '') IS NOT NULL AND force_slug IS NULL
                        THEN 'unknown force name: ' || r_force
                    WHEN NULLIF(r_self, '') IS NOT NULL AND self_ethnicity IS NULL
                        THEN 'unknown self-defined ethnicity label: ' || r_self
                    WHEN off_eth IS NOT NULL AND off_eth NOT IN ({officer})
                        THEN 'unknown officer-defined ethnicity label: ' || r_officer
                    WHEN NULLIF(r_outcome, '') IS NOT NULL AND outcome_group IS NULL
                        THEN 'unknown outcome label: ' || r_outcome
                    WHEN age IS NOT NULL AND age NOT IN ({ages})
                        THEN 'unknown age range: ' || r_age
                    WHEN gen IS NOT NULL AND gen NOT IN ({genders})
                        THEN 'unknown gender: ' || r_gender
                    WHEN typ IS NOT NULL AND typ NOT IN ({types})
                        THEN 'unknown search type: ' || r_type
                    WHEN {_bad_bool_sql("r_linked")}
                        THEN 'outcome linked to object is not true/false: ' || r_linked
                    WHEN {_bad_bool_sql("r_strip")}
                        THEN 'removal of more than outer clothing is not true/false: ' || r_strip
                    WHEN NULLIF(r_lat, '') IS NOT NULL AND lat IS NULL
                        THEN 'unparseable latitude: ' || r_lat
                    WHEN NULLIF(r_lon, '') IS NOT NULL AND lon IS NULL
                        THEN 'unparseable longitude: ' || r_lon
                END AS reason
            FROM typed
        )
        SELECT
            source_row,
            force_final AS force,
            make_timestamp(epoch_us(ts)) AS occurred_utc,
            local_ts AS occurred_local,
            strftime(local_ts, '%Y-%m') AS month,
            b_code AS borough_code,
            coalesce(bc.name, NULLIF(r_la_name, '')) AS borough_name,
            typ AS type,
            age AS age_band,
            CASE WHEN age IS NULL THEN NULL ELSE age IN ({children}) END AS is_child,
            gen AS gender,
            self_ethnicity,
            self_ethnicity_5,
            off_eth AS officer_ethnicity,
            NULLIF(r_legislation, '') AS legislation,
            NULLIF(r_object, '') AS object_of_search,
            NULLIF(r_outcome, '') AS outcome,
            outcome_group,
            {_bool_sql("r_linked")} AS outcome_linked_to_object,
            {_bool_sql("r_strip")} AS strip_search,
            lat AS latitude,
            lon AS longitude,
            CASE WHEN force_final IS NULL AND reason IS NULL
                THEN 'force unknown: pass --force (file name and records do not say)'
                ELSE reason END AS reason,
            CASE WHEN reason IS NOT NULL OR force_final IS NULL THEN {raw_json} END AS raw
        FROM checked
        LEFT JOIN _lk_borough bc ON bc.code = checked.b_code
    """
    written = _run(
        con,
        f"""
        INSERT INTO stops
        SELECT ?, CASE WHEN reason IS NULL THEN source_row ELSE -source_row END, force,
            occurred_utc, occurred_local, month, borough_code, borough_name, type, age_band,
            is_child, gender, self_ethnicity, self_ethnicity_5, officer_ethnicity, legislation,
            object_of_search, outcome, outcome_group, outcome_linked_to_object, strip_search,
            latitude, longitude
        FROM ({normalised})
        """,
        [import_id],
        progress=progress,
        stage="loading",
    )
    bad = con.execute(
        "SELECT count(*) FROM stops WHERE import_id = ? AND source_row < 0", [import_id]
    ).fetchone()
    quarantined = int(bad[0]) if bad else 0
    if quarantined:
        _run(
            con,
            f"INSERT INTO quarantine SELECT ?, source_row, reason, raw FROM ({normalised})"
            " WHERE reason IS NOT NULL",
            [import_id],
            progress=progress,
            stage="quarantining",
        )
        con.execute("DELETE FROM stops WHERE import_id = ? AND source_row < 0", [import_id])
    return written - quarantined, quarantined


def _import_reference_totals(
    con: duckdb.DuckDBPyConnection, path: Path, shape: Shape, import_id: str, force: str | None
) -> None:
    if force is None:
        raise ImportFailed(path, "monthly totals do not say which force they count: pass --force")
    p = _sql_str(str(path))
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _norm AS
        WITH pairs AS (
            SELECT unnest(map_entries(CAST(json AS MAP(VARCHAR, JSON)))) AS e
            FROM read_json_objects({p}, format='auto')
        )
        SELECT row_number() OVER () AS source_row, e.key AS month,
            TRY_CAST(e.value AS BIGINT) AS total,
            CASE WHEN TRY_CAST(e.value AS BIGINT) IS NULL THEN 'total is not a whole number: '
                    || e.value::VARCHAR
                 WHEN TRY_CAST(e.value AS BIGINT) < 0 THEN 'negative total: ' || e.value::VARCHAR
            END AS reason,
            json_object(e.key, e.value)::VARCHAR AS raw
        FROM pairs
        """
    )
    con.execute(
        "INSERT INTO reference_monthly_totals SELECT ?, ?, month, total FROM _norm WHERE reason IS NULL",
        [import_id, force],
    )
