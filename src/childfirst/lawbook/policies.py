"""Per-force policy switches: choices a force makes where the law leaves room (or a proposal is pending).

`policies/switches.yaml` declares every switch: its rule, type, national default, tag and source.
`policies/forces/<force>.yaml` sets a force's own values (`metropolitan.yaml` is the Met). To override
for another force, add `policies/forces/<force>.yaml`, or pass `overrides={...}` to `policy_for`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from childfirst.lawbook.errors import InputError, ParameterFileError
from childfirst.lawbook.parameters import PACKAGE_DIR, TAGS
from childfirst.lawbook.yamlload import load_yaml

POLICIES_DIR = PACKAGE_DIR / "policies"
DEFAULT_FORCE = "metropolitan"
_TYPES = ("boolean", "minutes", "date", "choice")
_SWITCH_KEYS = {"rule", "description", "type", "default", "choices", "tag", "citation", "url"}


@dataclass(frozen=True, slots=True)
class Switch:
    name: str
    rule: str
    description: str
    type: str
    default: Any
    choices: tuple[Any, ...]
    tag: str
    citation: str
    url: str


def _check_value(path: Path, key: str, switch: Switch, value: Any) -> Any:
    ok = (
        (switch.type == "boolean" and isinstance(value, bool))
        or (switch.type == "minutes" and (value is None or (isinstance(value, int) and value > 0)))
        or (switch.type == "date" and isinstance(value, dt.date) and not isinstance(value, dt.datetime))
        or (switch.type == "choice" and value in switch.choices)
    )
    if not ok:
        allowed = f"one of {list(switch.choices)}" if switch.type == "choice" else f"a {switch.type} value"
        raise ParameterFileError(path, key, f"bad value {value!r}: expected {allowed}")
    return value


@lru_cache(maxsize=1)
def switches() -> dict[str, Switch]:
    path = POLICIES_DIR / "switches.yaml"
    raw = load_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("switches"), dict):
        raise ParameterFileError(path, "switches", "must be a mapping of name -> switch")
    out: dict[str, Switch] = {}
    for name, body in raw["switches"].items():
        key = f"switches.{name}"
        if not isinstance(body, dict):
            raise ParameterFileError(path, key, "must be a mapping")
        extra = sorted(set(body) - _SWITCH_KEYS)
        if extra:
            raise ParameterFileError(path, f"{key}.{extra[0]}", "unknown key")
        if body.get("type") not in _TYPES:
            raise ParameterFileError(path, f"{key}.type", f"one of {', '.join(_TYPES)}")
        if body.get("tag") not in TAGS:
            raise ParameterFileError(path, f"{key}.tag", f"bad verification tag {body.get('tag')!r}")
        for text in ("rule", "description", "citation", "url"):
            if not isinstance(body.get(text), str) or not body[text]:
                raise ParameterFileError(path, f"{key}.{text}", "missing")
        switch = Switch(
            name=name,
            rule=body["rule"],
            description=body["description"].strip(),
            type=body["type"],
            default=None,
            choices=tuple(body.get("choices") or ()),
            tag=body["tag"],
            citation=body["citation"],
            url=body["url"],
        )
        default = _check_value(path, f"{key}.default", switch, body.get("default"))
        out[name] = Switch(**{**{f: getattr(switch, f) for f in switch.__slots__}, "default": default})
    return out


@dataclass(frozen=True, slots=True)
class Policy:
    """The switches in force for one force. Read a switch with `policy["name"]`."""

    force: str
    values: Mapping[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


@cache
def _force_file(force: str) -> dict[str, Any]:
    path = POLICIES_DIR / "forces" / f"{force}.yaml"
    if not path.exists():
        return {}
    raw = load_yaml(path)
    if not isinstance(raw, dict) or set(raw) - {"force", "name", "settings"}:
        raise ParameterFileError(path, "(top)", "must have only force, name and settings")
    if raw.get("force") != force:
        raise ParameterFileError(path, "force", f"must be {force!r} (the file name)")
    settings = raw.get("settings") or {}
    if not isinstance(settings, dict):
        raise ParameterFileError(path, "settings", "must be a mapping")
    known = switches()
    for name, value in settings.items():
        if name not in known:
            raise ParameterFileError(path, f"settings.{name}", "unknown policy switch")
        _check_value(path, f"settings.{name}", known[name], value)
    return dict(settings)


def policy_for(force: str = DEFAULT_FORCE, overrides: Mapping[str, Any] | None = None) -> Policy:
    """The national defaults, then the force's file, then `overrides` (e.g. from a force's settings)."""
    known = switches()
    values = {name: s.default for name, s in known.items()}
    values.update(_force_file(force))
    for name, value in (overrides or {}).items():
        if name not in known:
            raise InputError(f"policy.{name}", "unknown policy switch")
        try:
            _check_value(Path("overrides"), name, known[name], value)
        except ParameterFileError as exc:
            raise InputError(f"policy.{name}", exc.problem) from exc
        values[name] = value
    return Policy(force=force, values=values)


@lru_cache(maxsize=1)
def default_policy() -> Policy:
    return policy_for(DEFAULT_FORCE)
