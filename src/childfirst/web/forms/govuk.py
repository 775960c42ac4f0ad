"""Form plumbing for GOV.UK Frontend markup: error-summary anchors and a day/month/year date widget.

Forms validate; they never write. Error messages name the field and the problem, in GOV.UK style.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms


class GovukDateWidget(forms.MultiWidget):
    """Three text inputs (day, month, year), as in the GOV.UK date input component."""

    parts = ("day", "month", "year")

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets = {part: forms.TextInput(attrs={"inputmode": "numeric"}) for part in self.parts}
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        return [(data.get(f"{name}_{part}") or "").strip() for part in self.parts]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return all(f"{name}_{part}" not in data for part in self.parts)


class GovukDateField(forms.Field):
    """A date entered as day, month and year, with errors saying which part is wrong."""

    widget = GovukDateWidget

    def __init__(self, *, label_lower: str = "date", **kwargs: Any) -> None:
        self.label_lower = label_lower
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        day, month, year = (value or ["", "", ""])[:3]
        if not (day or month or year):
            return None
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise forms.ValidationError(
                f"The {self.label_lower} must include a {' and '.join(missing)}", code="incomplete"
            )
        try:
            number_day, number_month, number_year = int(day), int(month), int(year)
        except ValueError:
            raise forms.ValidationError(
                f"The {self.label_lower} must be a real date, written in numbers", code="invalid"
            ) from None
        if number_year < 1000:
            raise forms.ValidationError(
                f"The year of the {self.label_lower} must have 4 numbers", code="invalid"
            )
        try:
            return dt.date(number_year, number_month, number_day)
        except ValueError:
            raise forms.ValidationError(
                f"The {self.label_lower} must be a real date", code="invalid"
            ) from None


class GovukFormMixin:
    """Gives a form `error_summary`: (anchor id, message) pairs that link to the first input of each field."""

    def error_anchor(self, name: str) -> str:
        bound = self[name]  # type: ignore[index]
        widget = bound.field.widget
        if isinstance(widget, GovukDateWidget):
            return f"{bound.auto_id}_day"
        if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            return f"{bound.auto_id}_0"
        return bound.auto_id

    @property
    def error_summary(self) -> list[tuple[str, str]]:
        items: list[tuple[str, str]] = []
        errors = self.errors  # type: ignore[attr-defined]
        fields = self.fields  # type: ignore[attr-defined]
        for message in errors.get("__all__", []):
            first = next(iter(fields), "")
            items.append((self.error_anchor(first) if first else "", message))
        for name in fields:
            for message in errors.get(name, []):
                items.append((self.error_anchor(name), message))
        return items
