"""Errors the custody services raise. Each names the field and the problem; nothing is saved."""

from __future__ import annotations


class CustodyError(Exception):
    """Base class."""


class InvalidEvent(CustodyError):
    """Bad input: `errors` maps each field to what is wrong with it (and the rule, where one applies)."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))

    @classmethod
    def one(cls, field: str, message: str) -> InvalidEvent:
        return cls({field: message})


class StaleVersion(CustodyError):
    """Someone else changed the detention since this user loaded it: reload and try again."""

    def __init__(self, expected: int, current: int) -> None:
        self.expected = expected
        self.current = current
        super().__init__(
            f"version: this detention was changed by someone else (you had version {expected}, it is now "
            f"{current}). Reload the record and check before recording again."
        )
