"""Whole-model SELECTs built once, for the few lookups every request makes.

The ORM compiles a query afresh on every execution; for a join over wide models that costs more
Python time than the query itself. `ModelColumns` describes one model's columns under a table
alias, and turns a slice of a result row into the same instance the ORM would build, applying
every field's database converters (SQLite returns dates as text, PostgreSQL JSON as text...).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model


class ModelColumns:
    def __init__(self, model: type[Model], alias: str, connection: BaseDatabaseWrapper) -> None:
        self.model = model
        fields = model._meta.concrete_fields
        self.names = [f.attname for f in fields]
        quote = connection.ops.quote_name
        self.columns = [f"{alias}.{quote(f.column)}" for f in fields]
        self._convert: list[tuple[Any, list[Callable[..., Any]]]] = []
        for f in fields:
            col = f.get_col(alias)
            converters = connection.ops.get_db_converters(col) + f.get_db_converters(connection)
            self._convert.append((col, converters))
        self.width = len(fields)

    def instance(self, db: str, connection: BaseDatabaseWrapper, values: Sequence[Any]) -> Any:
        converted = []
        for value, (col, converters) in zip(values, self._convert, strict=True):
            for convert in converters:
                value = convert(value, col, connection)
            converted.append(value)
        return self.model.from_db(db, self.names, converted)
