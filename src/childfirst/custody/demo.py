"""Synthetic custody data for the demo: six suites (Wood Green and Brixton marked as pilots), about 80
detentions over the last two months and a dozen children in custody now, some handled well and some not
(late AA, overdue reviews, a charged child not transferred, a night in the cells, strip searches).

Everything goes through the real services, so it is validated and audited exactly as live data would
be. Legal times (review due, visit interval) are read back from the lawbook, never assumed here.
Idempotent: if synthetic detentions exist, nothing is added. Every record is marked synthetic.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from childfirst.core.models import Borough
from childfirst.core.roles import Role
from childfirst.lawbook.timeutil import LONDON
from childfirst.people.services import create_child

from . import law, services
from . import strip_search as ss
from .errors import InvalidEvent
from .models import CustodySuite, Detention, SuiteAssignment
from .timeline import facts

SUITES = [
    ("wood-green", "Wood Green", "E09000014", True),
    ("brixton", "Brixton", "E09000022", True),
    ("stoke-newington", "Stoke Newington", "E09000012", False),
    ("lewisham", "Lewisham", "E09000023", False),
    ("croydon", "Croydon", "E09000008", False),
    ("charing-cross", "Charing Cross", "E09000033", False),
]
GIVEN_F = ["Aaliyah", "Bella", "Chantelle", "Destiny", "Esme", "Funmi", "Georgia", "Hana", "Isla", "Jasmine"]
GIVEN_M = [
    "Aiden",
    "Bilal",
    "Callum",
    "Darnell",
    "Elijah",
    "Femi",
    "George",
    "Hassan",
    "Ibrahim",
    "Jayden",
    "Kai",
]
FAMILY = ["Adeyemi", "Brown", "Campbell", "Demir", "Evans", "Francis", "Gordon", "Hussain", "Ince", "Johnson"]
ETHNICITIES = [
    "black_african",
    "black_caribbean",
    "white_british",
    "white_other",
    "asian_bangladeshi",
    "asian_pakistani",
    "mixed_white_black_caribbean",
    "other_any",
]
OFFENCES = [
    {"description": "Robbery (personal property)", "offence_type": "indictable_only", "category": "violent"},
    {"description": "Possession of a bladed article", "offence_type": "either_way", "category": "violent"},
    {
        "description": "Possession with intent to supply class B",
        "offence_type": "either_way",
        "category": "other",
    },
    {"description": "Theft from a shop", "offence_type": "either_way", "category": "other"},
    {"description": "Criminal damage (under £5,000)", "offence_type": "summary", "category": "other"},
    {
        "description": "Assault occasioning actual bodily harm",
        "offence_type": "either_way",
        "category": "violent",
    },
]
AA = {"aa_type": "parent_or_guardian", "age": 42, "employment": "none"}
M = dt.timedelta(minutes=1)


class Simulator:
    """Appends events in time order, keeping reviews and visits on (or, if `lax`, off) the lawbook's clock."""

    def __init__(
        self, actor: Any, inspector: Any, detention: Detention, rng: random.Random, lax: bool
    ) -> None:
        self.actor, self.inspector, self.d, self.rng, self.lax = actor, inspector, detention, rng, lax
        self.skipped = 0

    def _events(self) -> list[Any]:
        return list(self.d.events.order_by("sequence"))

    def record(
        self, kind: str, at: dt.datetime, data: dict | None = None, reason: str = "", actor: Any = None
    ) -> bool:
        self.d.refresh_from_db()
        try:
            services.record_event(
                actor or self.actor,
                self.d,
                kind=kind,
                occurred_at=at,
                data=data or {},
                reason=reason,
                expected_version=self.d.version,
                now=max(at, timezone.now()),
            )
        except InvalidEvent:
            self.skipped += 1
            return False
        return True

    def catch_up(self, until: dt.datetime) -> None:
        """Reviews and visits that fall before `until`."""
        while True:
            events = self._events()
            f = facts(events)
            last = f.last_event_at or self.d.arrived_at
            clock = law.clock(self.d, f, last)
            due = clock["next_review_due"]
            visit_due = law.visit(last, True, max([self.d.arrived_at, *f.visits]))["next_visit_due"]
            candidates = []
            if due and due < until and not (self.lax and self.rng.random() < 0.5):
                late = self.lax and self.rng.random() < 0.5
                when = due + self.rng.randint(20, 90) * M if late else due - self.rng.randint(5, 40) * M
                candidates.append((max(when, last), "review"))
            if visit_due and visit_due < until:
                gap = (
                    self.rng.randint(10, 40)
                    if self.lax and self.rng.random() < 0.3
                    else -self.rng.randint(1, 6)
                )
                candidates.append((max(visit_due + gap * M, last), "visit"))
            candidates = [c for c in candidates if c[0] < until]
            if not candidates:
                return
            when, what = min(candidates)
            if what == "review":
                rank = "sergeant" if f.charged_at else "inspector"
                ok = self.record(
                    "review_held",
                    when,
                    {"reviewer": "Insp Okafor" if rank == "inspector" else "PS Reid", "rank": rank},
                    actor=self.inspector,
                )
            else:
                ok = self.record("visit", when, {"by": "DDO Patel", "condition": "Awake, calm"})
            if not ok:
                return


