"""Template helpers for rendering Django form fields with GOV.UK Frontend markup."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms, template

from childfirst.web.forms.govuk import GovukDateWidget

register = template.Library()


@register.filter
def govuk_kind(bound: forms.BoundField) -> str:
    """Which GOV.UK component renders this field."""
    widget = bound.field.widget
    if isinstance(widget, GovukDateWidget):
        return "date"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    return "input"


@register.filter
def date_parts(bound: forms.BoundField) -> list[dict[str, Any]]:
    """Day, month and year inputs for a GOV.UK date input: id, name, label, width and current value."""
    value = bound.value()
    if isinstance(value, dt.date):
        values = [str(value.day), str(value.month), str(value.year)]
    elif isinstance(value, list | tuple):
        values = [str(v or "") for v in value] + ["", "", ""]
    else:
        values = ["", "", ""]
    return [
        {
            "id": f"{bound.auto_id}_{part}",
            "name": f"{bound.html_name}_{part}",
            "label": part.capitalize(),
            "width": 4 if part == "year" else 2,
            "value": values[index],
        }
        for index, part in enumerate(GovukDateWidget.parts)
    ]


@register.filter
def choice_items(bound: forms.BoundField) -> list[dict[str, Any]]:
    """Radio or checkbox items: id, name, value, label, checked and an optional item hint."""
    current = bound.value()
    if isinstance(current, list | tuple):
        chosen = {str(v) for v in current}
    else:
        chosen = {str(current)} if current not in (None, "") else set()
    hints = getattr(bound.field, "item_hints", {}) or {}
    items = []
    for index, (value, label) in enumerate(bound.field.choices):
        if value in ("", None):
            continue
        items.append(
            {
                "id": f"{bound.auto_id}_{len(items)}",
                "name": bound.html_name,
                "value": str(value),
                "label": label,
                "checked": str(value) in chosen,
                "hint": hints.get(value) or hints.get(str(value), ""),
                "index": index,
            }
        )
    return items


@register.filter
def select_options(bound: forms.BoundField) -> list[dict[str, Any]]:
    current = bound.value()
    chosen = {str(v) for v in current} if isinstance(current, list | tuple) else {str(current or "")}
    return [
        {"value": str(value), "label": label, "selected": str(value) in chosen}
        for value, label in bound.field.choices
    ]


@register.filter
def input_value(bound: forms.BoundField) -> str:
    value = bound.value()
    return "" if value is None else str(value)


@register.filter
def attr(bound: forms.BoundField, name: str) -> Any:
    """A widget attribute (e.g. inputmode, autocomplete, spellcheck, class) set on the form field."""
    return bound.field.widget.attrs.get(name, "")
