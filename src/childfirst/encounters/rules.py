"""Encounter permissions: the case-working roles record encounters (children scoped in people.rules)."""

import rules

from childfirst.people.rules import is_case_worker

rules.add_perm("encounters.add_encounter", is_case_worker)
rules.add_perm("encounters.view_encounter", is_case_worker)