def _suites() -> list[CustodySuite]:
    out = []
    for code, name, borough, pilot in SUITES:
        suite, _ = CustodySuite.objects.get_or_create(
            code=code,
            defaults={"name": name, "borough": Borough.objects.get(code=borough), "is_pilot": pilot},
        )
        out.append(suite)
    return out


def _child(actor: Any, rng: random.Random, today: dt.date) -> Any:
    sex = rng.choice(["female", "male", "male", "male"])
    age = rng.randint(12, 17)
    return create_child(
        actor,
        {
            "given_name": rng.choice(GIVEN_F if sex == "female" else GIVEN_M),
            "family_name": rng.choice(FAMILY),
            "gender": sex,
            "date_of_birth": today - dt.timedelta(days=age * 365 + rng.randint(0, 360)),
            "ethnicity_self_defined": rng.choice(ETHNICITIES),
            "ethnicity_basis": "consent",
            "is_synthetic": True,
        },
    )


def _detention(
    actor: Any,
    inspector: Any,
    suite: CustodySuite,
    child: Any,
    rng: random.Random,
    number: str,
    arrived: dt.datetime,
    now: dt.datetime,
    current: bool,
) -> tuple[Detention, int]:
    lax = rng.random() < 0.3  # about a third of detentions are handled badly
    d = services.book_in(
        actor,
        child=child,
        suite=suite,
        custody_number=number,
        arrested_at=arrived - rng.randint(15, 70) * M,
        arrest_place=f"Street near {suite.name} (synthetic)",
        arrived_at=arrived,
        detention_authorised_at=arrived + rng.randint(8, 25) * M,
        offences=[rng.choice(OFFENCES)],
        date_of_birth=child.date_of_birth,
        sex=child.gender if child.gender in ("female", "male") else "not_known",
        synthetic=True,
        now=now,
    )
    sim = Simulator(actor, inspector, d, rng, lax)
    end = now if current else arrived + rng.randint(3 * 60, 20 * 60) * M
    t = d.detention_authorised_at
    plan: list[tuple[dt.datetime, str, dict, str]] = []
    if not (lax and rng.random() < 0.5):
        plan.append(
            (
                t + rng.randint(5, 50) * M,
                "welfare_informed",
                {"person": f"Parent of {child.given_name}", "relationship": "parent_or_guardian"},
                "",
            )
        )
    aa_at = None
    if not (lax and rng.random() < 0.3):
        plan.append((t + rng.randint(5, 30) * M, "aa_requested", {}, ""))
        aa_at = t + rng.randint(40, 300 if lax else 150) * M
        plan.append((aa_at, "aa_arrived", {**AA, "name": f"Parent of {child.given_name}"}, ""))
    rights_at = (aa_at + 5 * M) if aa_at and rng.random() < 0.8 else t + 3 * M
    plan.append((rights_at, "rights_given", {}, ""))
    plan.append(
        (
            t + 12 * M,
            "cell_allocated",
            {
                "cell": f"J{rng.randint(1, 6)}",
                "justification": rng.choice(
                    ["no_other_secure_accommodation_and_cannot_supervise", "cell_more_comfortable"]
                ),
            },
            "Juvenile detention room occupied",
        )
    )
    if child.gender == "female" and not (lax and rng.random() < 0.5):
        plan.append(
            (t + 14 * M, "woman_carer_assigned", {"officer": "PC Achterberg", "officer_sex": "female"}, "")
        )
    if aa_at:
        start = aa_at + rng.randint(30, 120) * M
        plan.append((start, "interview_started", {}, ""))
        plan.append((start + rng.randint(20, 70) * M, "interview_ended", {}, ""))
    outcome = rng.random()
    charge_at = (aa_at or t) + rng.randint(150, 300) * M
    if outcome < 0.3 and aa_at:
        plan.append((charge_at, "charged", {}, ""))
        refused = rng.random() < 0.6
        plan.append(
            (
                charge_at + 10 * M,
                "bail_decision",
                {"outcome": "refused", "ground": rng.choice(["prevent_further_offence", "own_interests"])}
                if refused
                else {"outcome": "bailed"},
                "Risk of further offending" if refused else "",
            )
        )
        if refused:
            if rng.random() < (0.4 if lax else 0.85):
                plan.append(
                    (
                        charge_at + 30 * M,
                        "transfer_requested",
                        {
                            "local_authority": f"London Borough ({suite.name} area)",
                            "accommodation": "non_secure",
                        },
                        "",
                    )
                )
                if rng.random() < 0.7:
                    plan.append(
                        (
                            charge_at + rng.randint(60, 240) * M,
                            "transfer_response",
                            {"response": "non_secure_offered", "responder": "Emergency duty team"},
                            "",
                        )
                    )
                    plan.append(
                        (
                            charge_at + rng.randint(250, 400) * M,
                            "transfer_completed",
                            {"placement": "Emergency foster placement"},
                            "",
                        )
                    )
                else:
                    plan.append(
                        (
                            charge_at + rng.randint(60, 240) * M,
                            "transfer_response",
                            {"response": "refused"},
                            "No placement available tonight",
                        )
                    )
            end = max(end, charge_at + rng.randint(8 * 60, 16 * 60) * M) if not current else end
            if not current:
                plan.append((end, "released", {"outcome": "remanded_to_court"}, ""))
        elif not current:
            plan.append((charge_at + 40 * M, "released", {"outcome": "charged_bailed"}, ""))
    elif not current:
        plan.append(
            (
                end,
                "released",
                {
                    "outcome": rng.choice(
                        ["no_further_action", "released_under_investigation", "out_of_court_disposal"]
                    )
                },
                "",
            )
        )
    for when, kind, data, reason in sorted(plan, key=lambda p: p[0]):
        if when > now:
            break
        sim.catch_up(when)
        sim.d.refresh_from_db()
        if sim.d.state != "in_custody":
            break
        sim.record(kind, when, data, reason)
    sim.d.refresh_from_db()
    if sim.d.state == "in_custody":
        sim.catch_up(min(now, end) if not current else now - rng.randint(0, 45 if lax else 20) * M)
        if not current:
            sim.record(
                "released",
                max(end, facts(sim._events()).last_event_at or end),
                {"outcome": "no_further_action"},
            )
    return sim.d, sim.skipped


