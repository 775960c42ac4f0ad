"""Filters for the audit search. Every filter is optional; bad input is named, never guessed."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms

from childfirst.core.models import AuditAction

from .govuk import GovukDateField, GovukFormMixin

OBJECT_PATTERN = re.compile(r"^(?P<type>[a-z_]+):(?P<id>[A-Za-z0-9_-]+)$")


class AuditSearchForm(GovukFormMixin, forms.Form):
    actor = forms.CharField(
        label="Username of the person who acted",
        required=False,
        max_length=150,
        help_text="For example, pc-ahmed",
    )
    action = forms.ChoiceField(
        label="What they did", required=False, choices=[("", "Any action"), *AuditAction.choices]
    )
    object = forms.CharField(
        label="Record",
        required=False,
        max_length=130,
        help_text="The record's type and number, for example child:12 or encounter:40",
    )
    child = forms.IntegerField(
        label="Child record number",
        required=False,
        min_value=1,
        help_text="Finds everything about one child: reads, changes, encounters and break-glass openings",
        error_messages={
            "invalid": "Child record number must be a whole number, like 12",
            "min_value": "Child record number must be 1 or more",
        },
    )
    date_from = GovukDateField(
        label="From", required=False, label_lower="'from' date", help_text="For example, 27 3 2026"
    )
    date_to = GovukDateField(
        label="To", required=False, label_lower="'to' date", help_text="For example, 28 3 2026"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].widget.attrs.update({"inputmode": "numeric", "class": "govuk-input--width-10"})
        self.fields["actor"].widget.attrs.update({"spellcheck": "false", "class": "govuk-input--width-20"})
        self.fields["object"].widget.attrs.update({"spellcheck": "false", "class": "govuk-input--width-20"})

    def clean_object(self) -> tuple[str, str] | None:
        value = (self.cleaned_data.get("object") or "").strip()
        if not value:
            return None
        match = OBJECT_PATTERN.match(value)
        if match is None:
            raise forms.ValidationError(
                "Record must be a type and a number separated by a colon, like child:12"
            )
        return match["type"], match["id"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        return data
