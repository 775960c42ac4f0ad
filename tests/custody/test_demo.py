"""Demo data: realistic synthetic detentions across suites incl. the pilots; idempotent; marked synthetic."""

from __future__ import annotations

import random

import pytest

from childfirst.custody import demo
from childfirst.custody.models import CustodySuite, Detention
from tests.factories import users_by_role

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_pilots_and_a_mix_of_compliance():
    users = users_by_role()
    message = demo.load(random.Random(7), users)
    assert "synthetic detentions" in message
    pilots = set(CustodySuite.objects.filter(is_pilot=True).values_list("name", flat=True))
    assert pilots == {"Wood Green", "Brixton"}
    assert Detention.objects.filter(synthetic=True).count() > 60
    assert Detention.objects.filter(state="in_custody").count() >= 10
    assert Detention.objects.exclude(state="in_custody").count() > 40
    from django.test import Client

    c = Client()
    c.force_login(users[next(r for r in users if r.value == "custody_officer")])
    html = c.get("/custody/").content.decode()
    assert "Wood Green" in html
    assert "Brixton" in html
    assert "govuk-tag--red" in html  # some children are not being handled well
    before = Detention.objects.count()
    assert demo.load(random.Random(7), users) == "already loaded"
    assert Detention.objects.count() == before
