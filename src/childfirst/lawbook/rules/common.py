"""Shared helpers for rule functions: parameter look-up and reasons with citations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from childfirst.lawbook.decision import Reason
from childfirst.lawbook.errors import InputError
from childfirst.lawbook.parameters import DatedValue, default_parameters
from childfirst.lawbook.policies import Policy, default_policy
from childfirst.lawbook.timeutil import london


def param(key: str, on: dt.date) -> DatedValue:
    """The dated value of `key` in force on `on`; an InputError if the law did not yet exist then."""
    try:
        return default_parameters().value(key, on)
    except LookupError as exc:
        raise InputError("at", f"{key} was not in force on {on.isoformat()}") from exc


def param_or_none(key: str, on: dt.date) -> DatedValue | None:
    """The dated value in force on `on`, or None if the parameter did not yet exist (e.g. not commenced)."""
    return default_parameters().parameter(key).at(on)


def law_date(instant: dt.datetime) -> dt.date:
    """The Europe/London calendar date of an instant: the date whose law applies."""
    return london(instant).date()


def pol(policy: Policy | None) -> Policy:
    return default_policy() if policy is None else policy


def because(
    rule: str, message: str, values: Mapping[str, Any] | None = None, *, by: DatedValue | None = None
) -> Reason:
    """A reason citing a dated parameter value, or the rule's first source when `by` is None."""
    if by is not None:
        return Reason(rule, message, dict(values or {}), by.citation, by.url, by.tag)
    source = default_parameters().rule(rule).sources[0]
    return Reason(rule, message, dict(values or {}), source.citation, source.url, source.tag)


def policy_reason(rule: str, message: str, policy: Policy, switch: str) -> Reason:
    from childfirst.lawbook.policies import switches

    meta = switches()[switch]
    return Reason(
        rule,
        message,
        {f"policy.{switch}": policy[switch], "force": policy.force},
        meta.citation,
        meta.url,
        meta.tag,
    )


def one_of(field: str, value: object, allowed: Iterable[str]) -> str:
    options = list(allowed)
    if not isinstance(value, str) or value not in options:
        raise InputError(field, f"must be one of {', '.join(options)}; got {value!r}")
    return value


def list_of(field: str, value: object, allowed: Iterable[str] | None = None) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise InputError(field, "must be a list of strings")
    if allowed is not None:
        options = list(allowed)
        bad = [v for v in value if v not in options]
        if bad:
            raise InputError(field, f"unknown value {bad[0]!r}; allowed: {', '.join(options)}")
    return list(value)


def a_bool(field: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise InputError(field, f"must be true or false; got {value!r}")
    return value


def an_int(field: str, value: object, *, minimum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(field, f"must be a whole number; got {value!r}")
    if minimum is not None and value < minimum:
        raise InputError(field, f"must be at least {minimum}; got {value}")
    return value


def age_on(date_of_birth: dt.date, on: dt.date) -> int:
    """Completed years on `on`. A 29 February birthday falls on 1 March in other years."""
    if on < date_of_birth:
        raise InputError("date_of_birth", "is after the date being assessed")
    years = on.year - date_of_birth.year
    try:
        birthday = date_of_birth.replace(year=on.year)
    except ValueError:  # 29 February in a common year
        birthday = dt.date(on.year, 3, 1)
    if on < birthday:
        years -= 1
    return years
