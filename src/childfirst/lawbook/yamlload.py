"""A strict YAML reader: safe types only, duplicate keys are an error naming the file and the key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from childfirst.lawbook.errors import ParameterFileError


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys (PyYAML silently keeps the last one)."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in mapping:
            line = key_node.start_mark.line + 1
            raise ParameterFileError(
                getattr(loader, "_childfirst_path", "<yaml>"), str(key), f"duplicate key (line {line})"
            )
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


class ImpossibleDate(str):
    """A YAML timestamp that is not a real date (e.g. 2026-02-30). Kept as text so that the validator
    reading it reports the key and the bad value instead of PyYAML crashing without either."""


def _construct_timestamp(loader: _StrictLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return ImpossibleDate(node.value)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(path: Path) -> Any:
    """Read one YAML file strictly. Errors name the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ParameterFileError(path, "(file)", f"cannot read: {exc.strerror}") from exc
    loader = _StrictLoader(text)
    loader._childfirst_path = str(path)  # type: ignore[attr-defined]
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        raise ParameterFileError(path, "(syntax)", str(exc).replace("\n", " ")) from exc
    finally:
        loader.dispose()