def _strip_search(
    actor: Any, inspector: Any, d: Detention, rng: random.Random, now: dt.datetime, route: str
) -> None:
    f = facts(d.events.order_by("sequence"))
    at = (f.last_event_at or d.arrived_at) + M
    if at > now:
        return
    search = ss.request(
        actor,
        d,
        requested_at=at,
        grounds="Seen placing an item in waistband (synthetic)",
        object_sought="Controlled drugs",
        now=now,
    )
    ss.decide(
        inspector,
        search,
        authorise=True,
        rank="inspector",
        at=at + 5 * M,
        expected_version=search.version,
        now=max(now, at + 5 * M),
    )
    kwargs = (
        {"aa_name": f.aa_name}
        if route == "aa_present"
        else {
            "urgency_reason": "Believed to hold a blade; risk of self-harm",
            "inspector_notified": "Insp Okafor",
        }
    )
    ss.record_safeguards(
        actor,
        search,
        route=route,
        at=at + 8 * M,
        expected_version=search.version,
        now=max(now, at + 8 * M),
        **kwargs,
    )
    sex = d.sex if d.sex in ("female", "male") else "male"
    people = [
        {"name": "DDO Patel", "sex": sex, "role": "officer"},
        {"name": "PS Reid", "sex": sex, "role": "officer"},
    ]
    if route == "aa_present":
        people.append({"name": f.aa_name, "sex": "female", "role": "appropriate_adult"})
    ss.complete(
        actor,
        search,
        location="custody_suite",
        persons_present=people,
        result="Nothing found",
        at=at + 15 * M,
        expected_version=search.version,
        now=max(now, at + 15 * M),
    )


def load(rng: random.Random, users: dict[Role, Any]) -> str:
    if Detention.objects.filter(synthetic=True).exists():
        return "already loaded"
    officer = users[Role.CUSTODY_OFFICER]
    inspector = users[Role.SUPERVISOR]
    creator = users.get(Role.FRONTLINE_OFFICER, officer)
    now = timezone.now()
    today = timezone.localdate()
    detentions = skipped = searches = 0
    with transaction.atomic():
        suites = _suites()
        for suite in suites:
            for user in (officer, inspector):
                SuiteAssignment.objects.get_or_create(user=user, suite=suite)
        n = 0
        for suite in suites:
            past = 14 if suite.is_pilot else 10
            for i in range(past + 2):
                current = i >= past
                if current:
                    arrived = now - rng.randint(30, 20 * 60) * M
                else:
                    day = now - dt.timedelta(days=rng.randint(2, 60))
                    hour = rng.choice([9, 13, 16, 18, 19, 20, 21, 22, 23])
                    local = day.astimezone(LONDON).replace(hour=hour, minute=rng.randint(0, 59))
                    arrived = local.astimezone(dt.UTC)
                child = _child(creator, rng, today)
                n += 1
                d, s = _detention(
                    officer, inspector, suite, child, rng, f"DEMO-{suite.code}-{n:03d}", arrived, now, current
                )
                detentions += 1
                skipped += s
                if d.state == "in_custody" and d.sex in ("female", "male") and rng.random() < 0.2:
                    f = facts(d.events.order_by("sequence"))
                    try:
                        _strip_search(
                            officer, inspector, d, rng, now, "aa_present" if f.aa_present else "urgency"
                        )
                    except InvalidEvent:
                        skipped += 1
                    else:
                        searches += 1
    return f"{len(SUITES)} suites, {detentions} synthetic detentions, {searches} strip searches"
