"""Per-force policy switches: documented national defaults, the Met's file, overrides."""

import datetime as dt

import pytest

from childfirst.lawbook import InputError, policy_for, strip_search_requirements
from childfirst.lawbook.policies import switches

AT = dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC)


def test_every_switch_is_documented_with_rule_tag_and_source():
    for name, sw in switches().items():
        assert sw.rule, name
        assert sw.description, name
        assert sw.citation, name
        assert sw.url.startswith("http"), name


def test_national_defaults_and_met_values_differ_where_the_met_has_chosen():
    national = policy_for("a-force-with-no-file")
    met = policy_for("metropolitan")
    assert national["child_strip_search_inspector_authorisation"] is False
    assert met["child_strip_search_inspector_authorisation"] is True
    assert national["juvenile_visit_interval_minutes"] is None
    assert met["juvenile_visit_interval_minutes"] == 30
    assert met["cce_age_belief_defence"] is None
    assert met["cce_offence_commencement"] == dt.date(2026, 6, 29)


def test_overrides_change_the_safeguards_required():
    met = strip_search_requirements(at=AT, is_juvenile=True)
    relaxed = strip_search_requirements(
        at=AT,
        is_juvenile=True,
        policy=policy_for(
            overrides={
                "child_strip_search_inspector_authorisation": False,
                "ho2024_strip_search_proposals": False,
            }
        ),
    )
    assert "inspector_authorisation" in met["required"]
    assert "inspector_authorisation" not in relaxed["required"]
    assert any(
        r.rule == "SRC-06" and "policy.child_strip_search_inspector_authorisation" in r.values
        for r in met.reasons
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"no_such_switch": True}, "policy.no_such_switch"),
        ({"ho2024_strip_search_proposals": "yes"}, "policy.ho2024_strip_search_proposals"),
        ({"juvenile_visit_interval_minutes": -5}, "policy.juvenile_visit_interval_minutes"),
        ({"cce_offence_commencement": "soon"}, "policy.cce_offence_commencement"),
    ],
)
def test_bad_overrides_name_the_switch(overrides, field):
    with pytest.raises(InputError) as info:
        policy_for(overrides=overrides)
    assert info.value.field == field
