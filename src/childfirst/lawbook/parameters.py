"""Law as dated data: the strict loader for `parameters/*.yaml` and look-up of the value in force.

Each parameter file describes ONE rule (its RULES.md ID) or area:

    rule: CUS-12                       # RULES.md ID (several IDs: a list under `rules`)
    title: Detention time limits
    statement: Not held more than 24 h from the relevant time without charge ...
    commenced: 1986-01-01              # when the legal source first took effect; no value may be older
    sources:                           # at least one; each {citation, url, tag}
      - {citation: PACE 1984 s.41, url: https://..., tag: V2}
    parameters:                        # optional
      limit_without_charge:
        description: ...
        unit: hours
        values:                        # one entry per change in the law, oldest first; never edited
          - effective_from: 1986-01-01
            value: 24
            citation: PACE 1984 s.41(1)
            url: https://...
            tag: V2
    notes: free text (optional)

Anything else is an error naming the file, the key and the problem.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from childfirst.lawbook.errors import ParameterFileError
from childfirst.lawbook.yamlload import load_yaml

PACKAGE_DIR = Path(__file__).resolve().parent
PARAMETERS_DIR = PACKAGE_DIR / "parameters"

TAGS = ("V", "V2", "GK", "PROPOSED", "POLICY")
UNITS = (
    "hours",
    "minutes",
    "days",
    "working_days",
    "months",
    "years",
    "date",
    "boolean",
    "count",
    "score",
    "list",
    "table",
    "text",
)
RULE_ID = re.compile(r"^(CUS|SRC|DIV|CARE|EXP|SAFE|DP)-\d{2}$")

_FILE_KEYS = {"rule", "rules", "title", "statement", "commenced", "sources", "parameters", "notes"}
_PARAM_KEYS = {"description", "unit", "values"}
_VALUE_KEYS = {"effective_from", "value", "citation", "url", "tag", "note"}
_SOURCE_KEYS = {"citation", "url", "tag"}


@dataclass(frozen=True, slots=True)
class Source:
    citation: str
    url: str
    tag: str


@dataclass(frozen=True, slots=True)
class DatedValue:
    """One value of a parameter, in force from `effective_from` until the next dated value."""

    effective_from: dt.date
    value: Any
    citation: str
    url: str
    tag: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Parameter:
    key: str  # "CUS-12.limit_without_charge"
    description: str
    unit: str
    values: tuple[DatedValue, ...]  # oldest first
    file: str

    def at(self, on: dt.date) -> DatedValue | None:
        """The value in force on `on`, or None if the parameter did not yet exist."""
        found: DatedValue | None = None
        for item in self.values:
            if item.effective_from <= on:
                found = item
            else:
                break
        return found


@dataclass(frozen=True, slots=True)
class RuleFile:
    rules: tuple[str, ...]
    title: str
    statement: str
    commenced: dt.date
    sources: tuple[Source, ...]
    parameters: dict[str, Parameter] = field(default_factory=dict)
    notes: str = ""
    file: str = ""

    @property
    def rule(self) -> str:
        return self.rules[0]

    @property
    def tags(self) -> tuple[str, ...]:
        seen: list[str] = []
        for tag in [s.tag for s in self.sources] + [
            v.tag for p in self.parameters.values() for v in p.values
        ]:
            if tag not in seen:
                seen.append(tag)
        return tuple(seen)


def _need_text(path: Path, key: str, raw: dict[str, Any], name: str) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ParameterFileError(path, f"{key}.{name}" if key else name, "missing or empty text")
    return value.strip()


def _need_date(path: Path, key: str, value: object) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ParameterFileError(path, key, f"bad date {value!r}: write a real calendar date as YYYY-MM-DD")
    return value


def _need_tag(path: Path, key: str, value: object) -> str:
    if value not in TAGS:
        raise ParameterFileError(path, key, f"bad verification tag {value!r}: one of {', '.join(TAGS)}")
    return str(value)


def _need_url(path: Path, key: str, value: object) -> str:
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise ParameterFileError(path, key, "missing url (the http(s) address of the source)")
    return value


def _unknown(path: Path, key: str, raw: dict[str, Any], allowed: set[str]) -> None:
    extra = sorted(str(k) for k in raw if k not in allowed)
    if extra:
        where = f"{key}.{extra[0]}" if key else extra[0]
        raise ParameterFileError(path, where, f"unknown key (allowed: {', '.join(sorted(allowed))})")


def _source(path: Path, key: str, raw: object) -> Source:
    if not isinstance(raw, dict):
        raise ParameterFileError(path, key, "must be a mapping with citation, url, tag")
    _unknown(path, key, raw, _SOURCE_KEYS)
    return Source(
        citation=_need_text(path, key, raw, "citation"),
        url=_need_url(path, f"{key}.url", raw.get("url")),
        tag=_need_tag(path, f"{key}.tag", raw.get("tag")),
    )


def parse_rule_file(path: Path) -> RuleFile:
    """Read and validate one parameter file. Raises ParameterFileError naming file, key and problem."""
    raw = load_yaml(path)
    if not isinstance(raw, dict):
        raise ParameterFileError(path, "(top)", "must be a mapping")
    _unknown(path, "", raw, _FILE_KEYS)
    if ("rule" in raw) == ("rules" in raw):
        raise ParameterFileError(path, "rule", "give exactly one of `rule` (an ID) or `rules` (a list)")
    ids = [raw["rule"]] if "rule" in raw else raw["rules"]
    if not isinstance(ids, list) or not ids:
        raise ParameterFileError(path, "rules", "must be a non-empty list of rule IDs")
    for rid in ids:
        if not isinstance(rid, str) or not RULE_ID.match(rid):
            raise ParameterFileError(path, "rule", f"bad rule ID {rid!r} (e.g. CUS-12)")
    commenced = _need_date(path, "commenced", raw.get("commenced"))
    sources_raw = raw.get("sources")
    if not isinstance(sources_raw, list) or not sources_raw:
        raise ParameterFileError(path, "sources", "at least one source (citation, url, tag) is required")
    sources = tuple(_source(path, f"sources[{i}]", s) for i, s in enumerate(sources_raw))
    params: dict[str, Parameter] = {}
    params_raw = raw.get("parameters") or {}
    if not isinstance(params_raw, dict):
        raise ParameterFileError(path, "parameters", "must be a mapping of name -> parameter")
    for name, body in params_raw.items():
        pkey = f"parameters.{name}"
        if not isinstance(name, str) or not re.match(r"^[a-z][a-z0-9_]*$", name):
            raise ParameterFileError(path, pkey, "parameter names are lower_snake_case")
        if not isinstance(body, dict):
            raise ParameterFileError(path, pkey, "must be a mapping with description, unit, values")
        _unknown(path, pkey, body, _PARAM_KEYS)
        description = _need_text(path, pkey, body, "description")
        unit = body.get("unit")
        if unit not in UNITS:
            raise ParameterFileError(path, f"{pkey}.unit", f"bad unit {unit!r}: one of {', '.join(UNITS)}")
        values_raw = body.get("values")
        if not isinstance(values_raw, list) or not values_raw:
            raise ParameterFileError(path, f"{pkey}.values", "at least one dated value is required")
        values: list[DatedValue] = []
        for i, item in enumerate(values_raw):
            vkey = f"{pkey}.values[{i}]"
            if not isinstance(item, dict):
                raise ParameterFileError(path, vkey, "must be a mapping")
            _unknown(path, vkey, item, _VALUE_KEYS)
            if "value" not in item:
                raise ParameterFileError(path, f"{vkey}.value", "missing value")
            when = _need_date(path, f"{vkey}.effective_from", item.get("effective_from"))
            if when < commenced:
                raise ParameterFileError(
                    path,
                    f"{vkey}.effective_from",
                    f"dated {when.isoformat()}, before the rule existed (commenced {commenced.isoformat()})",
                )
            if values and when <= values[-1].effective_from:
                raise ParameterFileError(
                    path, f"{vkey}.effective_from", "values must be in date order with no two on one date"
                )
            if not isinstance(item.get("citation"), str) or not item["citation"].strip():
                raise ParameterFileError(path, f"{vkey}.citation", "value without a citation")
            values.append(
                DatedValue(
                    effective_from=when,
                    value=item["value"],
                    citation=item["citation"].strip(),
                    url=_need_url(path, f"{vkey}.url", item.get("url")),
                    tag=_need_tag(path, f"{vkey}.tag", item.get("tag")),
                    note=str(item.get("note", "")),
                )
            )
        params[name] = Parameter(
            key=f"{ids[0]}.{name}",
            description=description,
            unit=str(unit),
            values=tuple(values),
            file=path.name,
        )
    notes = raw.get("notes", "")
    if not isinstance(notes, str):
        raise ParameterFileError(path, "notes", "must be text")
    return RuleFile(
        rules=tuple(ids),
        title=_need_text(path, "", raw, "title"),
        statement=_need_text(path, "", raw, "statement"),
        commenced=commenced,
        sources=sources,
        parameters=params,
        notes=notes.strip(),
        file=path.name,
    )


class Parameters:
    """Every rule file in a folder, indexed by rule ID; look up the value in force on a date."""

    def __init__(self, directory: Path = PARAMETERS_DIR) -> None:
        self.directory = directory
        self.files: list[RuleFile] = []
        self.by_rule: dict[str, RuleFile] = {}
        paths = sorted(directory.glob("*.yaml"))
        if not paths:
            raise ParameterFileError(directory, "(folder)", "no parameter files found")
        for path in paths:
            rule_file = parse_rule_file(path)
            for rid in rule_file.rules:
                if rid in self.by_rule:
                    raise ParameterFileError(
                        path, "rule", f"{rid} is already described in {self.by_rule[rid].file}"
                    )
                self.by_rule[rid] = rule_file
            self.files.append(rule_file)
        self._cache: dict[tuple[str, dt.date], DatedValue] = {}

    def rule(self, rule_id: str) -> RuleFile:
        return self.by_rule[rule_id]

    def parameter(self, key: str) -> Parameter:
        rule_id, _, name = key.partition(".")
        return self.by_rule[rule_id].parameters[name]

    def value(self, key: str, on: dt.date) -> DatedValue:
        """The dated value of `key` ("CUS-12.limit_without_charge") in force on `on`.

        Raises LookupError if the parameter did not exist on that date.
        """
        cache_key = (key, on)
        hit = self._cache.get(cache_key)
        if hit is not None:
            return hit
        found = self.parameter(key).at(on)
        if found is None:
            raise LookupError(f"{key}: no value in force on {on.isoformat()}")
        self._cache[cache_key] = found
        return found

    def all_parameters(self) -> Iterator[Parameter]:
        for rule_file in self.files:
            yield from rule_file.parameters.values()


@lru_cache(maxsize=1)
def lawbook_version() -> str:
    """A short fingerprint of every YAML file in the package (parameters, policies, data). Persist it with
    each decision: the same version means the same law and the same force settings."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.yaml")):
        if "cases" in path.relative_to(PACKAGE_DIR).parts:
            continue
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=1)
def default_parameters() -> Parameters:
    """The package's own parameters, loaded once."""
    return Parameters(PARAMETERS_DIR)
