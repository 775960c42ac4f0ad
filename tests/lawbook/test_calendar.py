"""The bank-holiday table is checked against the rules that generate it (Easter computus, Monday
holidays, weekend substitutes) plus the known one-off changes, and working days are counted from it."""

import datetime as dt

import pytest

from childfirst.lawbook import InputError, is_working_day, working_days_add, working_days_between
from childfirst.lawbook.calendar import bank_holidays

D = dt.date


def easter(year: int) -> dt.date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return D(year, month, day + 1)


def first_monday(year: int, month: int) -> dt.date:
    day = D(year, month, 1)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def last_monday(year: int, month: int) -> dt.date:
    day = D(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return day - dt.timedelta(days=day.weekday())


def expected_holidays(year: int) -> set[dt.date]:
    days = set()
    new_year = D(year, 1, 1)
    days.add(new_year if new_year.weekday() < 5 else new_year + dt.timedelta(days=7 - new_year.weekday()))
    days |= {easter(year) - dt.timedelta(days=2), easter(year) + dt.timedelta(days=1)}
    days |= {first_monday(year, 5), last_monday(year, 5), last_monday(year, 8)}
    christmas = D(year, 12, 25)
    if christmas.weekday() < 4:  # Mon-Thu: both days fall on weekdays
        days |= {christmas, D(year, 12, 26)}
    elif christmas.weekday() == 4:  # Friday: Boxing Day on Saturday moves to Monday 28th
        days |= {christmas, D(year, 12, 28)}
    elif christmas.weekday() == 5:  # Saturday: both move, to Monday 27th and Tuesday 28th
        days |= {D(year, 12, 27), D(year, 12, 28)}
    else:  # Sunday: Boxing Day Monday 26th, Christmas substitute Tuesday 27th
        days |= {D(year, 12, 26), D(year, 12, 27)}
    # One-off changes by royal proclamation.
    changes = {
        2020: ({D(2020, 5, 4)}, {D(2020, 5, 8)}),  # VE Day
        2022: ({D(2022, 5, 30)}, {D(2022, 6, 2), D(2022, 6, 3), D(2022, 9, 19)}),  # Jubilee, State Funeral
        2023: (set(), {D(2023, 5, 8)}),  # Coronation
    }
    removed, added = changes.get(year, (set(), set()))
    return (days - removed) | added


@pytest.mark.parametrize("year", range(2015, 2028))
def test_table_matches_the_rules_for_each_year(year):
    table = {d for d in bank_holidays().dates if d.year == year}
    assert table == expected_holidays(year)


def test_2026_holidays_exactly():
    assert sorted(d for d in bank_holidays().dates if d.year == 2026) == [
        D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 4),
        D(2026, 5, 25), D(2026, 8, 31), D(2026, 12, 25), D(2026, 12, 28),
    ]  # fmt: skip


def test_working_days():
    assert is_working_day(D(2026, 4, 2))
    assert not is_working_day(D(2026, 4, 3))  # Good Friday
    assert not is_working_day(D(2026, 4, 4))  # Saturday
    assert working_days_add(D(2026, 4, 2), 0) == D(2026, 4, 2)
    assert working_days_add(D(2026, 4, 2), 1) == D(2026, 4, 7)
    assert working_days_add(D(2026, 12, 24), 2) == D(2026, 12, 30)
    assert working_days_between(D(2026, 4, 2), D(2026, 4, 7)) == 1


def test_dates_outside_the_table_are_refused_not_guessed():
    with pytest.raises(InputError, match="outside the bank holiday table"):
        working_days_add(D(2028, 1, 3), 1)
    with pytest.raises(InputError, match="outside the bank holiday table"):
        working_days_add(D(2027, 12, 30), 5)
    with pytest.raises(InputError) as info:
        working_days_add(D(2026, 1, 5), -1)
    assert info.value.field == "n"


def test_working_days_add_lands_on_a_working_day_and_counts_back():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(start=st.dates(min_value=D(2015, 1, 1), max_value=D(2026, 12, 1)), n=st.integers(1, 45))
    def check(start, n):
        end = working_days_add(start, n)
        assert is_working_day(end)
        assert working_days_between(start, end) == n
        assert working_days_add(start, n - 1) < end

    check()
