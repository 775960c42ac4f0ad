"""Alerts: each due or overdue item is alerted once (unique key), audited, and shown on the board."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from childfirst.core.models import AuditLog
from childfirst.custody.alerts import raise_alerts
from childfirst.custody.models import CustodyAlert

from .conftest import T0

pytestmark = pytest.mark.django_db


def test_each_item_is_alerted_once(detention):
    at = detention.detention_authorised_at + dt.timedelta(hours=6, minutes=5)  # first review overdue (CUS-13)
    first = raise_alerts(at)
    rules = {a.rule for a in first}
    assert {"CUS-13", "CUS-03", "CUS-04"} <= rules
    assert AuditLog.objects.filter(action="alert").count() == len(first)
    again = raise_alerts(at + dt.timedelta(minutes=1))
    assert not [a for a in again if a.rule in {"CUS-13", "CUS-03", "CUS-04"}]
    assert CustodyAlert.objects.filter(rule="CUS-13", detention=detention).count() == 1


def test_a_new_due_time_is_a_new_alert(detention):
    raise_alerts(detention.detention_authorised_at + dt.timedelta(hours=6, minutes=5))
    later = raise_alerts(detention.detention_authorised_at + dt.timedelta(hours=15, minutes=5))
    assert any(a.rule == "CUS-13" for a in later)  # the second missed review, due 9 h after the first was due
    assert CustodyAlert.objects.filter(rule="CUS-13", detention=detention).count() == 2


def test_command_runs_once_and_watch_loops(detention):
    out = io.StringIO()
    with time_machine.travel(T0 + dt.timedelta(hours=7), tick=False):
        call_command("custody", "alerts", stdout=out)
        assert "CUS-13" in out.getvalue()
        out2 = io.StringIO()
        call_command("custody", "alerts", "--watch", "--interval", "1", "--max-runs", "2", stdout=out2)
    assert out2.getvalue().count("0 new alert(s)") == 2


def test_alerts_are_shown_on_the_board(custody_officer, detention):
    with time_machine.travel(T0 + dt.timedelta(hours=7), tick=False):
        raise_alerts(T0 + dt.timedelta(hours=7))
        c = Client()
        c.force_login(custody_officer)
        html = c.get("/custody/").content.decode()
    assert "Recent alerts" in html
    assert "Review overdue since" in html
