"""Checks added by the legal review that scenario cases cannot express (data files given by path)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from childfirst.lawbook import gravity_score
from childfirst.lawbook.errors import ParameterFileError

AT = dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC)


def _table(tmp_path: Path, score: int) -> str:
    path = tmp_path / f"licensed-{score}.yaml"
    path.write_text(
        f"status: LICENSED\ntitle: force copy\noffences:\n  X1: {{title: an offence, base_score: {score}}}\n",
        encoding="utf-8",
    )
    return str(path)


@pytest.mark.parametrize("score", [0, 6])
def test_a_base_score_off_the_one_to_five_scale_is_refused_not_clamped(tmp_path: Path, score: int) -> None:
    # DIV-11/12: the 2023 matrix is a 1-5 scale; a 0 or a 6 is a data error, not a score to clamp.
    with pytest.raises(ParameterFileError) as err:
        gravity_score(at=AT, offence_code="X1", table_path=_table(tmp_path, score))
    assert err.value.key == "offences.X1.base_score"
    assert "outside the scale 1-5" in err.value.problem


@pytest.mark.parametrize(("score", "suggested"), [(1, "no_further_action"), (5, "charge")])
def test_base_scores_at_both_ends_of_the_scale_are_accepted(
    tmp_path: Path, score: int, suggested: str
) -> None:
    decision = gravity_score(at=AT, offence_code="X1", table_path=_table(tmp_path, score))
    assert decision["final_score"] == score
    assert decision["suggested_outcome"] == suggested
    assert decision["table_status"] == "LICENSED"
