"""The new-encounter form: the Child First checklist, and the data.police.uk fields for a stop and search.

The form checks what a person typed (required answers, real dates, a time that existed in London) and
turns it into the input of `encounters.services.record_encounter`, which applies the rules and saves.
Errors the service raises are mapped back onto these fields by `SERVICE_FIELD`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone

from childfirst.core.models import Borough
from childfirst.encounters.choices import (
    ChildRole,
    EncounterType,
    Legislation,
    ObjectOfSearch,
    SearchOutcome,
    SearchType,
    YesNoNotNeeded,
)

from .govuk import GovukDateField, GovukFormMixin

YES_NO = [("yes", "Yes"), ("no", "No")]
TIME_PATTERN = re.compile(r"^(?P<hour>\d{1,2})[:.](?P<minute>\d{2})$")

#: Where an error from `record_encounter` (keyed by its input names) is shown on this form.
SERVICE_FIELD = {
    "aware_at": "aware_date",
    "stop_search": "encounter_type",
    "stop_search.search_type": "ss_search_type",
    "stop_search.legislation": "ss_legislation",
    "stop_search.object_of_search": "ss_object_of_search",
    "stop_search.outcome": "ss_outcome",
    "stop_search.outcome_linked_to_object": "ss_outcome_linked_to_object",
    "stop_search.removal_of_more_than_outer_clothing": "ss_removal_of_more_than_outer_clothing",
}


def _radios(label: str, choices: Any, required_message: str, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


def _text(label: str, help_text: str = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=4000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _select(label: str, choices: Any, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", "Choose one"), *choices],
        error_messages={"invalid_choice": message},
    )


class EncounterForm(GovukFormMixin, forms.Form):
    child = forms.IntegerField(
        label="Child's record number",
        min_value=1,
        help_text="Shown on the child's record. Find the child first if you do not know it.",
        error_messages={
            "required": "Enter the child's record number",
            "invalid": "Child's record number must be a whole number, like 12",
            "min_value": "Child's record number must be 1 or more",
        },
    )
    encounter_type = _radios(
        "What kind of encounter was it?", EncounterType.choices, "Select the kind of encounter"
    )

    # data.police.uk stop and search fields, asked on a second page when the encounter is a stop and search.
    ss_search_type = _select("Type of search", SearchType.choices, "Select the type of search")
    ss_legislation = _select("Power used (legislation)", Legislation.choices, "Select the power used")
    ss_object_of_search = _select(
        "Object of search", ObjectOfSearch.choices, "Select what the search was for"
    )
    ss_outcome = _select("Outcome of the search", SearchOutcome.choices, "Select the outcome of the search")
    ss_outcome_linked_to_object = forms.ChoiceField(
        label="Was the outcome linked to the object of the search?",
        required=False,
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    ss_removal_of_more_than_outer_clothing = forms.ChoiceField(
        label="Was more than outer clothing removed?",
        required=False,
        choices=YES_NO,
        widget=forms.RadioSelect,
    )

    aware_date = GovukDateField(
        label="Date police became aware of or met the child",
        label_lower="date",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date police became aware of or met the child"},
    )
    aware_time = forms.CharField(
        label="Time",
        max_length=5,
        help_text="London time, on the 24-hour clock, for example 14:30",
        error_messages={"required": "Enter the time police became aware of or met the child"},
    )
    borough = forms.ChoiceField(
        label="Borough",
        error_messages={"required": "Select the borough", "invalid_choice": "Select a London borough"},
    )
    child_role = _radios(
        "What was the child's role?",
        ChildRole.choices,
        "Select the child's role",
        help_text="A child can be a victim in one encounter and a suspect in another: record this one.",
    )
    outcome = _text("What happened as a result?", rows=3)

    # The Child First checklist
    appears_under_18 = _radios(
        "Does the child appear to be under 18?",
        YES_NO,
        "Select yes if the child appears to be under 18",
        help_text="Your judgement, recorded with your name. If in doubt, they are treated as a child.",
    )
    age_established = _radios(
        "Was the child's age established from evidence?",
        YES_NO,
        "Select yes if the child's age was established from evidence",
        help_text="For example, a passport or a school record. What the child says is not enough on its own.",
    )
    rights_explained = _radios(
        "Were the reasons and the child's rights explained in words they understood?",
        YES_NO,
        "Select yes if the reasons and rights were explained",
    )
    rights_explained_how = _text("How were they explained?", "Needed if you answered yes.")
    communication_adjusted = _radios(
        "Did you adjust how you communicated for the child's needs?",
        YesNoNotNeeded.choices,
        "Select whether you adjusted how you communicated",
    )
    communication_adjustments = _text("What did you adjust?", "Needed if you answered yes.")
    responsible_adult_informed = _radios(
        "Was a parent, carer or appropriate adult informed?",
        YesNoNotNeeded.choices,
        "Select whether a parent, carer or appropriate adult was informed",
    )
    responsible_adult_details = _text("Who was informed, or why not?")
    childs_account = _text("The child's own account", "In the child's words, as far as you can.", rows=4)
    vulnerability_considered = _radios(
        "Did you consider the child's vulnerability?",
        YES_NO,
        "Select yes if you considered the child's vulnerability",
        help_text="For example, exploitation, going missing, harm at home or online.",
    )
    vulnerability_notes = _text("What did you consider?")
    adultification_prompt_answered = _radios(
        "Did you ask yourself whether you saw this child as older, or less in need of protection, "
        "than they are?",
        YES_NO,
        "Select yes if you considered the adultification prompt",
    )
    adultification_reflection = _text("Your reflection (optional)")
    safeguarding_concern = _radios(
        "Is there a safeguarding concern about the child?",
        YES_NO,
        "Select yes if there is a safeguarding concern",
        help_text="If yes, a 'child coming to notice' notification is sent to partner agencies.",
    )
    safeguarding_details = _text("Describe the concern", "Needed if you answered yes.")

    def __init__(
        self, *args: Any, default_borough: str = "", stop_search_step: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.stop_search_step = stop_search_step
        boroughs = list(Borough.objects.order_by("name").values_list("code", "name"))
        self.fields["borough"].choices = [("", "Choose a borough"), *boroughs]
        if default_borough and not self.is_bound:
            self.initial.setdefault("borough", default_borough)
        self.fields["child"].widget.attrs.update({"inputmode": "numeric", "class": "govuk-input--width-10"})
        self.fields["aware_time"].widget.attrs.update({"class": "govuk-input--width-5"})

    def clean_aware_time(self) -> dt.time:
        match = TIME_PATTERN.match(self.cleaned_data["aware_time"].strip())
        if match is None or int(match["hour"]) > 23 or int(match["minute"]) > 59:
            raise forms.ValidationError("Enter a real time on the 24-hour clock, like 14:30")
        return dt.time(int(match["hour"]), int(match["minute"]))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        day, time = data.get("aware_date"), data.get("aware_time")
        if isinstance(day, dt.date) and isinstance(time, dt.time):
            london = ZoneInfo(settings.TIME_ZONE)
            moment = dt.datetime.combine(day, time, tzinfo=london)
            # A time in the gap when the clocks go forward does not exist: it comes back changed.
            if moment.astimezone(dt.UTC).astimezone(london).replace(tzinfo=None) != moment.replace(
                tzinfo=None
            ):
                self.add_error(
                    "aware_time", "That time did not happen in London: the clocks went forward an hour"
                )
            elif moment > timezone.now():
                self.add_error("aware_date", "The date and time must be in the past")
            else:
                data["aware_at"] = moment
        if self.stop_search_step and data.get("encounter_type") == EncounterType.STOP_AND_SEARCH:
            for name, message in (
                ("ss_legislation", "Select the power used"),
                ("ss_object_of_search", "Select what the search was for"),
                ("ss_outcome", "Select the outcome of the search"),
                (
                    "ss_outcome_linked_to_object",
                    "Select yes if the outcome was linked to the object of the search",
                ),
                (
                    "ss_removal_of_more_than_outer_clothing",
                    "Select yes if more than outer clothing was removed",
                ),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        for answer, detail, message in (
            ("rights_explained", "rights_explained_how", "Say how the reasons and rights were explained"),
            ("communication_adjusted", "communication_adjustments", "Say what you adjusted"),
            ("safeguarding_concern", "safeguarding_details", "Describe the safeguarding concern"),
        ):
            if data.get(answer) == "yes" and not (data.get(detail) or "").strip():
                self.add_error(detail, message)
        return data

    @property
    def needs_stop_search_step(self) -> bool:
        """A stop and search whose data.police.uk fields (asked on their own page) are still to come."""
        return (
            self.cleaned_data.get("encounter_type") == EncounterType.STOP_AND_SEARCH
            and not self.stop_search_step
        )

    @property
    def errors_only_on_stop_search(self) -> bool:
        return bool(self.errors) and all(name.startswith("ss_") for name in self.errors)

    def service_input(self, reason: str = "") -> dict[str, Any]:
        """The validated answers as `record_encounter` input."""
        data = self.cleaned_data
        service: dict[str, Any] = {
            "child": data["child"],
            "encounter_type": data["encounter_type"],
            "aware_at": data["aware_at"],
            "borough": data["borough"],
            "child_role": data["child_role"],
            "outcome": data["outcome"],
            "appears_under_18": data["appears_under_18"] == "yes",
            "age_established": data["age_established"] == "yes",
            "rights_explained": data["rights_explained"] == "yes",
            "rights_explained_how": data["rights_explained_how"],
            "communication_adjusted": data["communication_adjusted"],
            "communication_adjustments": data["communication_adjustments"],
            "responsible_adult_informed": data["responsible_adult_informed"],
            "responsible_adult_details": data["responsible_adult_details"],
            "childs_account": data["childs_account"],
            "vulnerability_considered": data["vulnerability_considered"] == "yes",
            "vulnerability_notes": data["vulnerability_notes"],
            "adultification_prompt_answered": data["adultification_prompt_answered"] == "yes",
            "adultification_reflection": data["adultification_reflection"],
            "safeguarding_concern": data["safeguarding_concern"] == "yes",
            "safeguarding_details": data["safeguarding_details"],
        }
        if data["encounter_type"] == EncounterType.STOP_AND_SEARCH:
            service["stop_search"] = {
                "search_type": data["ss_search_type"] or SearchType.PERSON,
                "legislation": data["ss_legislation"],
                "object_of_search": data["ss_object_of_search"],
                "outcome": data["ss_outcome"],
                "outcome_linked_to_object": data["ss_outcome_linked_to_object"] == "yes",
                "removal_of_more_than_outer_clothing": data["ss_removal_of_more_than_outer_clothing"]
                == "yes",
            }
        if reason:
            service["reason"] = reason
        return service

    def add_service_errors(self, message_dict: dict[str, list[str]]) -> None:
        """Show errors raised by the service against the field the person can correct."""
        for key, messages in message_dict.items():
            name = SERVICE_FIELD.get(key, key)
            target = name if name in self.fields else None
            for message in messages:
                self.add_error(target, message.rstrip("."))
