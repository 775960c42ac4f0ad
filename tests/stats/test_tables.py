from __future__ import annotations

import pytest

from childfirst.stats import GroupCounts, OutcomeCounts, Suppression, outcome_table, rri_grid, rri_table


def groups() -> list[GroupCounts]:
    return [
        GroupCounts("Asian", 40, 20_000),
        GroupCounts("Black", 120, 4_000),
        GroupCounts("Mixed", 4, 3_000),
        GroupCounts("White", 200, 20_000),
        GroupCounts("Other", 0, 1_000),
    ]


def test_rri_table_against_reference_with_suppression() -> None:
    rows = {r.group: r for r in rri_table(groups(), "White")}
    assert rows["White"].rri == 1.0
    assert rows["White"].is_reference
    assert rows["White"].ci_low is None
    assert rows["Black"].rate_per_1000 == pytest.approx(30.0)
    assert rows["Black"].rri == pytest.approx(3.0)
    assert rows["Black"].ci_low == pytest.approx(2.399, abs=1e-3)
    mixed = rows["Mixed"]
    assert mixed.suppressed
    assert mixed.events is None
    assert mixed.events_shown == "<10"
    assert (mixed.rate_per_1000, mixed.rri, mixed.ci_low, mixed.ci_high) == (None, None, None, None)
    other = rows["Other"]
    assert other.events_shown == "0"
    assert other.rri == 0.0
    assert other.ci_low is None
    assert "Katz" in other.note


def test_exact_method_gives_an_interval_for_zero_events() -> None:
    rows = {r.group: r for r in rri_table(groups(), "White", method="exact")}
    assert rows["Other"].ci_low == 0.0
    assert rows["Other"].ci_high is not None
    assert rows["Other"].ci_high > 0


def test_threshold_is_configurable() -> None:
    rows = {r.group: r for r in rri_table(groups(), "White", suppression=Suppression(threshold=0))}
    assert not rows["Mixed"].suppressed
    assert rows["Mixed"].rri == pytest.approx((4 / 3_000) / (200 / 20_000))
    rows = {r.group: r for r in rri_table(groups(), "White", suppression=Suppression(threshold=50))}
    assert rows["Asian"].events_shown == "<50"


def test_suppressed_reference_withholds_every_ratio() -> None:
    rows = rri_table([GroupCounts("Black", 50, 1_000), GroupCounts("White", 5, 1_000)], "White")
    assert rows[0].rate_per_1000 == pytest.approx(50.0)
    assert rows[0].rri is None
    assert "reference group" in rows[0].note


def test_group_without_population() -> None:
    rows = {r.group: r for r in rri_table([*groups(), GroupCounts("Not stated", 30, None)], "White")}
    assert rows["Not stated"].rate_per_1000 is None
    assert rows["Not stated"].rri is None
    assert rows["Not stated"].note == "no population figure for this group"


def test_bad_input_names_the_field() -> None:
    with pytest.raises(ValueError, match="reference: unknown group 'Purple'"):
        rri_table(groups(), "Purple")
    with pytest.raises(ValueError, match="events: counts cannot be negative"):
        rri_table([GroupCounts("White", -1, 10)], "White")
    with pytest.raises(ValueError, match="population: counts cannot be negative"):
        rri_table([GroupCounts("White", 1, -10)], "White")
    with pytest.raises(ValueError, match="threshold cannot be negative"):
        Suppression(-1)


def test_outcome_table_shares_and_ratios() -> None:
    rows = outcome_table(
        [
            OutcomeCounts("Black", searches=400, finds=60, arrests=40),
            OutcomeCounts("White", searches=300, finds=75, arrests=30),
            OutcomeCounts("Mixed", searches=50, finds=3, arrests=12),
        ],
        "White",
    )
    black, white, mixed = rows
    assert black.find.share == pytest.approx(0.15)
    assert black.find.ratio == pytest.approx(0.15 / 0.25)
    assert black.find.ratio_low < black.find.ratio < black.find.ratio_high < 1.0
    assert black.arrest.ratio == pytest.approx(1.0)
    assert white.find.ratio == 1.0
    assert mixed.find.count_shown == "<10"
    assert mixed.find.share is None
    assert mixed.arrest.share == pytest.approx(12 / 50)
    with pytest.raises(ValueError, match="finds/arrests: more than searches"):
        outcome_table([OutcomeCounts("White", 1, 2, 0)], "White")


def test_grid_gives_the_same_rows_as_one_table_per_cell() -> None:
    names = ["Black", "White"]
    events = [[120, 200], [3, 50], [0, 40]]
    pops = [[4_000, 20_000], [1_000, 9_000], [800, 7_000]]
    grid = rri_grid(names, events, pops, "White", method="exact")
    for k in range(3):
        single = rri_table(
            [GroupCounts(n, events[k][i], pops[k][i]) for i, n in enumerate(names)], "White", method="exact"
        )
        assert grid[k] == single
    assert grid[1][0].events_shown == "<10"
    with pytest.raises(ValueError, match="events/population: shapes"):
        rri_grid(names, [[1, 2, 3]], [[1, 2, 3]], "White")
