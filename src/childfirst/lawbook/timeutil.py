"""Time helpers. Every instant must be timezone-aware; local rules use Europe/London wall time.

Python adds a timedelta to an aware datetime on the WALL CLOCK of its own tzinfo (so 22:00 Europe/London
plus 6 hours on the March clock-change night is only 5 real hours later). To avoid that trap every instant
is converted to UTC on the way in (`aware`) and all arithmetic is done in UTC. Rule functions return UTC
datetimes; show them in Europe/London.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from childfirst.lawbook.errors import InputError

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC
HOURS_PER_DAY = int(dt.timedelta(days=1) / dt.timedelta(hours=1))


def aware(field: str, value: object) -> dt.datetime:
    """Return `value` if it is a timezone-aware datetime, else raise InputError naming `field`."""
    if not isinstance(value, dt.datetime):
        raise InputError(field, f"must be a timezone-aware datetime, got {type(value).__name__}")
    if value.tzinfo is UTC:
        return value
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise InputError(field, "naive datetime: give a timezone offset (e.g. +00:00 or Z)")
    return value.astimezone(UTC)


def optional_aware(field: str, value: object) -> dt.datetime | None:
    return None if value is None else aware(field, value)


def a_date(field: str, value: object) -> dt.date:
    """Return a calendar date (datetimes are rejected: say which day you mean)."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InputError(field, f"must be a date (YYYY-MM-DD), got {type(value).__name__}")
    return value


def london(value: dt.datetime) -> dt.datetime:
    """The same instant on the Europe/London wall clock."""
    return value.astimezone(LONDON)


@lru_cache(maxsize=8192)
def london_wall(day: dt.date, hour: int) -> dt.datetime:
    """`hour`:00 Europe/London wall-clock time on `day`, as a UTC instant (hour 24 = next midnight)."""
    days, hour = divmod(hour, HOURS_PER_DAY)
    day = day + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON).astimezone(UTC)


def hours(delta: dt.timedelta) -> float:
    return delta.total_seconds() / 3600
