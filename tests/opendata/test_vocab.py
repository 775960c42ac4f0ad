from __future__ import annotations

import pytest

from childfirst.opendata import vocab


def test_every_label_maps_to_a_census_2021_category_with_a_roll_up():
    for label, category in vocab.SELF_ETHNICITY.items():
        assert category in vocab.SELF_ETHNICITY_5, label
    categories = set(vocab.SELF_ETHNICITY_5) - {vocab.NOT_STATED}
    assert len(categories) == 19  # the 18 police.uk categories plus White - Roma
    assert {vocab.five_group(c) for c in categories} == set(vocab.FIVE_GROUPS)


@pytest.mark.parametrize(
    ("old", "new", "group"),
    [
        ("White - White British (W1)", "White - English/Welsh/Scottish/Northern Irish/British", "White"),
        (
            "Black or Black British - Caribbean (B1)",
            "Black/African/Caribbean/Black British - Caribbean",
            "Black",
        ),
        ("Mixed - White and Asian (M3)", "Mixed/Multiple ethnic groups - White and Asian", "Mixed"),
        ("Chinese or other ethnic group - Chinese (O1)", "Asian/Asian British - Chinese", "Asian"),
        (
            "Chinese or other ethnic group - Any other ethnic group (O9)",
            "Other ethnic group - Any other ethnic group",
            "Other",
        ),
        ("Not Stated (NS)", "Not stated", None),
        ("Other ethnic group - Not stated", "Not stated", None),
    ],
)
def test_old_and_current_vocabularies(old, new, group):
    assert vocab.SELF_ETHNICITY[old] == new
    assert vocab.five_group(new) == group


@pytest.mark.parametrize(
    ("label", "group"),
    [
        ("Nothing found - no further action", "no_further_action"),
        ("A no further action disposal", "no_further_action"),
        ("Suspect arrested", "arrest"),
        ("Arrest", "arrest"),
        ("Community resolution", "other"),
        ("Offender given drugs possession warning", "other"),
    ],
)
def test_outcomes_are_harmonised(label, group):
    assert vocab.OUTCOME_GROUP[label] == group


def test_london_boroughs_are_the_33_ons_codes():
    assert len(vocab.LONDON_BOROUGHS) == 33
    assert vocab.BOROUGH_CODES["Lambeth"] == "E09000022"
