"""childfirst demo-data [--seed N] — clearly synthetic demo users, children and encounters.

One demo user per role (printed with passwords: DEMO ONLY, never on a real deployment), synthetic
children and encounters recorded through the real services (so they are audited), then
`load(rng, users)` in every `childfirst.<app>.demo` module. Running it again adds nothing twice.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from childfirst.core.models import Borough, StaffProfile, Team
from childfirst.core.roles import Role
from childfirst.encounters.choices import ChildRole, EncounterType, YesNoNotNeeded
from childfirst.encounters.services import record_encounter
from childfirst.people.models import Child
from childfirst.people.services import create_child

DEMO_BOROUGH = "E09000012"  # Hackney
DEMO_TEAM = "Hackney Response Team A (demo)"
GIVEN = [
    "Amani",
    "Ben",
    "Chloe",
    "Dami",
    "Ellis",
    "Fatima",
    "Grace",
    "Harry",
    "Imran",
    "Jade",
    "Kofi",
    "Lena",
]
FAMILY = [
    "Adeyemi",
    "Brooks",
    "Chowdhury",
    "Doyle",
    "Evans",
    "Francis",
    "Gashi",
    "Hussain",
    "Ivanova",
    "Joseph",
]
ACCOUNTS = [
    "I was just walking home from football.",
    "Someone said they'd give me money to carry a bag.",
    "I didn't want to go home tonight.",
    "I saw what happened from the bus stop.",
    "They kept messaging me online and wouldn't stop.",
]


def demo_username(role: Role) -> str:
    return "demo-" + role.value.replace("_", "-")


def demo_password(role: Role, seed: int) -> str:
    return f"demo-{role.value.replace('_', '-')}-{seed}-not-secret"


class Command(BaseCommand):
    help = "Load clearly-marked synthetic demo data (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        seed = options["seed"]
        rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
        users = self._users(seed)
        self.stdout.write("SYNTHETIC DEMO USERS (demo only; never use on a real deployment):")
        for role, user in users.items():
            self.stdout.write(f"  {role.label:<28} {user.username:<34} password: {demo_password(role, seed)}")
        created = self._children_and_encounters(rng, users)
        self.stdout.write(f"Synthetic children and encounters: {created}")
        for app in apps.get_app_configs():
            if not app.name.startswith("childfirst."):
                continue
            module_name = f"{app.name}.demo"
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name == module_name:
                    continue
                raise
            if hasattr(module, "load"):
                summary = module.load(random.Random(f"{seed}:{app.label}"), users)  # noqa: S311
                self.stdout.write(f"{app.label}: {summary}")

    def _users(self, seed: int) -> dict[Role, Any]:
        borough = Borough.objects.get(code=DEMO_BOROUGH)
        team, _ = Team.objects.get_or_create(name=DEMO_TEAM, borough=borough)
        user_model = get_user_model()
        users = {}
        for role in Role:
            user, created = user_model.objects.get_or_create(
                username=demo_username(role),
                defaults={
                    "first_name": "Demo",
                    "last_name": role.label,
                    "email": f"{demo_username(role)}@example.invalid",
                },
            )
            if created or not user.check_password(demo_password(role, seed)):
                user.set_password(demo_password(role, seed))
                user.save(update_fields=["password"])
            StaffProfile.objects.update_or_create(
                user=user, defaults={"role": role, "team": team, "borough": borough}
            )
            users[role] = user_model.objects.get(pk=user.pk)  # fresh, no cached role
        return users

    def _children_and_encounters(self, rng: random.Random, users: dict[Role, Any]) -> str:
        if Child.objects.filter(is_synthetic=True).exists():
            return "already loaded"
        officer = users[Role.FRONTLINE_OFFICER]
        today = timezone.localdate()
        now = timezone.now()
        children = encounters = 0
        with transaction.atomic():
            for index in range(24):
                age_years = rng.randint(10, 17)
                data: dict[str, Any] = {
                    "given_name": rng.choice(GIVEN),
                    "family_name": rng.choice(FAMILY),
                    "gender": rng.choice(["female", "male"]),
                    "is_synthetic": True,
                }
                if index % 6 == 5:
                    data.update(estimated_age=age_years, age_disputed=True, stated_age=age_years + 3)
                else:
                    data["date_of_birth"] = today - dt.timedelta(days=age_years * 365 + rng.randint(0, 360))
                if index % 4 == 0:
                    data.update(
                        communication_needs="Prefers short questions",
                        what_helps="Time to answer; a quiet room",
                    )
                if index % 5 == 0:
                    data.update(neurodiversity="ADHD (diagnosed)", health_basis="consent")
                if index % 7 == 0:
                    data.update(care_status="looked_after", care_local_authority="London Borough of Hackney")
                data["people_responsible"] = [
                    {
                        "name": f"Parent of {data['given_name']}",
                        "relationship": "Parent",
                        "has_parental_responsibility": True,
                    }
                ]
                child = create_child(officer, data)
                children += 1
                for _ in range(rng.randint(1, 3)):
                    kind = rng.choice(list(EncounterType))
                    record = {
                        "child": child.pk,
                        "encounter_type": kind,
                        "aware_at": now
                        - dt.timedelta(days=rng.randint(1, 300), minutes=rng.randint(0, 1440)),
                        "borough": DEMO_BOROUGH,
                        "child_role": rng.choice(list(ChildRole)),
                        "outcome": "Synthetic demo outcome",
                        "rights_explained": True,
                        "rights_explained_how": "Explained in plain words and checked understanding",
                        "communication_adjusted": YesNoNotNeeded.NOT_NEEDED,
                        "responsible_adult_informed": YesNoNotNeeded.YES,
                        "responsible_adult_details": "Parent phoned",
                        "childs_account": rng.choice(ACCOUNTS),
                        "vulnerability_considered": True,
                        "adultification_prompt_answered": True,
                        "appears_under_18": True,
                        "is_synthetic": True,
                    }
                    if rng.random() < 0.25:
                        record.update(
                            safeguarding_concern=True, safeguarding_details="Synthetic concern for the demo"
                        )
                    if kind == EncounterType.STOP_AND_SEARCH:
                        record["stop_search"] = {
                            "legislation": "Misuse of Drugs Act 1971 (section 23)",
                            "object_of_search": "Controlled drugs",
                            "outcome": "A no further action disposal",
                            "outcome_linked_to_object": False,
                            "removal_of_more_than_outer_clothing": False,
                        }
                    record_encounter(officer, record)
                    encounters += 1
        return f"{children} children, {encounters} encounters created"
