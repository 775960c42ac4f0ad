"""Working days in England and Wales: Monday to Friday except bank holidays, from a dated data table
(`data/bank-holidays-england-and-wales.yaml`). Dates outside the table's range are refused, never guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from childfirst.lawbook.errors import InputError, ParameterFileError
from childfirst.lawbook.parameters import PACKAGE_DIR, Source
from childfirst.lawbook.yamlload import load_yaml

BANK_HOLIDAYS_FILE = PACKAGE_DIR / "data" / "bank-holidays-england-and-wales.yaml"


@dataclass(frozen=True, slots=True)
class BankHolidays:
    dates: dict[dt.date, str]
    covers_from: dt.date
    covers_to: dt.date
    source: Source


@lru_cache(maxsize=1)
def bank_holidays() -> BankHolidays:
    path = BANK_HOLIDAYS_FILE
    raw = load_yaml(path)
    if not isinstance(raw, dict) or set(raw) != {"source", "covers_from", "covers_to", "dates"}:
        raise ParameterFileError(path, "(top)", "needs exactly source, covers_from, covers_to, dates")
    src = raw["source"]
    if not isinstance(src, dict):
        raise ParameterFileError(path, "source", "must be a mapping")
    dates: dict[dt.date, str] = {}
    for key, name in raw["dates"].items():
        if isinstance(key, dt.datetime) or not isinstance(key, dt.date):
            raise ParameterFileError(path, f"dates.{key}", "bad date")
        if key.weekday() >= 5:
            raise ParameterFileError(
                path, f"dates.{key}", "a bank holiday on a weekend (use the substitute day)"
            )
        dates[key] = str(name)
    lo, hi = raw["covers_from"], raw["covers_to"]
    if not isinstance(lo, dt.date) or not isinstance(hi, dt.date):
        raise ParameterFileError(path, "covers_from", "bad date")
    return BankHolidays(dates, lo, hi, Source(str(src["citation"]), str(src["url"]), str(src["tag"])))


def _covered(field: str, day: dt.date) -> None:
    table = bank_holidays()
    if not table.covers_from <= day <= table.covers_to:
        raise InputError(
            field,
            f"{day.isoformat()} is outside the bank holiday table "
            f"({table.covers_from.isoformat()} to {table.covers_to.isoformat()})",
        )


def is_working_day(day: dt.date) -> bool:
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise InputError("date", "must be a date (YYYY-MM-DD)")
    _covered("date", day)
    return day.weekday() < 5 and day not in bank_holidays().dates


def working_days_add(start: dt.date, n: int, *, field: str = "date") -> dt.date:
    """The date `n` working days after `start` (n >= 0). Day 0 is `start` itself; "within 1 working day
    of a referral on Friday" is therefore the next Monday (or Tuesday after a bank holiday Monday).
    `field` names the caller's input in error messages."""
    if isinstance(start, dt.datetime) or not isinstance(start, dt.date):
        raise InputError(field, "must be a date (YYYY-MM-DD)")
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise InputError("n", f"must be a whole number of working days >= 0; got {n!r}")
    _covered(field, start)
    table = bank_holidays()
    day = start
    left = n
    while left > 0:
        day += dt.timedelta(days=1)
        _covered(field, day)
        if day.weekday() < 5 and day not in table.dates:
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 if end <= start)."""
    _covered("start", start)
    _covered("end", end)
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
