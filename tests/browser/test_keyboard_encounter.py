"""An officer records an encounter using only the keyboard: Tab, arrow keys, Space, Enter and typing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from childfirst.core.roles import Role
from childfirst.encounters.models import ChildComingToNotice, Encounter
from tests.factories import ChildFactory, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MAX_TABS = 250


def tab_to(page, selector: str) -> None:
    """Press Tab until the focused element matches `selector`; fail if focus never gets there."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def choose(page, name: str, value: str) -> None:
    """Tab into a radio group, then move with the arrow keys (which select) or Space to the wanted answer."""
    tab_to(page, f'input[type="radio"][name="{name}"]')
    for _ in range(20):
        focused = page.evaluate("() => document.activeElement.value")
        if focused == value:
            page.keyboard.press("Space")
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate(f"() => document.querySelector('input[name=\"{name}\"]:checked').value") == value


def test_record_a_stop_and_search_with_the_keyboard_only(new_page):
    officer = make_user(Role.FRONTLINE_OFFICER, username="pc-keys")
    child = ChildFactory(given_name="Kai", family_name="Mensah", created_by=officer)
    page = new_page(officer)
    page.goto(f"/children/{child.pk}")

    tab_to(page, "a.govuk-button")  # "Record an encounter with Kai"
    page.keyboard.press("Enter")
    page.wait_for_url("**/encounters/new?child=*")
    assert page.locator("h1").inner_text() == "Record an encounter"

    choose(page, "encounter_type", "stop_and_search")
    when = timezone.localtime(timezone.now() - dt.timedelta(hours=1))
    type_into(page, "#id_aware_date_day", str(when.day))
    type_into(page, "#id_aware_date_month", str(when.month))
    type_into(page, "#id_aware_date_year", str(when.year))
    type_into(page, "#id_aware_time", when.strftime("%H:%M"))
    choose(page, "child_role", "suspect")
    type_into(page, "#id_outcome", "No further action; taken home")
    choose(page, "appears_under_18", "yes")
    choose(page, "age_established", "no")
    choose(page, "rights_explained", "yes")
    type_into(page, "#id_rights_explained_how", "In plain words; asked Kai to tell me back")
    choose(page, "communication_adjusted", "not_needed")
    choose(page, "responsible_adult_informed", "yes")
    type_into(page, "#id_responsible_adult_details", "Father, by phone")
    type_into(page, "#id_childs_account", "I was walking home from football")
    choose(page, "vulnerability_considered", "yes")
    choose(page, "adultification_prompt_answered", "yes")
    choose(page, "safeguarding_concern", "yes")
    type_into(page, "#id_safeguarding_details", "Older males seen directing him")

    tab_to(page, "button.govuk-button[type=submit]")  # Continue
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Stop and search details")
    assert not Encounter.objects.exists()
    tab_to(page, "#id_ss_legislation")
    page.keyboard.type("Misuse")
    tab_to(page, "#id_ss_object_of_search")
    page.keyboard.type("Controlled")
    tab_to(page, "#id_ss_outcome")
    page.keyboard.type("A no")
    choose(page, "ss_outcome_linked_to_object", "no")
    choose(page, "ss_removal_of_more_than_outer_clothing", "no")
    tab_to(page, "button.govuk-button[type=submit]")  # Save the encounter
    page.keyboard.press("Enter")
    page.wait_for_url("**/recorded")

    assert page.locator("h1").inner_text() == "Encounter recorded"
    assert "child coming to notice notification" in page.locator("main").inner_text()
    encounter = Encounter.objects.get(child=child)
    assert encounter.recording_officer == officer
    assert encounter.encounter_type == "stop_and_search"
    assert encounter.stop_search.legislation == "Misuse of Drugs Act 1971 (section 23)"
    assert encounter.stop_search.object_of_search == "Controlled drugs"
    assert encounter.childs_account == "I was walking home from football"
    assert ChildComingToNotice.objects.filter(encounter=encounter).exists()


def test_errors_are_announced_and_the_summary_links_move_focus(new_page):
    officer = make_user(Role.FRONTLINE_OFFICER)
    page = new_page(officer)
    page.goto("/encounters/new")
    tab_to(page, "button.govuk-button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".govuk-error-summary")
    # GOV.UK Frontend focuses the error summary on load so screen readers announce it.
    assert page.evaluate("() => document.activeElement.classList.contains('govuk-error-summary')")
    tab_to(page, '.govuk-error-summary a[href="#id_child"]')
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "id_child"
    assert not Encounter.objects.exists()
