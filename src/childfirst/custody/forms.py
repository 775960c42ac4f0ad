"""The web forms for recording detention events: what each form asks, and how its answers become the
`data` the custody services validate. No legal rule lives here: every check is the services' (and the
lawbook's, through `law`); these specs only describe fields and turn posted text into service input.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from . import law

Choices = list[tuple[str, str]]


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    widget: str = "text"  # text | textarea | select | radios | checkboxes | checkbox | datetime
    hint: str = ""
    choices: Callable[[Any, dt.datetime], Choices] | None = None
    width: str = ""  # a govuk-input--width-N class suffix

    @property
    def id(self) -> str:
        return f"f-{self.name}"


def _choices(values: Any) -> Choices:
    return [(v, law.words(v).capitalize()) for v in values]


def _ranks(d: Any, at: dt.datetime) -> Choices:
    return [("", "Choose a rank"), *_choices(law.RANKS)]


@dataclass(frozen=True)
class EventForm:
    kind: str
    title: str
    group: str
    fields: tuple[Field, ...] = ()
    build: Callable[[dict[str, Any]], dict[str, Any]] = lambda values: {}
    help: str = ""
    reason_label: str = "Reason or notes"
    reason_hint: str = ""
    aliases: dict[str, str] = field(default_factory=dict)  # service error key -> field name


def _data(*names: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda values: {n: values[n] for n in names}


def _charge_offences(d: Any, at: dt.datetime) -> Choices:
    return [(o["description"], o["description"]) for o in d.offences]


def _certificate_codes(d: Any, at: dt.datetime) -> Choices:
    return _choices(law.certificate_reason_codes(at))


def _cell_justifications(d: Any, at: dt.datetime) -> Choices:
    return [("", "None: the child is not a juvenile"), *_choices(law.cell_justifications(at))]


def _bail_grounds(d: Any, at: dt.datetime) -> Choices:
    return [("", "Not refused"), *_choices(law.post_charge_grounds(at))]


def _extension(values: dict[str, Any]) -> dict[str, Any]:
    data = {k: values[k] for k in ("authorised_by", "rank", "extension_type", "until")}
    flags = values["flags"]
    for flag in ("necessary_for_evidence", "diligent_and_expeditious", "court_could_not_sit"):
        data[flag] = flag in flags
    return data


def _interview(values: dict[str, Any]) -> dict[str, Any]:
    if not values["urgent"]:
        return {}
    return {"urgent_authorisation": {"by": values["urgent_by"], "rank": values["urgent_rank"]}}


def _certificate(values: dict[str, Any]) -> dict[str, Any]:
    data = {k: values[k] for k in ("ground", "reason_codes", "reasons", "certifying_officer", "inspector")}
    data["secure_available"] = "secure_available" in values["facts"]
    data["serious_harm_risk"] = "serious_harm_risk" in values["facts"]
    return data


CHARGE = "Charge, bail and transfer"
DETENTION = "Detention and interview"
CARE = "Care in the cells"
EVENT_FORMS: dict[str, EventForm] = {
    f.kind: f
    for f in (
        EventForm(
            "charged",
            "Charge",
            CHARGE,
            (
                Field(
                    "offences",
                    "Offences charged",
                    "checkboxes",
                    "Leave all unticked to charge every offence the child was detained for",
                    _charge_offences,
                ),
            ),
            _data("offences"),
        ),
        EventForm(
            "bail_decision",
            "Bail decision after charge",
            CHARGE,
            (
                Field(
                    "outcome",
                    "Decision",
                    "radios",
                    choices=lambda d, at: [
                        ("bailed", "Released on bail"),
                        ("released_without_bail", "Released without bail"),
                        ("refused", "Bail refused: kept in detention"),
                    ],
                ),
                Field(
                    "ground",
                    "Ground for refusing bail (s.38(1))",
                    "select",
                    "Only if bail is refused",
                    _bail_grounds,
                ),
            ),
            _data("outcome", "ground"),
            reason_label="Why the child cannot be released",
            reason_hint="Required if bail is refused",
        ),
        EventForm(
            "transfer_requested",
            "Ask the local authority for accommodation (s.38(6))",
            CHARGE,
            (
                Field("local_authority", "Local authority"),
                Field(
                    "accommodation",
                    "Accommodation asked for",
                    "radios",
                    choices=lambda d, at: [("non_secure", "Non-secure"), ("secure", "Secure")],
                ),
            ),
            _data("local_authority", "accommodation"),
        ),
        EventForm(
            "transfer_response",
            "Local authority response",
            CHARGE,
            (
                Field(
                    "response",
                    "The local authority",
                    "radios",
                    choices=lambda d, at: [
                        ("non_secure_offered", "Offered non-secure accommodation"),
                        ("secure_offered", "Offered secure accommodation"),
                        ("refused", "Refused"),
                    ],
                ),
                Field("responder", "Who responded", hint="Name and role at the local authority"),
            ),
            _data("response", "responder"),
            reason_label="Reason the local authority gave",
            reason_hint="Required if the local authority refused",
        ),
        EventForm(
            "certificate",
            "s.38(6) certificate: the child stays at the station",
            CHARGE,
            (
                Field(
                    "ground",
                    "Ground",
                    "radios",
                    choices=lambda d, at: [
                        ("a", "(a) Transfer is impracticable"),
                        (
                            "b",
                            "(b) No secure accommodation and other accommodation would not protect "
                            "the public from serious harm",
                        ),
                    ],
                ),
                Field(
                    "reason_codes",
                    "Reason codes",
                    "checkboxes",
                    "Tick every reason that applies",
                    _certificate_codes,
                ),
                Field("reasons", "Reasons in full", "textarea", "These are produced to the court"),
                Field(
                    "facts",
                    "Facts for ground (b)",
                    "checkboxes",
                    choices=lambda d, at: [
                        ("serious_harm_risk", "There is a risk of serious harm to the public from the child"),
                        ("secure_available", "Secure accommodation is available"),
                    ],
                ),
                Field("certifying_officer", "Certifying custody officer"),
                Field("inspector", "Inspector assigned to monitor the case"),
            ),
            _certificate,
            aliases={"serious_harm_risk": "facts", "secure_available": "facts"},
        ),
        EventForm(
            "transfer_completed",
            "Transfer to local authority accommodation completed",
            CHARGE,
            (Field("placement", "Placement", hint="Where the child was taken"),),
            _data("placement"),
        ),
        EventForm(
            "extension",
            "Extension of detention",
            DETENTION,
            (
                Field(
                    "extension_type",
                    "Type",
                    "radios",
                    choices=lambda d, at: [
                        ("superintendent", "Superintendent's authorisation (s.42)"),
                        ("warrant", "Warrant of further detention (s.43)"),
                        ("warrant_extension", "Extension of a warrant (s.44)"),
                    ],
                ),
                Field("authorised_by", "Authorised by", hint="The officer or the court"),
                Field(
                    "rank",
                    "Rank of the authorising officer",
                    "select",
                    "For a superintendent's authorisation",
                    _ranks,
                ),
                Field(
                    "until",
                    "Detention authorised until",
                    "datetime",
                    "For example, 14/01/2026 09:30 (London time)",
                ),
                Field(
                    "flags",
                    "The authorising officer is satisfied that",
                    "checkboxes",
                    choices=lambda d, at: [
                        (
                            "necessary_for_evidence",
                            "Detention is necessary to secure, preserve or obtain evidence",
                        ),
                        (
                            "diligent_and_expeditious",
                            "The investigation is being conducted diligently and expeditiously",
                        ),
                        ("court_could_not_sit", "The court could not sit in time (warrant applications)"),
                    ],
                ),
            ),
            _extension,
            reason_label="Grounds for continued detention",
            aliases={
                "necessary_for_evidence": "flags",
                "diligent_and_expeditious": "flags",
                "court_could_not_sit": "flags",
            },
        ),
        EventForm(
            "cell_allocated",
            "Place the child in a cell",
            DETENTION,
            (
                Field("cell", "Cell", width="10"),
                Field(
                    "justification",
                    "Why a cell is unavoidable",
                    "select",
                    "A child may be placed in a cell only if no other secure accommodation is available and "
                    "the custody officer considers it unavoidable",
                    _cell_justifications,
                ),
            ),
            _data("cell", "justification"),
            reason_label="Justification in full",
            reason_hint="Required for a child",
        ),
        EventForm(
            "interview_started",
            "Interview started",
            DETENTION,
            (
                Field(
                    "urgent",
                    "Urgent interview",
                    "checkbox",
                    "Only when no appropriate adult is present and an officer of the required rank has "
                    "authorised an urgent interview",
                    choices=lambda d, at: [
                        ("yes", "This is an authorised urgent interview without an appropriate adult")
                    ],
                ),
                Field("urgent_by", "Urgent interview authorised by"),
                Field("urgent_rank", "Their rank", "select", choices=_ranks),
            ),
            _interview,
            reason_label="Why the interview cannot wait",
            reason_hint="Required for an urgent interview",
            aliases={
                "urgent_authorisation": "urgent",
                "urgent_authorisation.by": "urgent_by",
                "urgent_authorisation.rank": "urgent_rank",
            },
        ),
        EventForm("interview_ended", "Interview ended", DETENTION),
        EventForm(
            "woman_carer_assigned",
            "Woman officer assigned to care for a girl",
            CARE,
            (
                Field("officer", "Officer"),
                Field(
                    "officer_sex",
                    "The officer is",
                    "radios",
                    choices=lambda d, at: [("female", "Female"), ("male", "Male")],
                ),
            ),
            _data("officer", "officer_sex"),
        ),
        EventForm(
            "adult_association",
            "Contact with a detained adult",
            CARE,
            (
                Field("adult", "The adult", hint="Name or custody number"),
                Field(
                    "relation",
                    "The adult is",
                    "radios",
                    choices=lambda d, at: [
                        ("relative", "A relative"),
                        ("jointly_charged", "Jointly charged with the child"),
                        ("other", "Someone else"),
                    ],
                ),
                Field(
                    "shared_cell",
                    "Cell",
                    "checkbox",
                    choices=lambda d, at: [("yes", "They share a cell")],
                ),
            ),
            lambda values: {
                "adult": values["adult"],
                "relation": values["relation"],
                "shared_cell": bool(values["shared_cell"]),
            },
        ),
        EventForm("aa_left", "Appropriate adult left", DETENTION),
    )
}


# --- parsing what the officer typed ---------------------------------------------------------------------

_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def london_now() -> dt.datetime:
    return timezone.now().astimezone(law.LONDON)


def parse_when(date_text: str, time_text: str) -> dt.datetime | str:
    """A London wall-clock time (date optional: today). Returns the instant, or what is wrong."""
    time_text, date_text = time_text.strip(), date_text.strip()
    match = _TIME.match(time_text)
    if not match:
        return "enter a time on the 24-hour clock, like 14:05" if time_text else "is required: enter a time"
    hour, minute = int(match[1]), int(match[2])
    if date_text:
        dmatch = _DATE.match(date_text)
        if not dmatch:
            return "enter a date like 13/01/2026, or leave it blank for today"
        day, month, year = int(dmatch[1]), int(dmatch[2]), int(dmatch[3])
    else:
        today = london_now().date()
        day, month, year = today.day, today.month, today.year
    try:
        return dt.datetime(year, month, day, hour, minute, tzinfo=law.LONDON)
    except ValueError:
        return "is not a real date and time"


def parse_datetime(text: str) -> dt.datetime | str | None:
    """'DD/MM/YYYY HH:MM' London time (blank: None)."""
    text = text.strip()
    if not text:
        return None
    parts = text.split()
    if len(parts) != 2 or not _DATE.match(parts[0]):
        return "enter a date and time like 14/01/2026 09:30"
    return parse_when(parts[0], parts[1])


def read_values(form: EventForm, post: Any, d: Any, at: dt.datetime) -> tuple[dict[str, Any], dict[str, str]]:
    """The posted answers (as typed, for redisplay) and any that could not be read at all."""
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for f in form.fields:
        if f.widget == "checkboxes":
            values[f.name] = post.getlist(f.name)
        elif f.widget == "checkbox":
            values[f.name] = post.get(f.name, "") == "yes"
        else:
            values[f.name] = post.get(f.name, "").strip()
    return values, problems


def service_data(form: EventForm, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Turn the typed answers into the service's data; datetimes become ISO text or a field problem."""
    problems: dict[str, str] = {}
    converted = dict(values)
    for f in form.fields:
        if f.widget == "datetime":
            parsed = parse_datetime(values[f.name])
            if isinstance(parsed, str):
                problems[f.name] = parsed
                converted[f.name] = None
            else:
                converted[f.name] = parsed.isoformat() if parsed else None
    return form.build(converted), problems


