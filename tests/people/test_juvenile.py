"""CUS-01 adapter: which facts count as evidence. The rule itself is the lawbook's (tested there)."""

import datetime as dt

from childfirst.people.juvenile import age_on, juvenile_status

AT = dt.datetime(2026, 3, 29, 12, 0, tzinfo=dt.UTC)


def test_age_on_birthday_boundaries():
    assert age_on(dt.date(2008, 3, 29), AT.date()) == 18
    assert age_on(dt.date(2008, 3, 30), AT.date()) == 17
    assert age_on(dt.date(2008, 2, 29), dt.date(2026, 2, 28)) == 17
    assert age_on(dt.date(2008, 2, 29), dt.date(2026, 3, 1)) == 18


def test_evidenced_date_of_birth_decides_either_side_of_the_birthday():
    child = juvenile_status(
        at=AT, date_of_birth=dt.date(2008, 3, 30), age_evidenced=True, appears_under_18=False
    )
    assert child.treated_as_child
    assert child.age == 17
    adult = juvenile_status(
        at=AT, date_of_birth=dt.date(2008, 3, 29), age_evidenced=True, appears_under_18=True
    )
    assert not adult.treated_as_child
    assert adult.age == 18


def test_stated_age_of_18_does_not_override_appearing_under_18():
    status = juvenile_status(at=AT, stated_age=19, appears_under_18=True)
    assert status.treated_as_child
    assert any("stated age of 19" in m for m in status.messages)
    assert status.to_dict()["rule"] == "CUS-01"


def test_unevidenced_adult_date_of_birth_yields_to_appearance():
    status = juvenile_status(at=AT, date_of_birth=dt.date(2000, 1, 1), appears_under_18=True)
    assert status.treated_as_child
    assert any("not established from evidence" in m for m in status.messages)


def test_disputed_or_unknown_age_is_a_child():
    assert juvenile_status(at=AT, age_disputed=True, appears_under_18=False).treated_as_child
    assert juvenile_status(at=AT).treated_as_child


def test_appears_adult_with_nothing_else_is_not_a_child():
    status = juvenile_status(at=AT, appears_under_18=False, stated_age=19)
    assert not status.treated_as_child
    assert status.basis == "appearance"
