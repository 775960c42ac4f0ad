"""Every scenario case in src/childfirst/lawbook/cases/ is a pytest test, named after its legal sentence."""

from pathlib import Path

import pytest

from childfirst.lawbook.cases import CASES_DIR, load_cases, run_case

CASES = load_cases(CASES_DIR)


def test_there_are_at_least_150_cases_with_unique_names():
    assert len(CASES) >= 150
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_scenario(case):
    problem = run_case(case)
    assert problem is None, problem


def test_a_wrong_expectation_fails(tmp_path: Path):
    # The runner is not vacuous: the same input with a wrong expected value is reported as a failure.
    bad = tmp_path / "wrong.yaml"
    bad.write_text(
        "rule: CUS-01\ncases:\n"
        "  - name: A 17-year-old is wrongly expected to be an adult\n"
        "    input: {at: 2026-01-10T12:00:00+00:00, date_of_birth: 2009-01-01}\n"
        "    expect: {is_juvenile: false}\n"
        "  - name: A wrong datetime expectation is caught\n"
        "    rule: CUS-12\n"
        "    input: {arrest_time: 2026-01-10T20:00:00+00:00, arrival_time: 2026-01-10T20:00:00+00:00,"
        " authorised_time: 2026-01-10T20:00:00+00:00, at: 2026-01-10T21:00:00+00:00}\n"
        "    expect: {detention_limit: 2026-01-11T21:00:00+00:00}\n"
        "  - name: An expected error that does not happen is caught\n"
        "    input: {at: 2026-01-10T12:00:00+00:00}\n"
        "    error: at\n",
        encoding="utf-8",
    )
    results = [run_case(c) for c in load_cases(bad)]
    assert all(r is not None for r in results)
    assert "is_juvenile" in results[0]
    assert "detention_limit" in results[1]
