"""Scenario cases: YAML files in `cases/`, each case named as a legal sentence, run against the rules.

    rule: CUS-12                        # default rule for the file's cases
    cases:
      - name: A detention authorised at 22:00 has its first review due by 04:00
        rule: CUS-13                    # optional, overrides the file's rule
        function: extension_valid       # optional: a lawbook API function instead of the rule's own
        input: {...}                    # the rule's input fields (YAML timestamps need an offset)
        expect: {...}                   # subset of the decision's JSON output that must match
      - name: An arrival recorded before the arrest is rejected
        input: {...}
        error: arrival_time             # the field the InputError must name

Datetimes in `expect` are compared as instants, so 01:00+01:00 equals 00:00Z.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import childfirst.lawbook as lawbook
from childfirst.lawbook.errors import InputError, LawbookError, ParameterFileError
from childfirst.lawbook.parameters import PACKAGE_DIR
from childfirst.lawbook.registry import call_with_json, catalogue, evaluate
from childfirst.lawbook.yamlload import load_yaml

CASES_DIR = PACKAGE_DIR / "cases"
_CASE_KEYS = {"name", "rule", "function", "input", "expect", "error", "note"}


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    rule: str
    function: str | None
    input: dict[str, Any]
    expect: dict[str, Any] | None
    error: str | None
    file: str

    @property
    def id(self) -> str:
        return f"{Path(self.file).stem}: {self.name}"


def load_cases(path: Path = CASES_DIR) -> list[Case]:
    """Every case in a file or a folder of YAML files. Malformed files raise ParameterFileError."""
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    cases: list[Case] = []
    names: set[str] = set()
    rules = catalogue()
    for file in files:
        raw = load_yaml(file)
        if (
            not isinstance(raw, dict)
            or set(raw) - {"rule", "cases"}
            or not isinstance(raw.get("cases"), list)
        ):
            raise ParameterFileError(file, "(top)", "needs `cases:` (a list) and optionally `rule:`")
        for i, item in enumerate(raw["cases"]):
            key = f"cases[{i}]"
            if not isinstance(item, dict):
                raise ParameterFileError(file, key, "must be a mapping")
            extra = sorted(set(item) - _CASE_KEYS)
            if extra:
                raise ParameterFileError(file, f"{key}.{extra[0]}", "unknown key")
            name = item.get("name")
            if not isinstance(name, str) or not name.strip():
                raise ParameterFileError(file, f"{key}.name", "every case is named as a legal sentence")
            if name in names:
                raise ParameterFileError(file, f"{key}.name", f"duplicate case name {name!r}")
            names.add(name)
            rule = item.get("rule", raw.get("rule"))
            if rule not in rules:
                raise ParameterFileError(file, f"{key}.rule", f"unknown rule ID {rule!r}")
            if ("expect" in item) == ("error" in item):
                raise ParameterFileError(file, key, "give exactly one of `expect` or `error`")
            if not isinstance(item.get("input"), dict):
                raise ParameterFileError(file, f"{key}.input", "must be a mapping of input fields")
            function = item.get("function")
            if function is not None and not callable(getattr(lawbook, str(function), None)):
                raise ParameterFileError(file, f"{key}.function", f"not a lawbook function: {function!r}")
            cases.append(
                Case(
                    name.strip(),
                    str(rule),
                    None if function is None else str(function),
                    item["input"],
                    item.get("expect"),
                    item.get("error"),
                    file.name,
                )
            )
    return cases


def _match(expected: Any, actual: Any, where: str) -> str | None:
    """None if `actual` (JSON output) matches `expected` (YAML value), else a description of the mismatch."""
    if isinstance(expected, dt.datetime):
        try:
            got = dt.datetime.fromisoformat(actual) if isinstance(actual, str) else None
        except ValueError:
            got = None
        if got is None or got != expected:
            return f"{where}: expected {expected.isoformat()}, got {actual!r}"
        return None
    if isinstance(expected, dt.date):
        return None if actual == expected.isoformat() else f"{where}: expected {expected}, got {actual!r}"
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{where}: expected an object, got {actual!r}"
        for key, value in expected.items():
            if key not in actual:
                return f"{where}.{key}: missing from the decision"
            problem = _match(value, actual[key], f"{where}.{key}")
            if problem:
                return problem
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return f"{where}: expected {expected!r}, got {actual!r}"
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            problem = _match(e, a, f"{where}[{i}]")
            if problem:
                return problem
        return None
    if isinstance(expected, float) and isinstance(actual, int | float) and not isinstance(actual, bool):
        return None if abs(expected - actual) < 1e-6 else f"{where}: expected {expected}, got {actual}"
    if type(expected) is not type(actual) or expected != actual:
        return f"{where}: expected {expected!r}, got {actual!r}"
    return None


def run_case(case: Case) -> str | None:
    """None if the case passes, else why it failed."""
    try:
        if case.function is not None:
            decision = call_with_json(getattr(lawbook, case.function), case.input, label=case.rule)
        else:
            decision = evaluate(case.rule, case.input)
    except InputError as exc:
        if case.error is not None and exc.field == case.error:
            return None
        return f"InputError {exc}" + (f" (expected error on {case.error})" if case.error else "")
    except LawbookError as exc:
        return f"{type(exc).__name__}: {exc}"
    if case.error is not None:
        return f"expected an error naming {case.error!r}, got a decision"
    return _match(case.expect, decision.to_dict(), "decision")


def run_all(path: Path = CASES_DIR) -> Iterator[tuple[Case, str | None]]:
    for case in load_cases(path):
        yield case, run_case(case)
