"""The data-quality report on the real data, including the partial-month rule."""

from __future__ import annotations

import pytest

from childfirst.opendata import quality, store
from childfirst.opendata.importer import import_path

from .conftest import (
    API_DIR,
    ARCHIVE_CITY,
    FIXTURES,
    LONDON_EXTRACT,
    MONTHLY_TOTALS,
    count,
)

API_PARTIAL = ["2024-09", "2024-10", "2024-11", "2024-12", "2025-01", "2025-02", "2025-03", "2025-04"]


@pytest.fixture(scope="module")
def london(tmp_path_factory):
    """The London one-year extract, imported once for the slow tests."""
    con = store.connect(tmp_path_factory.mktemp("london") / "opendata.duckdb")
    result = import_path(con, LONDON_EXTRACT)
    yield con, result
    con.close()


@pytest.mark.slow
def test_london_extract_row_counts(london):
    con, result = london
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (150_152, 150_152, 0)
    forces = dict(con.execute("SELECT force, count(*) FROM stops GROUP BY 1").fetchall())
    assert forces == {"metropolitan": 148_182, "city-of-london": 1_970}
    # Partial months as published (the extract's dates are UTC): 492 and 775 rows.
    assert count(con, "SELECT count(*) FROM stops WHERE strftime(occurred_utc, '%Y-%m') = '2022-06'") == 492
    assert count(con, "SELECT count(*) FROM stops WHERE strftime(occurred_utc, '%Y-%m') = '2022-11'") == 775
    assert count(con, "SELECT count(DISTINCT borough_code) FROM stops") == 33


@pytest.mark.slow
def test_london_extract_partial_months_are_flagged(london):
    con, _ = london
    flagged = quality.partial_months(con)
    assert [(p.force, p.month) for p in flagged] == [
        ("metropolitan", "2022-06"),
        ("metropolitan", "2022-11"),
    ]
    june = flagged[0]
    assert june.rows < 0.5 * june.neighbour_median
    # The City of London's months vary (103 to 328 a month) without being flagged.
    assert quality.partial_months(con, "city-of-london") == []


@pytest.mark.slow
def test_london_extract_blank_strip_search_and_duplicates(london):
    con, _ = london
    blanks = {(b["force"], b["field"]): b for b in quality.blank_rates(con) if b["field"] == "strip_search"}
    met = blanks[("metropolitan", "strip_search")]
    assert met["blank_share"] > 0.9  # README: ~95% blank
    dups = {d["force"]: d for d in quality.duplicates(con)}
    assert dups["metropolitan"]["extra_rows"] > 1_000
    # Duplicates are reported, never deleted.
    assert count(con, "SELECT count(*) FROM stops") == 150_152


def test_api_months_flagged_against_published_totals(con):
    for path in sorted(API_DIR.glob("*.json")):
        import_path(con, path)
    # Without a reference, a run of equally low months looks normal to itself.
    assert quality.partial_months(con) == []
    import_path(con, MONTHLY_TOTALS)
    flagged = [p.month for p in quality.partial_months(con, "metropolitan")]
    assert flagged == ["2022-12", *API_PARTIAL]
    table = {m.month: m for m in quality.month_table(con)}
    assert "fewer than half the median" in table["2025-01"].why
    assert table["2024-09"].published_total == 3251


def test_complete_month_is_not_flagged(con):
    import_path(con, ARCHIVE_CITY)
    assert quality.partial_months(con) == []
    rows = quality.month_table(con)
    assert [(r.force, r.month, r.rows, r.partial) for r in rows] == [
        ("city-of-london", "2023-03", 197, False)
    ]


def test_report_lists_quarantine_and_imports(con):
    import_path(con, ARCHIVE_CITY)
    import_path(con, FIXTURES / "bad-rows.csv", force="city-of-london")
    rep = quality.report(con)
    reasons = {q["reason"] for q in rep.quarantine}
    assert "unknown outcome label: Sent to the moon" in reasons
    assert len(rep.imports) == 2
    as_dict = rep.as_dict()
    assert as_dict["partial_month_rule"] == quality.RULE
    assert {b["field"] for b in as_dict["blank_rates"]} >= {"strip_search", "self_ethnicity"}


def test_partial_month_rule_on_small_series(con):
    """A single low month between steady ones is flagged; a gentle decline is not."""
    con.execute(
        "INSERT INTO reference_monthly_totals VALUES ('x', 'testforce', '2023-01', 1000),"
        " ('x', 'testforce', '2023-02', 1000), ('x', 'testforce', '2023-03', 1000)"
    )
    con.execute(
        """
        INSERT INTO stops (force, month)
        SELECT 'testforce', m FROM (VALUES ('2023-04', 900), ('2023-05', 400), ('2023-06', 800),
            ('2023-07', 700)) v(m, n), range(n)
        """
    )
    assert [p.month for p in quality.partial_months(con, "testforce")] == ["2023-05"]


def test_partial_month_rule_after_a_lasting_drop(con):
    """A lasting halving is flagged for at most six months, then becomes the new normal."""
    months = [f"2023-{m:02d}" for m in range(1, 13)] + [f"2024-{m:02d}" for m in range(1, 13)]
    counts = [1000] * 6 + [400] * 18
    con.executemany(
        "INSERT INTO reference_monthly_totals VALUES ('x', 'testforce', ?, ?)",
        list(zip(months, counts, strict=True)),
    )
    con.execute(
        "INSERT INTO stops (force, month) SELECT 'testforce', month FROM reference_monthly_totals,"
        " range(total)"
    )
    flagged = [p.month for p in quality.partial_months(con, "testforce")]
    assert flagged == months[6:12]
    assert quality.RULE.startswith("A month is flagged as partial")
