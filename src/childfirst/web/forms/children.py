"""Finding a child, and stating a reason to open a record outside one's normal access."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from childfirst.people.access import BREAK_GLASS_MIN_REASON
from childfirst.people.choices import (
    CareStatus,
    Gender,
    ObservedEthnicity,
    Schedule8Condition,
    SelfDefinedEthnicity,
    SensitiveBasis,
)

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


def _choice(label: str, choices: Any, *, radios: bool = False, help_text: str = "", empty: str = "") -> Any:
    options = list(choices) if radios else [("", empty or "Not recorded"), *choices]
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=options,
        help_text=help_text,
        widget=forms.RadioSelect if radios else forms.Select,
        error_messages={"invalid_choice": f"Select a valid option for {label.lower()}"},
    )


def _notes(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=4000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NewChildForm(GovukFormMixin, forms.Form):
    """A new child's record: facts about the child, needs, and one person responsible for their welfare.

    The form checks the shape of each answer; `people.services.create_child` applies the rules (a date
    of birth in the past, a processing basis for sensitive details) and its errors come back here.
    """

    given_name = forms.CharField(
        label="Given name", max_length=100, error_messages={"required": "Enter the child's given name"}
    )
    family_name = forms.CharField(
        label="Family name", max_length=100, error_messages={"required": "Enter the child's family name"}
    )
    also_known_as = forms.CharField(label="Other names they use (optional)", required=False, max_length=200)
    date_of_birth = GovukDateField(
        label="Date of birth",
        required=False,
        label_lower="date of birth",
        help_text="For example, 27 3 2011. Leave blank if it is not known and give an estimated age.",
    )
    estimated_age = forms.IntegerField(
        label="Estimated age in years, if the date of birth is not known",
        required=False,
        min_value=0,
        max_value=25,
        error_messages={
            "invalid": "Estimated age must be a whole number of years, like 15",
            "min_value": "Estimated age must be 0 or more",
            "max_value": "Estimated age must be 25 or less",
        },
    )
    stated_age = forms.IntegerField(
        label="Age the child gave (optional)",
        required=False,
        min_value=0,
        max_value=120,
        help_text="As they said it. A person who appears to be a child is treated as one.",
        error_messages={
            "invalid": "Age the child gave must be a whole number, like 16",
            "min_value": "Age the child gave must be 0 or more",
            "max_value": "Age the child gave must be 120 or less",
        },
    )
    age_disputed = forms.BooleanField(label="The child's age is disputed", required=False)
    gender = _choice("Gender", Gender.choices, radios=True)
    ethnicity_self_defined = _choice(
        "Ethnicity, as the child describes it", SelfDefinedEthnicity.choices, empty="Not asked or not given"
    )
    ethnicity_observed = _choice(
        "Ethnicity, as you observed it", ObservedEthnicity.choices, empty="Not recorded"
    )
    ethnicity_basis = _choice(
        "Basis for recording ethnicity",
        SensitiveBasis.choices,
        radios=True,
        help_text="Needed if you record ethnicity.",
    )
    ethnicity_condition = _choice("Schedule 8 condition for ethnicity", Schedule8Condition.choices)
    care_status = _choice("Care status", CareStatus.choices, radios=True)
    care_local_authority = forms.CharField(
        label="Local authority that looks after the child", required=False, max_length=100
    )
    communication_needs = _notes("Communication needs")
    what_helps = _notes("What helps the child communicate and feel safe")
    neurodiversity = _notes("Neurodiversity")
    send = _notes("Special educational needs and disabilities")
    mental_health = _notes("Mental health")
    health_basis = _choice(
        "Basis for recording health, neurodiversity or SEND",
        SensitiveBasis.choices,
        radios=True,
        help_text="Needed if you record any of the three answers above.",
    )
    health_condition = _choice("Schedule 8 condition for health details", Schedule8Condition.choices)
    person_name = forms.CharField(label="Name (optional)", required=False, max_length=200)
    person_relationship = forms.CharField(
        label="Relationship to the child",
        required=False,
        max_length=100,
        help_text="For example, mother or foster carer",
    )
    person_contact = forms.CharField(label="Phone or email", required=False, max_length=200)
    person_has_parental_responsibility = forms.BooleanField(
        label="Has parental responsibility", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("estimated_age", "stated_age"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "class": "govuk-input--width-3"})
        for name in ("given_name", "family_name", "also_known_as", "person_name"):
            self.fields[name].widget.attrs.update({"spellcheck": "false", "autocomplete": "off"})
        self.initial.setdefault("gender", Gender.NOT_STATED)
        self.initial.setdefault("care_status", CareStatus.UNKNOWN)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("person_name") and not data.get("person_relationship"):
            self.add_error("person_relationship", "Enter how this person is related to the child")
        return data

    def service_input(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        person = {
            "name": data.pop("person_name"),
            "relationship": data.pop("person_relationship"),
            "contact": data.pop("person_contact"),
            "has_parental_responsibility": data.pop("person_has_parental_responsibility"),
        }
        data["gender"] = data["gender"] or Gender.NOT_STATED
        data["care_status"] = data["care_status"] or CareStatus.UNKNOWN
        data["people_responsible"] = [person] if person["name"] else []
        return data

    def add_service_errors(self, message_dict: dict[str, list[str]]) -> None:
        for key, messages in message_dict.items():
            name = key
            if key.startswith("people_responsible."):
                name = "person_" + key.rsplit(".", 1)[-1]
            target = name if name in self.fields else None
            for message in messages:
                self.add_error(target, message.rstrip("."))
