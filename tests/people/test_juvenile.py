"""CUS-01: who is treated as a child. Pure function, no database."""

import datetime as dt

from childfirst.people.juvenile import age_on, juvenile_status

ON = dt.date(2026, 3, 29)


def test_age_on_birthday_boundaries():
    assert age_on(dt.date(2008, 3, 29), ON) == 18
    assert age_on(dt.date(2008, 3, 30), ON) == 17
    assert age_on(dt.date(2008, 2, 29), dt.date(2026, 2, 28)) == 17
    assert age_on(dt.date(2008, 2, 29), dt.date(2026, 3, 1)) == 18


def test_seventeen_years_364_days_is_a_child_and_eighteenth_birthday_is_not():
    status = juvenile_status(on=ON, date_of_birth=dt.date(2008, 3, 30), clear_evidence_of_adulthood=True)
    assert status.treated_as_child
    assert status.age == 17
    adult = juvenile_status(on=ON, date_of_birth=dt.date(2008, 3, 29), clear_evidence_of_adulthood=True)
    assert not adult.treated_as_child
    assert adult.age == 18


def test_stated_age_of_18_does_not_override_appearing_under_18():
    status = juvenile_status(on=ON, stated_age=19, appears_under_18=True)
    assert status.treated_as_child
    assert any("stated age of 19 does not override" in r for r in status.reasons)


def test_recorded_adult_date_of_birth_without_clear_evidence_yields_to_appearance():
    status = juvenile_status(on=ON, date_of_birth=dt.date(2000, 1, 1), appears_under_18=True)
    assert status.treated_as_child


def test_disputed_age_without_clear_evidence_is_a_child():
    assert juvenile_status(on=ON, estimated_age=19, age_disputed=True).treated_as_child
    assert not juvenile_status(
        on=ON, date_of_birth=dt.date(2000, 1, 1), age_disputed=True, clear_evidence_of_adulthood=True
    ).treated_as_child


def test_unknown_age_is_presumed_a_child():
    status = juvenile_status(on=ON)
    assert status.treated_as_child
    assert status.age is None
    assert "if in doubt" in status.reasons[-1]


def test_estimated_age_moves_on_with_time():
    status = juvenile_status(on=ON, estimated_age=17, age_estimated_on=dt.date(2024, 1, 1))
    assert status.age == 19
    assert not status.treated_as_child


def test_reasons_name_the_rule_and_the_source_of_the_threshold():
    data = juvenile_status(on=ON, estimated_age=14).to_dict()
    assert data["rule"] == "CUS-01"
    assert data["limit_source"]