# --- the services' error keys, back onto the form's fields ---------------------------------------------


def _known_messages() -> list[str]:
    return sorted(law.known_problem_messages(), key=len, reverse=True)


def split_problems(text: str) -> list[str]:
    """Split a '; '-joined list of lawbook problems, keeping messages that themselves contain '; '."""
    found: list[tuple[int, str]] = []
    rest = text
    for message in _known_messages():
        pos = rest.find(message)
        if pos >= 0:
            found.append((text.find(message), message))
            rest = rest.replace(message, "\0")
    leftovers = [p.strip() for chunk in rest.split("\0") for p in chunk.split("; ") if p.strip(" ;")]
    return [m for _, m in sorted(found)] + leftovers


_NOTHING_CHOSEN = re.compile(r"^must be one of .* \(got (''|None)\)$")


def field_errors(
    form: EventForm, errors: dict[str, str], *, extra: dict[str, str] | None = None
) -> list[tuple[str, str, str]]:
    """(field name, label, message) for each service error: keys map to fields; a joined list of
    lawbook problems ('field: message; ...') is split so each lands on its own field."""
    names = {f.name: f for f in form.fields}
    labels = {
        **{n: f.label for n, f in names.items()},
        "occurred_at": "Time",
        "time": "Time",
        "reason": form.reason_label,
    }
    first = form.fields[0].name if form.fields else "time"
    out: list[tuple[str, str, str]] = []

    def place(key: str, message: str) -> None:
        key = form.aliases.get(key, key)
        if _NOTHING_CHOSEN.match(message):
            message = "is required: choose one"
        if key in ("occurred_at", "date"):
            key = "time"
        if key not in labels:
            label = {"kind": form.title, "detention": "Detention", "version": "Version"}.get(
                key, law.words(key).capitalize()
            )
            out.append((first, label, message))
            return
        out.append((key, labels[key], message))

    for key, message in {**errors, **(extra or {})}.items():
        if key in ("certificate", "extension", "aa"):
            for problem in split_problems(message):
                head, sep, tail = problem.partition(": ")
                if sep and (head in labels or head in form.aliases):
                    place(head, tail)
                else:
                    place(key, problem)
        else:
            place(key, message)
    return out
