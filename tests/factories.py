"""factory-boy factories shared by every app's tests.

    from tests.factories import UserFactory, make_user
    officer = make_user(Role.FRONTLINE_OFFICER)            # with a team in Hackney
    analyst = UserFactory(profile__role=Role.ANALYST)

Boroughs come from the data migration (all 33 London boroughs), so `BoroughFactory` gets-or-creates
by ONS code rather than inventing new ones.
"""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from childfirst.core.models import Borough, StaffProfile, Team
from childfirst.core.roles import Role

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
