"""Errors raised by the lawbook. Each names the field (or file and key) and the problem."""

from __future__ import annotations


class LawbookError(Exception):
    """Base class for every lawbook error."""


class ParameterFileError(LawbookError):
    """A parameter, policy, case or data file is malformed. The message names the file, key and problem."""

    def __init__(self, path: object, key: str, problem: str) -> None:
        self.path = str(path)
        self.key = key
        self.problem = problem
        super().__init__(f"{self.path}: {key}: {problem}")


class InputError(LawbookError):
    """A rule was given bad input. The message names the field and the problem."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class UnknownRuleError(LawbookError):
    """A rule ID that is not in the catalogue."""

    def __init__(self, rule_id: str) -> None:
        self.rule_id = rule_id
        super().__init__(f"rule: unknown rule ID {rule_id!r}")
