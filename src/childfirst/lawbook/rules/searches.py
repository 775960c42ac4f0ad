"""Searches of children (RULES.md module 2: SRC-01 to SRC-08)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from childfirst.lawbook.decision import Decision, Reason
from childfirst.lawbook.policies import Policy
from childfirst.lawbook.ranks import RANKS, rank_at_least
from childfirst.lawbook.rules.common import (
    a_bool,
    an_int,
    because,
    law_date,
    list_of,
    one_of,
    param,
    param_or_none,
    pol,
    policy_reason,
)
from childfirst.lawbook.timeutil import aware

SETTINGS = ("custody", "stop_and_search")
LOCATIONS = (
    "police_station",
    "custody_suite",
    "private_location_out_of_view",
    "police_vehicle",
    "public_view",
    "school",
    "residential_address",
    "other",
)
# Kept for callers written against the first API; new code should use ranks.rank_at_least with the
# dated parameter SRC-06.child_strip_search_authorising_rank.
_INSPECTOR_OR_ABOVE = tuple(r for r in RANKS if r not in ("constable", "sergeant"))


def _safeguard(name: str, rule: str, tag: str, detail: str) -> dict[str, Any]:
    return {"name": name, "rule": rule, "tag": tag, "detail": detail}


def strip_search_requirements(
    *,
    at: dt.datetime,
    is_juvenile: bool,
    setting: str = "custody",
    intimate_parts_exposed: bool = True,
    location: str | None = None,
    suspected_under_18: bool = False,
    policy: Policy | None = None,
) -> Decision:
    """SRC-01/02/03/06/08: the safeguards required for a strip search, given the force's policy.

    `suspected_under_18`: there is some reason to suspect the person is a child although not treated as a
    juvenile; under the HO 2024 proposals (if the force applies them) they are then treated as a child.
    Outcome: safeguards (list of {name, rule, tag, detail}), required (names), warnings,
    location_forbidden, treated_as_child.
    """
    at = aware("at", at)
    on = law_date(at)
    p = pol(policy)
    setting = one_of("setting", setting, SETTINGS)
    if location is not None:
        location = one_of("location", location, LOCATIONS)
    juvenile = a_bool("is_juvenile", is_juvenile)
    eip = a_bool("intimate_parts_exposed", intimate_parts_exposed)
    reasons: list[Reason] = []
    # Force switches are undated; each applies only from the date its practice began (SRC-06: 2022,
    # SRC-08: the 2024 proposals), so a search before then is judged without it.
    met_inspector = bool(
        p["child_strip_search_inspector_authorisation"]
        and param_or_none("SRC-06.child_strip_search_authorising_rank", on) is not None
    )
    ho2024 = bool(
        p["ho2024_strip_search_proposals"] and param_or_none("SRC-06.ho2024_proposals_from", on) is not None
    )
    if not juvenile and a_bool("suspected_under_18", suspected_under_18) and ho2024:
        juvenile = True
        reasons.append(
            policy_reason(
                "SRC-08",
                "Any reason to suspect the person is a child: treated as a child (HO 2024 proposals).",
                p,
                "ho2024_strip_search_proposals",
            )
        )
    safeguards: list[dict[str, Any]] = [
        _safeguard("necessity_recorded", "SRC-03", "V2", "necessary to remove an article; never routine"),
        _safeguard(
            "same_sex_searcher",
            "SRC-02",
            "GK",
            "searching officer of the same sex; no one of the "
            "opposite sex present unless specifically requested",
        ),
        _safeguard("out_of_view", "SRC-03", "GK", "not visible to anyone who need not be present"),
    ]
    warnings: list[str] = []
    location_forbidden = False
    reasons.append(
        because(
            "SRC-03",
            "A strip search must be necessary, never routine, by the same sex, out of view.",
            {"setting": setting},
        )
    )
    if setting == "stop_and_search" and eip:
        forbidden = param("SRC-01.eip_locations_forbidden", on)
        safeguards.append(
            _safeguard(
                "at_station_or_private_location",
                "SRC-01",
                "GK",
                "nearby police station or other location out of public view",
            )
        )
        if location in forbidden.value:
            location_forbidden = True
            reasons.append(
                because(
                    "SRC-01",
                    "A search exposing intimate parts may not take place here.",
                    {"location": location, "forbidden": forbidden.value},
                    by=forbidden,
                )
            )
    if eip:
        minimum = param("SRC-03.minimum_people_present", on)
        safeguards.append(
            _safeguard(
                "two_people_present",
                "SRC-03",
                minimum.tag,
                f"at least {minimum.value} people other than the detainee present",
            )
        )
        reasons.append(
            because(
                "SRC-03",
                "Where intimate parts may be exposed, at least this many people other "
                "than the detainee are present.",
                {"minimum_people_present": minimum.value},
                by=minimum,
            )
        )
    if juvenile and eip:
        safeguards.append(
            _safeguard(
                "appropriate_adult_present",
                "SRC-03",
                "V",
                "AA present unless urgent risk of serious harm, or the child declines in the "
                "AA's presence and the AA agrees (signed by the AA)",
            )
        )
        reasons.append(
            because(
                "SRC-03",
                "For a juvenile, one of those present must be the appropriate adult.",
                {"is_juvenile": True},
            )
        )
        if met_inspector:
            safeguards.append(
                _safeguard(
                    "inspector_authorisation",
                    "SRC-06",
                    "V2",
                    "authorised by an inspector or above (force policy)",
                )
            )
            reasons.append(
                policy_reason(
                    "SRC-06",
                    "Force policy: an inspector or above authorises a child strip search.",
                    p,
                    "child_strip_search_inspector_authorisation",
                )
            )
        if ho2024:
            if not any(s["name"] == "inspector_authorisation" for s in safeguards):
                safeguards.append(
                    _safeguard(
                        "inspector_authorisation",
                        "SRC-08",
                        "PROPOSED",
                        "authorised by an inspector or above (HO 2024 proposal 1)",
                    )
                )
            safeguards += [
                _safeguard(
                    "consult_appropriate_adult", "SRC-08", "PROPOSED", "custody officer consults the AA"
                ),
                _safeguard("inform_parent", "SRC-08", "PROPOSED", "a parent or guardian is told"),
                _safeguard("safeguarding_referral", "SRC-08", "PROPOSED", "referral to children's services"),
                _safeguard(
                    "opposite_sex_aa_only_if_known_and_agreed",
                    "SRC-08",
                    "PROPOSED",
                    "an AA of the opposite sex only if known to the child and the child agrees",
                ),
                _safeguard(
                    "inspector_notified_if_no_aa",
                    "SRC-08",
                    "PROPOSED",
                    "if no AA because of urgency, an inspector is notified",
                ),
            ]
            reasons.append(
                policy_reason(
                    "SRC-08",
                    "Force policy applies the Home Office 2024 proposals (not confirmed in force).",
                    p,
                    "ho2024_strip_search_proposals",
                )
            )
        if location == "school" and p["warn_strip_search_at_school"]:
            warnings.append("no child should be strip searched at school")
            reasons.append(
                policy_reason(
                    "SRC-08", "Warning: strip search of a child at school.", p, "warn_strip_search_at_school"
                )
            )
    record = param("SRC-03.record_fields", on)
    safeguards.append(_safeguard("record_completed", "SRC-04", record.tag, ", ".join(record.value)))
    return Decision(
        "SRC-03",
        {
            "treated_as_child": juvenile,
            "safeguards": safeguards,
            "required": [s["name"] for s in safeguards],
            "warnings": warnings,
            "location_forbidden": location_forbidden,
        },
        reasons,
    )


def strip_search_lawful(
    *,
    at: dt.datetime,
    is_juvenile: bool,
    necessary: bool,
    people_present: int,
    aa_present: bool,
    urgent_risk_of_serious_harm: bool = False,
    child_declined_aa_in_aa_presence: bool = False,
    aa_agreed_and_signed: bool = False,
    authorising_rank: str | None = None,
    setting: str = "custody",
    location: str | None = None,
    exceptional_circumstances: bool = False,
    suspected_under_18: bool = False,
    policy: Policy | None = None,
) -> Decision:
    """SRC-03/06/08: may this strip search (exposing intimate parts) of a child go ahead as described?
    `people_present` counts everyone present other than the detainee, including the AA.

    Outcome: may_proceed, problems, plus the safeguards from strip_search_requirements."""
    req = strip_search_requirements(
        at=at,
        is_juvenile=is_juvenile,
        setting=setting,
        location=location,
        suspected_under_18=suspected_under_18,
        policy=policy,
    )
    on = law_date(at)
    problems: list[str] = []
    if not a_bool("necessary", necessary):
        problems.append("not_necessary")
    minimum = param("SRC-03.minimum_people_present", on)
    urgent = a_bool("urgent_risk_of_serious_harm", urgent_risk_of_serious_harm)
    # Code C Annex A 11(c): "except in cases of urgency, where there is risk of serious harm to the
    # detainee or to others" governs both the two-person minimum and the AA's presence.
    if an_int("people_present", people_present, minimum=0) < minimum.value and not urgent:
        problems.append("too_few_people_present")
    if req["location_forbidden"]:
        problems.append("location_forbidden")
    most = param("SRC-03.maximum_people_besides_aa", on)
    others = people_present - (1 if a_bool("aa_present", aa_present) else 0)
    if others > most.value and not a_bool("exceptional_circumstances", exceptional_circumstances):
        problems.append("too_many_people_present")
    if req["treated_as_child"] and not a_bool("aa_present", aa_present):
        waived = a_bool("child_declined_aa_in_aa_presence", child_declined_aa_in_aa_presence) and a_bool(
            "aa_agreed_and_signed", aa_agreed_and_signed
        )
        if not (urgent or waived):
            problems.append("no_appropriate_adult")
    if authorising_rank is not None:
        rank_at_least(authorising_rank, "constable", field="authorising_rank")  # a known rank
    if "inspector_authorisation" in req["required"]:
        needed = param("SRC-06.child_strip_search_authorising_rank", on)
        if authorising_rank is None:
            problems.append("no_inspector_authorisation")
        elif not rank_at_least(authorising_rank, needed.value, field="authorising_rank"):
            problems.append("authorised_below_inspector")
    reasons = list(req.reasons)
    reasons.insert(
        0,
        because(
            "SRC-03",
            "Strip search may proceed." if not problems else "Strip search must not proceed as described.",
            {"problems": problems},
        ),
    )
    out = dict(req.outcome)
    out.update({"may_proceed": not problems, "problems": problems})
    return Decision("SRC-03", out, reasons)


def intimate_search_lawful(
    *,
    at: dt.datetime,
    authorising_rank: str,
    grounds: str,
    findable_otherwise: bool,
    age: int | None = None,
    aa_same_sex_present: bool = False,
    child_declined_aa_and_aa_agreed: bool = False,
    written_consent_by: tuple[str, ...] | list[str] = (),
) -> Decision:
    """SRC-05: may this intimate search go ahead? `grounds`: injury_article | class_a_drug.
    `written_consent_by` (drug searches): any of child, parent.
    Outcome: may_proceed, problems, consent_needed."""
    at = aware("at", at)
    on = law_date(at)
    ranks = param("SRC-05.authorising_minimum_rank", on)
    consent_age = param("SRC-05.child_consent_from_age", on)
    grounds = one_of("grounds", grounds, ("injury_article", "class_a_drug"))
    problems: list[str] = []
    if not rank_at_least(authorising_rank, ranks.value, field="authorising_rank"):
        problems.append("authorised_below_inspector")
    if a_bool("findable_otherwise", findable_otherwise):
        problems.append("could_be_found_otherwise")
    consent_needed: list[str] = []
    if grounds == "class_a_drug":
        adult_age = param("CUS-01.juvenile_age_limit", on)
        if age is None or an_int("age", age) >= adult_age.value:
            # PACE s.65(1): an adult's "appropriate consent" is their own; no parent is involved.
            consent_needed = ["detainee"]
        else:
            consent_needed = ["child", "parent"] if age >= consent_age.value else ["parent"]
        given = set(written_consent_by)
        if given & {"detainee", "child"}:
            given |= {"detainee", "child"}  # the person searched, whatever the caller calls them
        missing = [c for c in consent_needed if c not in given]
        if missing:
            problems.append("appropriate_consent_missing")
    if (
        age is not None
        and age < param("CUS-01.juvenile_age_limit", on).value
        and not (
            a_bool("aa_same_sex_present", aa_same_sex_present)
            or a_bool("child_declined_aa_and_aa_agreed", child_declined_aa_and_aa_agreed)
        )
    ):
        problems.append("no_same_sex_appropriate_adult")
    reasons = [
        because(
            "SRC-05",
            "Intimate search: inspector or above, reasonable grounds, not findable "
            "otherwise; for a child an AA of the same sex.",
            {"problems": problems},
            by=ranks,
        )
    ]
    if consent_needed:
        reasons.append(
            because(
                "SRC-05",
                "A drug search needs written appropriate consent.",
                {"consent_needed": consent_needed, "child_consent_from_age": consent_age.value},
                by=consent_age,
            )
        )
    return Decision(
        "SRC-05",
        {"may_proceed": not problems, "problems": problems, "consent_needed": consent_needed},
        reasons,
    )


def strip_search_record_complete(*, at: dt.datetime, recorded: list[str]) -> Decision:
    """SRC-04: are all the fields that must be recorded for a strip search of a child recorded?
    `recorded`: the names of the fields filled in. Outcome: complete, missing."""
    at = aware("at", at)
    fields = param("SRC-03.record_fields", law_date(at))
    done = list_of("recorded", list(recorded), fields.value)
    missing = [f for f in fields.value if f not in done]
    return Decision(
        "SRC-04",
        {"complete": not missing, "missing": missing},
        [
            because(
                "SRC-04",
                "Record the reason, those present, the result, and the platform's mandatory fields "
                "(location, AA, authorising officer, grounds, object sought, safeguarding referral, "
                "parent informed).",
                {"missing": missing},
                by=fields,
            )
        ],
    )
