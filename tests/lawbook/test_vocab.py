"""The shared vocabularies apps build their forms from, and rank comparison."""

import pytest

from childfirst.lawbook import InputError
from childfirst.lawbook.rules import searches
from childfirst.lawbook.vocab import RANKS, rank_at_least


def test_ranks_compare_in_order_with_non_met_equivalents():
    assert rank_at_least("superintendent", "inspector")
    assert rank_at_least("inspector", "inspector")
    assert not rank_at_least("sergeant", "inspector")
    assert rank_at_least("chief_constable", "superintendent")
    assert not rank_at_least("constable", "sergeant")
    assert RANKS[0] == "constable"


def test_unknown_rank_names_the_field():
    with pytest.raises(InputError) as info:
        rank_at_least("captain", "inspector", field="authorising_rank")
    assert info.value.field == "authorising_rank"


def test_first_api_alias_still_lists_inspector_and_above():
    assert searches._INSPECTOR_OR_ABOVE[0] == "inspector"
    assert "sergeant" not in searches._INSPECTOR_OR_ABOVE
