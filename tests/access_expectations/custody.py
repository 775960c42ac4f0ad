"""Who may use the custody board, pages and API (see tests/test_access_matrix.py for the format).

Custody staff (custody officers, and supervisors as inspectors) only; strip-search authorisation is
for supervisors (inspectors) only. The world gets a Hackney custody suite with one detention of the
world's child and one requested strip search, so allowed roles reach real records.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from childfirst.core.roles import Role

CUSTODY = {Role.CUSTODY_OFFICER, Role.SUPERVISOR}


def _detention(world):
    from childfirst.core.models import Borough
    from childfirst.custody import services
    from childfirst.custody.models import CustodySuite, Detention

    existing = Detention.objects.filter(custody_number="MATRIX-1").first()
    if existing:
        return existing
    suite, _ = CustodySuite.objects.get_or_create(
        code="matrix-hackney",
        defaults={"name": "Matrix Hackney", "borough": Borough.objects.get(code="E09000012")},
    )
    now = timezone.now()
    return services.book_in(
        world.users[Role.CUSTODY_OFFICER],
        child=world.child,
        suite=suite,
        custody_number="MATRIX-1",
        arrested_at=now - dt.timedelta(hours=2),
        arrest_place="Mare Street",
        arrived_at=now - dt.timedelta(hours=1, minutes=30),
        detention_authorised_at=now - dt.timedelta(hours=1, minutes=20),
        offences=[{"description": "Theft", "offence_type": "either_way"}],
        sex="male",
        now=now,
    )


def detention_id(world):
    return _detention(world).pk


def strip_search_id(world):
    from childfirst.custody import strip_search
    from childfirst.custody.models import StripSearch

    d = _detention(world)
    search = StripSearch.objects.filter(detention=d).first() or strip_search.request(
        world.users[Role.CUSTODY_OFFICER],
        d,
        requested_at=timezone.now() - dt.timedelta(minutes=30),
        grounds="Seen concealing an item",
        object_sought="Knife",
    )
    return search.pk


def follow_up_id(world):
    from childfirst.custody.models import StripSearchFollowUp

    d = _detention(world)
    return (
        StripSearchFollowUp.objects.filter(strip_search__detention=d).values_list("pk", flat=True).first()
        or 1
    )


EXPECTATIONS = {
    # pages
    # The query value is ignored by the pages; computing it books the world's child into a Hackney suite,
    # so the board and handover are checked (here and by the axe inventory) with a child on them.
    "custody:board": {"allowed": CUSTODY, "query": {"with": detention_id}},
    "custody:handover": {"allowed": CUSTODY, "query": {"with": detention_id}},
    "custody:detention": {"allowed": CUSTODY, "kwargs": {"detention_id": detention_id}},
    "custody:strip-search-decision": {"allowed": {Role.SUPERVISOR}, "kwargs": {"search_id": strip_search_id}},
    "custody:record-choice": {"allowed": CUSTODY, "kwargs": {"detention_id": detention_id}},
    # The certificate form is the largest (radios, checkboxes, text): the axe inventory checks it.
    "custody:record-event": {
        "allowed": CUSTODY,
        "kwargs": {"detention_id": detention_id, "kind": "certificate"},
    },
    "custody:strip-search-request": {"allowed": CUSTODY, "kwargs": {"detention_id": detention_id}},
    "custody:strip-search-safeguards": {"allowed": CUSTODY, "kwargs": {"search_id": strip_search_id}},
    "custody:strip-search-completion": {"allowed": CUSTODY, "kwargs": {"search_id": strip_search_id}},
    # API
    "api-custody-board": {"allowed": CUSTODY},
    "api-custody-detentions": {"allowed": CUSTODY},
    "api-custody-detention": {"allowed": CUSTODY, "kwargs": {"pk": detention_id}},
    "api-custody-events": {"allowed": CUSTODY, "kwargs": {"pk": detention_id}},
    "api-custody-strip-search": {
        "allowed": CUSTODY,
        "kwargs": {"pk": detention_id},
        "method": "post",
        "data": {},
        "expect": 400,
    },
    "api-custody-strip-decision": {
        "allowed": {Role.SUPERVISOR},
        "kwargs": {"pk": strip_search_id},
        "method": "post",
        "data": {},
        "expect": 400,
    },
    "api-custody-strip-safeguards": {
        "allowed": CUSTODY,
        "kwargs": {"pk": strip_search_id},
        "method": "post",
        "data": {},
        "expect": 400,
    },
    "api-custody-strip-completion": {
        "allowed": CUSTODY,
        "kwargs": {"pk": strip_search_id},
        "method": "post",
        "data": {},
        "expect": 400,
    },
    "api-custody-follow-up-done": {
        "allowed": CUSTODY,
        "kwargs": {"pk": follow_up_id},
        "method": "post",
        "data": {},
        "expect": 404,  # the world's strip search has no follow-ups yet: allowed roles reach the lookup
    },
}
