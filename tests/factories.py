"""factory-boy factories shared by every app's tests.

    from tests.factories import UserFactory, make_user
    officer = make_user(Role.FRONTLINE_OFFICER)            # with a team in Hackney
    analyst = UserFactory(profile__role=Role.ANALYST)

Boroughs come from the data migration (all 33 London boroughs), so `BoroughFactory` gets-or-creates
by ONS code rather than inventing new ones.
"""

from __future__ import annotations

import datetime as _dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone as _tz

from childfirst.core.models import Borough, StaffProfile, Team
from childfirst.core.roles import Role
from childfirst.encounters.choices import ChildRole, EncounterType
from childfirst.encounters.models import Encounter
from childfirst.people.models import Child

DEFAULT_PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test users only


class BoroughFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Borough
        django_get_or_create = ("code",)

    code = "E09000012"
    name = "Hackney"


def borough(code: str = "E09000012") -> Borough:
    """A borough from the migrated London list (Hackney by default)."""
    return Borough.objects.get(code=code)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("borough", "name")

    name = factory.Sequence(lambda n: f"Response team {n}")
    borough = factory.LazyFunction(borough)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Officer{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.police.invalid")
    password = factory.django.Password(DEFAULT_PASSWORD)
    profile = factory.RelatedFactory(
        "tests.factories.StaffProfileFactory", factory_related_name="user", role=Role.FRONTLINE_OFFICER
    )


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile

    user = factory.SubFactory(UserFactory, profile=None)
    role = Role.FRONTLINE_OFFICER
    team = factory.SubFactory(TeamFactory)
    borough = factory.LazyAttribute(lambda p: p.team.borough if p.team else borough())


def make_user(role: Role | None, *, team: Team | None = None, borough_code: str | None = None, **kwargs):
    """A user holding `role` (None: a user with no profile and so no role), in `team` or a new team."""
    if role is None:
        return UserFactory(profile=None, **kwargs)
    if team is None:
        team = TeamFactory(borough=borough(borough_code or "E09000012"))
    user = UserFactory(profile__role=role, profile__team=team, profile__borough=team.borough, **kwargs)
    return user


def users_by_role() -> dict[Role, object]:
    """One user per role, all in one Hackney team (a supervisor's borough is Hackney)."""
    team = TeamFactory(name="Hackney response team A", borough=borough("E09000012"))
    return {role: make_user(role, team=team, username=f"test-{role.value}") for role in Role}


# --- Children and encounters -------------------------------------------------------------------------


class ChildFactory(factory.django.DjangoModelFactory):
    """A child created directly (no audit). Pass `created_by=user` to put the child in that user's scope."""

    class Meta:
        model = Child

    given_name = factory.Sequence(lambda n: f"Alex{n}")
    family_name = factory.Sequence(lambda n: f"Example{n}")
    date_of_birth = factory.LazyFunction(
        lambda: _tz.localdate().replace(day=1) - _dt.timedelta(days=15 * 365)
    )
    is_synthetic = True
    created_by = None
    created_by_team = factory.LazyAttribute(
        lambda c: (
            c.created_by.profile.team
            if c.created_by is not None and hasattr(c.created_by, "profile")
            else None
        )
    )


class EncounterFactory(factory.django.DjangoModelFactory):
    """An encounter created directly (no audit). Puts the child in the recording officer's team scope."""

    class Meta:
        model = Encounter
        skip_postgeneration_save = True

    child = factory.SubFactory(ChildFactory)
    encounter_type = EncounterType.WELFARE_CONCERN
    aware_at = factory.LazyFunction(lambda: _tz.now() - _dt.timedelta(hours=2))
    recording_officer = factory.LazyFunction(lambda: make_user(Role.FRONTLINE_OFFICER))
    team = factory.LazyAttribute(lambda e: e.recording_officer.profile.team)
    borough = factory.LazyAttribute(lambda e: e.team.borough if e.team else borough())
    child_role = ChildRole.VICTIM
    is_synthetic = True

    @factory.post_generation
    def officers(self, create, extracted, **kwargs):
        if create:
            self.officers.set(extracted or [self.recording_officer])


def encounter_data(child_, **overrides):
    """Valid input for `record_encounter` (a welfare concern in Hackney, two hours ago)."""
    data = {
        "child": child_.pk,
        "encounter_type": EncounterType.WELFARE_CONCERN,
        "aware_at": _tz.now() - _dt.timedelta(hours=2),
        "borough": "E09000012",
        "child_role": ChildRole.VICTIM,
        "outcome": "Taken home; school informed",
        "rights_explained": True,
        "rights_explained_how": "Explained in plain words; checked understanding",
        "communication_adjusted": "not_needed",
        "childs_account": "I was waiting for my cousin.",
        "vulnerability_considered": True,
        "adultification_prompt_answered": True,
        "appears_under_18": True,
    }
    data.update(overrides)
    return data
