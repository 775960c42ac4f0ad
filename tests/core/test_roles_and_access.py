import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from rest_framework.test import APIRequestFactory

from childfirst.core.access import HasRole, role_required
from childfirst.core.models import Borough
from childfirst.core.roles import Role, role_of
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_33_london_boroughs_are_loaded():
    codes = set(Borough.objects.values_list("code", flat=True))
    assert codes == {f"E090000{n:02d}" for n in range(1, 34)}
    assert Borough.objects.get(code="E09000001").name == "City of London"
    assert Borough.objects.get(code="E09000033").name == "Westminster"


def test_role_of():
    assert role_of(AnonymousUser()) is None
    assert role_of(make_user(None)) is None
    assert role_of(make_user(Role.AUDITOR)) is Role.AUDITOR
    inactive = make_user(Role.SUPERVISOR, is_active=False)
    assert role_of(inactive) is None


@role_required(Role.SUPERVISOR, Role.AUDITOR)
def _view(request):
    return HttpResponse("ok")


@role_required()
def _nobody(request):
    return HttpResponse("ok")


def _get(user):
    request = RequestFactory().get("/somewhere?x=1")
    request.user = user
    return request


def test_role_required_redirects_anonymous_to_sign_in(settings):
    settings.LOGIN_URL = "/sign-in/"
    response = _view(_get(AnonymousUser()))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=")


def test_role_required_denies_other_roles_and_users_without_a_role():
    for user in (make_user(Role.FRONTLINE_OFFICER), make_user(None)):
        with pytest.raises(PermissionDenied):
            _view(_get(user))
    assert _view(_get(make_user(Role.AUDITOR))).status_code == 200


def test_role_required_with_no_roles_admits_nobody():
    with pytest.raises(PermissionDenied):
        _nobody(_get(make_user(Role.ADMINISTRATOR, is_superuser=True)))


def test_has_role_permission():
    permission = HasRole.for_roles(Role.ANALYST)()
    request = APIRequestFactory().get("/")
    request.user = make_user(Role.ANALYST)
    assert permission.has_permission(request, None)
    request.user = make_user(Role.SUPERVISOR)
    assert not permission.has_permission(request, None)
    request.user = AnonymousUser()
    assert not permission.has_permission(request, None)
    assert not HasRole.for_roles()().has_permission(request, None)
