"""The dashboard filters. Validates only; the figures come from ``childfirst.analytics.queries``."""

from __future__ import annotations

from typing import Any

from django import forms

from childfirst.web.forms.govuk import GovukFormMixin

from .queries import AGE_CHOICES, BOROUGH_NAMES, GROUPS, FilterError, Filters

AGE_LABELS = {
    "10-17": "10 to 17 (rates per 1,000 available)",
    "under 10": "Under 10",
    "children": "All children (under 10 and 10 to 17)",
    "18-24": "18 to 24",
    "25-34": "25 to 34",
    "over 34": "Over 34",
    "all": "All ages",
}


class DashboardFilterForm(GovukFormMixin, forms.Form):
    force = forms.ChoiceField(label="Force", required=False)
    month_from = forms.ChoiceField(label="From month", required=False)
    month_to = forms.ChoiceField(label="To month", required=False)
    borough = forms.ChoiceField(label="Borough", required=False)
    age = forms.ChoiceField(label="Age", choices=[(a, AGE_LABELS[a]) for a in AGE_CHOICES], initial="10-17")
    ethnicity = forms.ChoiceField(
        label="Ethnicity",
        choices=[("self", "Self-defined"), ("officer", "Officer-defined")],
        initial="self",
        widget=forms.RadioSelect,
    )
    reference = forms.ChoiceField(label="Reference group", choices=[(g, g) for g in GROUPS], initial="White")
    focus = forms.ChoiceField(
        label="Group for the borough ranking", choices=[(g, g) for g in GROUPS], initial="Black"
    )
    method = forms.ChoiceField(
        label="Interval method",
        choices=[("katz", "Katz log (usual)"), ("exact", "Exact (small numbers)")],
        initial="katz",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, forces: list[str], months: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["force"].choices = [("", "All forces"), *[(f, f) for f in forces]]
        self.fields["month_from"].choices = [("", "Earliest"), *[(m, m) for m in months]]
        self.fields["month_to"].choices = [("", "Latest"), *[(m, m) for m in months]]
        self.fields["borough"].choices = [
            ("", "All boroughs"),
            *sorted(BOROUGH_NAMES.items(), key=lambda x: x[1]),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("reference") and data.get("reference") == data.get("focus"):
            self.add_error("focus", "The group for the borough ranking must differ from the reference group")
        frm, to = data.get("month_from"), data.get("month_to")
        if frm and to and frm > to:
            self.add_error("month_to", "The to month must be the same as or after the from month")
        return data

    def filters(self) -> Filters:
        d = self.cleaned_data
        try:
            return Filters(
                force=d.get("force") or None,
                month_from=d.get("month_from") or None,
                month_to=d.get("month_to") or None,
                borough=d.get("borough") or None,
                age=d.get("age") or "10-17",
                ethnicity=d.get("ethnicity") or "self",
            ).validated()
        except FilterError as exc:  # the choices make this unlikely; say so if it happens
            raise forms.ValidationError(str(exc)) from None

    @staticmethod
    def defaults() -> dict[str, str]:
        return {"age": "10-17", "ethnicity": "self", "reference": "White", "focus": "Black", "method": "katz"}
