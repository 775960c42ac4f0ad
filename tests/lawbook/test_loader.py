"""The strict loader, proven by broken files: each fails with a message naming the file, key and problem."""

import shutil
from pathlib import Path

import pytest

from childfirst.lawbook.errors import ParameterFileError
from childfirst.lawbook.parameters import PARAMETERS_DIR, Parameters, default_parameters, parse_rule_file

BROKEN = Path(__file__).parent / "broken"

EXPECTED = {
    "bad_date.yaml": ("parameters.limit.values[0].effective_from", "bad date"),
    "impossible_date.yaml": ("parameters.limit.values[0].effective_from", "bad date"),
    "unknown_key.yaml": ("parameters.limit.values[0].valeu", "unknown key"),
    "unknown_top_key.yaml": ("author", "unknown key"),
    "duplicate_key.yaml": ("limit", "duplicate key"),
    "no_citation.yaml": ("parameters.limit.values[0].citation", "value without a citation"),
    "before_rule_existed.yaml": ("parameters.limit.values[0].effective_from", "before the rule existed"),
    "bad_tag.yaml": ("parameters.limit.values[0].tag", "bad verification tag"),
    "no_url.yaml": ("parameters.limit.values[0].url", "missing url"),
    "out_of_order.yaml": ("parameters.limit.values[1].effective_from", "date order"),
    "bad_unit.yaml": ("parameters.limit.unit", "bad unit"),
    "bad_rule_id.yaml": ("rule", "bad rule ID"),
    "no_sources.yaml": ("sources", "at least one source"),
}


def test_every_broken_fixture_is_listed():
    assert {p.name for p in BROKEN.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_is_rejected_naming_file_key_and_problem(name):
    key, problem = EXPECTED[name]
    with pytest.raises(ParameterFileError) as info:
        parse_rule_file(BROKEN / name)
    err = info.value
    assert err.path.endswith(name)
    assert err.key == key
    assert problem in err.problem
    assert name in str(err)
    assert key in str(err)


def test_a_broken_file_stops_the_whole_folder_loading(tmp_path):
    folder = tmp_path / "parameters"
    shutil.copytree(PARAMETERS_DIR, folder)
    shutil.copy(BROKEN / "duplicate_key.yaml", folder / "zz-broken.yaml")
    with pytest.raises(ParameterFileError, match="zz-broken.yaml"):
        Parameters(folder)


def test_two_files_describing_one_rule_are_rejected(tmp_path):
    folder = tmp_path / "parameters"
    shutil.copytree(PARAMETERS_DIR, folder)
    shutil.copy(folder / "cus-08-care-by-woman.yaml", folder / "zz-copy.yaml")
    with pytest.raises(ParameterFileError, match="CUS-08 is already described"):
        Parameters(folder)


def test_shipped_parameters_load_and_every_value_is_dated_cited_and_tagged():
    params = default_parameters()
    values = [v for p in params.all_parameters() for v in p.values]
    assert len(values) > 60
    for v in values:
        assert v.citation
        assert v.url.startswith("http")
        assert v.tag in {"V", "V2", "GK", "PROPOSED", "POLICY"}


def test_value_in_force_changes_on_its_effective_date():
    import datetime as dt

    params = default_parameters()
    assert params.value("CUS-01.juvenile_age_limit", dt.date(2015, 10, 25)).value == 17
    assert params.value("CUS-01.juvenile_age_limit", dt.date(2015, 10, 26)).value == 18
    with pytest.raises(LookupError):
        params.value("CUS-21.place_of_safety_age_limit", dt.date(2017, 12, 10))


def test_case_files_are_loaded_strictly(tmp_path):
    from childfirst.lawbook.cases import load_cases

    head = "rule: CUS-08\ncases:\n"
    good = (
        "  - name: A girl is cared for by a woman\n"
        "    input: {at: 2026-01-10T12:00:00Z, is_juvenile: true, sex: female}\n"
        "    expect: {required: true}\n"
    )
    broken = {
        "duplicate case name": head + good + good,
        "unknown rule ID": "rule: CUS-99\ncases:\n" + good,
        "give exactly one of `expect` or `error`": head
        + "  - name: No expectation\n    input: {at: 2026-01-10T12:00:00Z, is_juvenile: true, sex: female}\n",
        "unknown key": head + good.replace("    expect:", "    expected: {required: true}\n    expect:"),
        "not a lawbook function": head + good.replace("    input:", "    function: os_system\n    input:"),
    }
    for problem, text in broken.items():
        path = tmp_path / "cases.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ParameterFileError, match=problem):
            load_cases(path)


def test_force_policy_files_are_checked(tmp_path, monkeypatch):
    from childfirst.lawbook import policies

    forces = tmp_path / "forces"
    forces.mkdir()
    (tmp_path / "switches.yaml").write_text(
        (policies.POLICIES_DIR / "switches.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (forces / "kent.yaml").write_text(
        "force: kent\nsettings:\n  strip_search_at_will: true\n", encoding="utf-8"
    )
    (forces / "essex.yaml").write_text(
        "force: essex\nsettings:\n  juvenile_visit_interval_minutes: soon\n", encoding="utf-8"
    )
    monkeypatch.setattr(policies, "POLICIES_DIR", tmp_path)
    policies._force_file.cache_clear()
    try:
        with pytest.raises(ParameterFileError, match=r"kent.yaml: settings.strip_search_at_will: unknown"):
            policies.policy_for("kent")
        with pytest.raises(ParameterFileError, match=r"essex.yaml: settings.juvenile_visit_interval_minutes"):
            policies.policy_for("essex")
    finally:
        policies._force_file.cache_clear()
