"""Which roles may use which part of the web app. One place, so views, navigation and tests agree."""

from __future__ import annotations

from childfirst.core.roles import Role

#: Every role: pages any member of staff may open (home, sign out).
EVERY_ROLE = frozenset(Role)

#: Roles whose work is with individual children: they may search for, open and record encounters with
#: children in their scope. Analysts see pseudonymised aggregates only; auditors see audit trails, not
#: case narratives; training leads and administrators do not work cases.
CASE_ROLES = frozenset(
    {
        Role.FRONTLINE_OFFICER,
        Role.SUPERVISOR,
        Role.CUSTODY_OFFICER,
        Role.SAFEGUARDING_OFFICER,
        Role.DIVERSION_OFFICER,
        Role.EXPLOITATION_INVESTIGATOR,
    }
)

#: Who may see who has viewed a child's record, and the list of break-glass openings.
OVERSIGHT_ROLES = frozenset({Role.SUPERVISOR, Role.AUDITOR})

#: Who may search the whole audit trail.
AUDIT_ROLES = frozenset({Role.AUDITOR})
