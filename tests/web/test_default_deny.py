"""Every web page needs a signed-in user with a role; error pages use the ChildFirst template."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from childfirst.core.roles import Role
from tests.factories import make_user

from .page_inventory import named_web_urls

pytestmark = pytest.mark.django_db

OPEN_TO_ALL = {"web:sign-in", "web:sign-out"}
WEB_PAGES = [name for name in named_web_urls() if name.startswith("web:") and name not in OPEN_TO_ALL]


def _url(name: str) -> str:
    """The page's address, with 1 for any record number it takes."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return reverse(name, args=[1])


@pytest.mark.parametrize("name", WEB_PAGES)
def test_anonymous_users_are_sent_to_sign_in(client, name):
    url = _url(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:sign-in") + "?next=")


@pytest.mark.parametrize("name", WEB_PAGES)
def test_a_user_without_a_role_is_refused_everywhere(client, name):
    client.force_login(make_user(None))
    assert client.get(_url(name)).status_code == 403


def test_refusal_page_says_so_in_the_childfirst_template(client):
    client.force_login(make_user(Role.ANALYST))
    response = client.get(reverse("web:child-search"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "You do not have access to this page" in html
    assert "govuk-service-navigation" in html


def test_other_apps_navigation_items_appear_for_their_roles(client):
    from childfirst.web.navigation import all_items

    other = [item for item in all_items() if not item.url_name.startswith("web:")]
    if not other:
        pytest.fail("expected the custody, analytics or opendata apps to declare navigation items")
    item = other[0]
    role = sorted(item.roles)[0]
    client.force_login(make_user(role))
    html = client.get(reverse("web:home")).content.decode()
    assert f">{item.label}<" in html
