import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from childfirst.core.audit import AuditLog, verify_chain
from childfirst.core.roles import Role
from childfirst.encounters.models import Assessment, ChildComingToNotice, Encounter, StopSearchRecord
from childfirst.encounters.presenters import POLICE_UK_COLUMNS, police_uk_row
from childfirst.encounters.services import record_encounter, visible_encounters
from childfirst.people.rules import visible_children
from tests.factories import ChildFactory, encounter_data, make_user

pytestmark = pytest.mark.django_db

STOP_SEARCH = {
    "search_type": "Person search",
    "legislation": "Misuse of Drugs Act 1971 (section 23)",
    "object_of_search": "Controlled drugs",
    "outcome": "A no further action disposal",
    "outcome_linked_to_object": False,
    "removal_of_more_than_outer_clothing": False,
}


@pytest.fixture
def officer():
    return make_user(Role.FRONTLINE_OFFICER)


@pytest.fixture
def child(officer):
    return ChildFactory(created_by=officer)


def test_record_encounter_with_checklist_assessments_and_audit(officer, child):
    encounter = record_encounter(officer, encounter_data(child, vulnerability_notes="Tired, hungry"))
    assert encounter.treated_as_child
    assert encounter.treated_as_child_reasons["rule"] == "CUS-01"
    assert list(encounter.officers.all()) == [officer]
    kinds = {a.kind: a for a in Assessment.objects.filter(encounter=encounter)}
    assert set(kinds) == {"appears_under_18", "vulnerability"}
    assert kinds["appears_under_18"].finding is True
    assert kinds["vulnerability"].assessor == officer
    row = AuditLog.objects.get()
    assert (row.action, row.object_type, row.child_id) == ("create", "encounter", child.pk)
    assert not ChildComingToNotice.objects.exists()
    assert verify_chain().ok


def test_safeguarding_concern_creates_a_child_coming_to_notice_in_the_same_transaction(officer, child):
    encounter = record_encounter(
        officer,
        encounter_data(child, safeguarding_concern=True, safeguarding_details="Found with older males"),
    )
    notice = ChildComingToNotice.objects.get()
    assert notice.encounter == encounter
    assert notice.child == child
    assert notice.concern == "Found with older males"
    assert notice.status == "new"
    assert AuditLog.objects.get().detail["child_coming_to_notice"] == notice.pk


def test_stated_adult_age_is_not_rejected_for_a_child_who_appears_under_18(officer):
    child = ChildFactory(created_by=officer, date_of_birth=None, estimated_age=None, stated_age=19)
    encounter = record_encounter(officer, encounter_data(child, appears_under_18=True))
    assert encounter.treated_as_child
    assert any("stated age of 19" in note for note in encounter.treated_as_child_reasons["notes"])
    assert encounter.treated_as_child_reasons["basis"] == "appearance"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"aware_at": dt.datetime(2026, 1, 1, 12, 0)}, "aware_at"),  # noqa: DTZ001 - the naive value is the test
        ({"aware_at": "2026-01-01T12:00:00"}, "aware_at"),
        ({"aware_at": "yesterday"}, "aware_at"),
        ({"aware_at": timezone.now() + dt.timedelta(days=1)}, "aware_at"),
        ({"borough": "E09999999"}, "borough"),
        ({"child_role": "ringleader"}, "child_role"),
        ({"encounter_type": "interrogation"}, "encounter_type"),
        ({"safeguarding_concern": True}, "safeguarding_details"),
        ({"encounter_type": "stop_and_search"}, "stop_search"),
        ({"encounter_type": "stop_and_search", "stop_search": {**STOP_SEARCH, "legislation": "Magna Carta"}},
         "stop_search.legislation"),
        ({"stop_search": STOP_SEARCH}, "stop_search"),
        ({"encounter_type": "arrest"}, "responsible_adult_informed"),
        ({"officers": [987654]}, "officers"),
        ({"child": 987654}, "child"),
        ({"mood": "calm"}, "mood"),
        ({"child_role": ["victim"]}, "child_role"),
        ({"officers": "all of them"}, "officers"),
        ({"stop_search": "yes", "encounter_type": "stop_and_search"}, "stop_search"),
    ],
)  # fmt: skip
def test_bad_input_names_the_field_and_saves_nothing(officer, child, overrides, field):
    with pytest.raises(ValidationError) as caught:
        record_encounter(officer, encounter_data(child, **overrides))
    assert field in caught.value.message_dict, caught.value.message_dict
    assert Encounter.objects.count() == 0
    assert AuditLog.objects.count() == 0


def test_child_outside_scope_cannot_be_attached_without_break_glass(child):
    stranger = make_user(Role.FRONTLINE_OFFICER)
    with pytest.raises(ValidationError) as caught:
        record_encounter(stranger, encounter_data(child))
    assert "child" in caught.value.message_dict
    reason = "Met the child at Stratford; identity confirmed by school"
    record_encounter(stranger, encounter_data(child, reason=reason))
    actions = list(AuditLog.objects.values_list("action", "reason"))
    assert actions == [("break_glass", reason), ("create", reason)]
    assert child in visible_children(stranger)


