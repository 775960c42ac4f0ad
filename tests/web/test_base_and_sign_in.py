"""The page template, navigation by role, and signing in and out."""

from __future__ import annotations

import pytest
from django.urls import reverse

from childfirst.core.models import AuditLog
from childfirst.core.roles import Role
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_sign_in_page_uses_the_govuk_template_without_crown_or_transport_font(client):
    html = client.get(reverse("web:sign-in")).content.decode()
    assert 'class="govuk-template"' in html
    assert "govuk-service-navigation__service-name" in html
    assert "ChildFirst" in html
    assert 'href="#main-content"' in html
    assert 'id="main-content"' in html
    assert "govuk-frontend-supported" in html
    assert '<script type="module">import {initAll}' in html
    assert "govuk-header__logo" not in html
    assert "crown" not in html.lower()
    assert "GDS Transport" not in html


def test_demo_banner_only_in_debug_or_demo_mode(client, settings):
    settings.DEBUG = False
    assert "govuk-phase-banner" not in client.get(reverse("web:sign-in")).content.decode()
    settings.CHILDFIRST_DEMO = True
    html = client.get(reverse("web:sign-in")).content.decode()
    assert "govuk-phase-banner" in html
    assert "synthetic" in html


def test_signing_in_is_audited_and_goes_home(client):
    officer = make_user(Role.FRONTLINE_OFFICER, username="pc-ahmed")
    response = client.post(reverse("web:sign-in"), {"username": "pc-ahmed", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    row = AuditLog.objects.get(action="sign_in")
    assert row.actor == officer
    assert row.object_id == str(officer.pk)


def test_wrong_password_names_the_problem_without_revealing_the_account(client):
    make_user(Role.FRONTLINE_OFFICER, username="pc-ahmed")
    wrong = client.post(reverse("web:sign-in"), {"username": "pc-ahmed", "password": "nope"})
    unknown = client.post(reverse("web:sign-in"), {"username": "nobody", "password": "nope"})
    for response in (wrong, unknown):
        html = response.content.decode()
        assert response.status_code == 200
        assert "govuk-error-summary" in html
        assert "Enter a correct username and password" in html
        assert '<a href="#id_username">' in html
    assert not AuditLog.objects.filter(action="sign_in").exists()


def test_empty_sign_in_names_each_missing_field(client):
    html = client.post(reverse("web:sign-in"), {"username": "", "password": ""}).content.decode()
    assert '<a href="#id_username">Enter your username</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html
    assert "<title>Error: Sign in" in html


def test_sign_out_is_a_post_and_ends_the_session(client):
    client.force_login(make_user(Role.AUDITOR))
    assert client.get(reverse("web:home")).status_code == 200
    assert client.post(reverse("web:sign-out")).status_code == 302
    assert client.get(reverse("web:home")).status_code == 302


@pytest.mark.parametrize(
    ("role", "expected", "absent"),
    [
        (Role.FRONTLINE_OFFICER, ["Home"], ["Audit trail", "Break-glass log"]),
        (Role.AUDITOR, ["Home"], ["Record an encounter"]),
    ],
)
def test_navigation_depends_on_role(client, role, expected, absent):
    client.force_login(make_user(role))
    html = client.get(reverse("web:home")).content.decode()
    for label in expected:
        assert label in html
    for label in absent:
        assert label not in html
    assert 'aria-current="page"' in html


def test_user_without_a_role_is_refused(client):
    client.force_login(make_user(None))
    assert client.get(reverse("web:home")).status_code == 403
