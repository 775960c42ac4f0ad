"""Care-experienced children: reducing unnecessary criminalisation (RULES.md module 4: CARE-01 to 06)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from childfirst.lawbook.decision import Decision, Reason
from childfirst.lawbook.rules.common import a_bool, an_int, because, law_date, list_of, param
from childfirst.lawbook.timeutil import aware


def care_protocol(
    *,
    at: dt.datetime,
    age: int,
    looked_after: bool = False,
    care_leaver: bool = False,
    in_placement: bool = False,
    immediate_risk_to_people_or_property: bool = False,
    exploitation_indicators: bool = False,
    children_home_offence: bool = False,
    checklist_answered: Sequence[str] = (),
) -> Decision:
    """CARE-01 to 06: does the protocol apply, and what must be asked or done before a criminal response?

    Outcome: applies, questions (to answer before reporting, arresting or charging), prompts,
    call_police_now (CARE-05 local practice), checklist_missing."""
    at = aware("at", at)
    on = law_date(at)
    age = an_int("age", age, minimum=0)
    leaver_limit = param("CARE-01.care_leaver_age_limit", on)
    questions = param("CARE-01.core_questions", on)
    checklist = param("CARE-01.checklist", on)
    lac = a_bool("looked_after", looked_after)
    leaver = a_bool("care_leaver", care_leaver)
    applies = lac or (leaver and age < leaver_limit.value)
    reasons: list[Reason] = [
        because(
            "CARE-01",
            "The protocol covers looked-after children and care leavers up to "
            f"{leaver_limit.value}; it is best practice, not a statutory duty.",
            {
                "looked_after": lac,
                "care_leaver": leaver,
                "age": age,
                "care_leaver_age_limit": leaver_limit.value,
            },
            by=leaver_limit,
        )
    ]
    prompts: list[str] = []
    asked: list[str] = []
    call_now = True
    missing: list[str] = []
    if applies:
        asked = list(questions.value)
        reasons.append(
            because(
                "CARE-02", "Ask before reporting, arresting or charging.", {"questions": asked}, by=questions
            )
        )
        prompts.append("consider restorative or diversionary response first")
        reasons.append(because("CARE-03", "Restorative and diversionary approaches first.", {}))
        if a_bool("exploitation_indicators", exploitation_indicators) or lac:
            prompts.append("consider coercion or criminal exploitation (see EXP-03)")
            reasons.append(because("CARE-04", "Looked-after children may be victims of exploitation.", {}))
        if a_bool("in_placement", in_placement):
            call_now = a_bool("immediate_risk_to_people_or_property", immediate_risk_to_people_or_property)
            prompts.append("record the child's views after the incident")
            reasons.append(
                because(
                    "CARE-05",
                    "From residential care, call police at once only for an immediate "
                    "risk to people or property; otherwise decide the next day (local practice).",
                    {"call_police_now": call_now},
                )
            )
        if a_bool("children_home_offence", children_home_offence):
            answered = list_of("checklist_answered", list(checklist_answered), checklist.value)
            missing = [c for c in checklist.value if c not in answered]
            reasons.append(
                because(
                    "CARE-06",
                    "Answer the CPS checklist for offences in children's homes.",
                    {"missing": missing},
                    by=checklist,
                )
            )
    return Decision(
        "CARE-01",
        {
            "applies": applies,
            "questions": asked,
            "prompts": prompts,
            "call_police_now": call_now,
            "checklist_missing": missing,
        },
        reasons,
    )


def looked_after_arrest(*, at: dt.datetime, looked_after: bool, done: Sequence[str] = ()) -> Decision:
    """CARE-07: on the arrest of a looked-after child the local authority ensures an AA, a youth justice
    solicitor and shares the care plan. Outcome: applies, missing."""
    at = aware("at", at)
    actions = param("CARE-07.arrest_actions", law_date(at))
    applies = a_bool("looked_after", looked_after)
    finished = list_of("done", list(done), actions.value)
    missing = [a for a in actions.value if a not in finished] if applies else []
    return Decision(
        "CARE-07",
        {"applies": applies, "missing": missing},
        [
            because(
                "CARE-07",
                "The responsible local authority ensures these on arrest.",
                {"missing": missing},
                by=actions,
            )
        ],
    )