@pytest.mark.parametrize("role", [Role.ANALYST, Role.AUDITOR, Role.ADMINISTRATOR, Role.TRAINING_LEAD])
def test_non_case_roles_cannot_record(role, child):
    with pytest.raises(PermissionDenied):
        record_encounter(make_user(role), encounter_data(child))


def test_stop_and_search_renders_in_police_uk_columns(officer):
    child = ChildFactory(
        created_by=officer,
        gender="male",
        ethnicity_self_defined="black_caribbean",
        ethnicity_observed="black",
        ethnicity_basis="strictly_necessary",
        ethnicity_condition="statutory_purposes",
    )
    aware = dt.datetime(2026, 3, 1, 5, 30, 28, tzinfo=dt.UTC)
    encounter = record_encounter(
        officer,
        encounter_data(child, encounter_type="stop_and_search", aware_at=aware, child_role="suspect",
                       stop_search={**STOP_SEARCH, "latitude": "51.515383", "longitude": "-0.078783"}),
    )  # fmt: skip
    assert StopSearchRecord.objects.filter(encounter=encounter).exists()
    row = police_uk_row(encounter)
    assert tuple(row) == POLICE_UK_COLUMNS
    assert row["Date"] == "2026-03-01T05:30:28+00:00"
    assert row["Age range"] == "10-17"
    assert row["Gender"] == "Male"
    assert row["Self-defined ethnicity"] == "Black/African/Caribbean/Black British - Caribbean"
    assert row["Officer-defined ethnicity"] == "Black"
    assert row["Legislation"] == "Misuse of Drugs Act 1971 (section 23)"
    assert row["Outcome linked to object of search"] == "False"
    assert row["Latitude"] == "51.515383"


def test_visible_encounters_follow_the_child(officer, child):
    encounter = record_encounter(officer, encounter_data(child))
    assert list(visible_encounters(officer)) == [encounter]
    assert not visible_encounters(make_user(Role.FRONTLINE_OFFICER)).exists()
    assert not visible_encounters(make_user(Role.ANALYST)).exists()


def test_police_uk_columns_match_the_published_archive_header(settings):
    import csv

    path = settings.SHARED_DATA_DIR / "policeuk/archive/2023-03-city-of-london-stop-and-search.csv"
    with path.open(newline="", encoding="utf-8-sig") as handle:
        header = next(csv.reader(handle))
    assert tuple(header) == POLICE_UK_COLUMNS


def test_our_vocabularies_cover_the_published_values(settings):
    """Every value data.police.uk published (City of London, BTP 2023; Met API JSON) is one we can record."""
    import csv
    import json

    from childfirst.encounters.choices import Legislation, ObjectOfSearch, SearchOutcome, SearchType
    from childfirst.people.choices import SelfDefinedEthnicity

    ours = {
        "Type": set(SearchType.values),
        "Legislation": set(Legislation.values),
        "Object of search": set(ObjectOfSearch.values),
        "Outcome": set(SearchOutcome.values),
        "Self-defined ethnicity": set(SelfDefinedEthnicity.labels),
    }
    for name in ("2023-03-city-of-london-stop-and-search.csv", "2023-03-btp-stop-and-search.csv"):
        with (settings.SHARED_DATA_DIR / "policeuk/archive" / name).open(
            newline="", encoding="utf-8-sig"
        ) as handle:
            for row in csv.DictReader(handle):
                for column, allowed in ours.items():
                    assert not row[column] or row[column] in allowed, (name, column, row[column])
    api_fields = {"legislation": "Legislation", "object_of_search": "Object of search", "type": "Type"}
    for path in sorted((settings.SHARED_DATA_DIR / "policeuk/api-metropolitan").glob("*.json")):
        for record in json.loads(path.read_text()):
            for field, column in api_fields.items():
                value = record.get(field)
                assert not value or value in ours[column], (path.name, field, value)


def test_officers_and_every_kind_of_assessment_are_stored_exactly(officer, child):
    """The officer links and assessments are written by one multi-row insert: every value round-trips."""
    colleague = make_user(Role.FRONTLINE_OFFICER, team=officer.profile.team)
    data = encounter_data(
        child,
        officers=[colleague.pk],
        appears_under_18=False,
        appears_under_18_notes="Tall; said 19",
        vulnerability_notes="Cold, no coat",
        adultification_reflection="Checked I did not treat him as older because of his size",
    )
    encounter = record_encounter(officer, data)
    assert set(Encounter.objects.get(pk=encounter.pk).officers.all()) == {officer, colleague}
    stored = {a.kind: a for a in Assessment.objects.filter(encounter=encounter)}
    assert {k: (a.finding, a.notes) for k, a in stored.items()} == {
        "appears_under_18": (False, "Tall; said 19"),
        "vulnerability": (None, "Cold, no coat"),
        "adultification": (None, "Checked I did not treat him as older because of his size"),
    }
    assert {a.child_id for a in stored.values()} == {child.pk}
    assert {a.assessor_id for a in stored.values()} == {officer.pk}
    assessed = {a.assessed_at for a in stored.values()}
    assert len(assessed) == 1
    assert abs(assessed.pop() - timezone.now()) < dt.timedelta(minutes=1)
