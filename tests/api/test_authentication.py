"""Token authentication: one query gives the token, the user and their staff profile."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.test import APIClient

from childfirst.api.authentication import ProfileTokenAuthentication
from childfirst.core.roles import Role, role_of
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def authenticate(key):
    return ProfileTokenAuthentication().authenticate_credentials(key)


def test_the_user_and_profile_come_from_one_query():
    officer = make_user(Role.FRONTLINE_OFFICER)
    token = Token.objects.create(user=officer)
    with CaptureQueriesContext(connection) as queries:
        user, auth = authenticate(token.key)
        assert role_of(user) is Role.FRONTLINE_OFFICER
        assert user.profile.team_id == officer.profile.team_id
        assert user.profile.user is user
        assert auth.user is user
    assert len(queries) == 1
    assert (user.pk, user.username, user.is_active) == (officer.pk, officer.username, True)
    assert (auth.pk, auth.user_id) == (token.key, officer.pk)


def test_a_user_without_a_profile_has_no_role_and_no_extra_query():
    user = make_user(None)
    token = Token.objects.create(user=user)
    with CaptureQueriesContext(connection) as queries:
        found, _ = authenticate(token.key)
        assert role_of(found) is None
        assert not hasattr(found, "profile")
    assert len(queries) == 1


def test_unknown_token_is_refused():
    make_user(Role.FRONTLINE_OFFICER)
    with pytest.raises(AuthenticationFailed, match="Invalid token"):
        authenticate("0" * 40)


def test_inactive_user_is_refused_over_http():
    officer = make_user(Role.FRONTLINE_OFFICER, is_active=False)
    token = Token.objects.create(user=officer)
    with pytest.raises(AuthenticationFailed, match="inactive"):
        authenticate(token.key)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/children").status_code == 401


def test_values_are_converted_as_the_orm_converts_them():
    officer = make_user(Role.FRONTLINE_OFFICER)
    token = Token.objects.create(user=officer)
    user, auth = authenticate(token.key)
    orm = Token.objects.select_related("user__profile").get(key=token.key)
    for name in ("date_joined", "last_login", "is_active", "is_staff", "username"):
        assert getattr(user, name) == getattr(orm.user, name), name
    assert user.date_joined.tzinfo is not None
    assert auth.created == orm.created
    assert auth.created.tzinfo is not None
    profile, orm_profile = user.profile, orm.user.profile
    assert (profile.role, profile.borough_id) == (orm_profile.role, orm_profile.borough_id)


def test_a_user_saved_after_token_authentication_keeps_every_field():
    officer = make_user(Role.FRONTLINE_OFFICER, first_name="Sam", email="sam@example.org")
    token = Token.objects.create(user=officer)
    user, _ = authenticate(token.key)
    user.last_name = "Okafor"
    user.save()
    officer.refresh_from_db()
    assert (officer.first_name, officer.last_name, officer.email) == ("Sam", "Okafor", "sam@example.org")
    assert officer.password == user.password
