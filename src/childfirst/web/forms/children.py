"""Finding a child, and stating a reason to open a record outside one's normal access."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from childfirst.people.access import BREAK_GLASS_MIN_REASON

from .govuk import GovukDateField, GovukFormMixin


class ChildSearchForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Name", required=False, max_length=200, help_text="Given name, family name or a name they use"
    )
    date_of_birth = GovukDateField(
        label="Date of birth", required=False, label_lower="date of birth", help_text="For example, 27 3 2011"
    )
    reference = forms.CharField(
        label="Reference",
        required=False,
        max_length=40,
        help_text="The child's record number or pseudonymous reference, for example P3F2A9C01B7D4E6A8",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update({"spellcheck": "false", "autocomplete": "off"})
        self.fields["reference"].widget.attrs.update(
            {"spellcheck": "false", "class": "govuk-input--width-20"}
        )

    def clean_date_of_birth(self) -> Any:
        value = self.cleaned_data.get("date_of_birth")
        if value and value > timezone.localdate():
            raise forms.ValidationError("Date of birth must be today or in the past")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not any(data.get(name) for name in ("name", "date_of_birth", "reference")):
            self.add_error("name", "Enter a name, a date of birth or a reference to search for")
        return data


class BreakGlassForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this record?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Your name, the time and this reason are recorded and shown to supervisors. "
            "For example, child found missing in our borough and their home borough is closed overnight."
        ),
        error_messages={"required": "Enter why you need to open this record"},
    )

    def clean_reason(self) -> str:
        reason = " ".join(self.cleaned_data["reason"].split())
        if len(reason) < BREAK_GLASS_MIN_REASON:
            raise forms.ValidationError(
                f"Reason must be at least {BREAK_GLASS_MIN_REASON} characters, "
                "so a supervisor can understand it"
            )
        return reason
