"""The roles people hold in ChildFirst, and the one helper that reads a user's role.

A user has at most one role, held on their `StaffProfile`. No profile, no role: every check that
depends on a role then denies (default deny).
"""

from __future__ import annotations

from typing import Any

from django.db import models


class Role(models.TextChoices):
    FRONTLINE_OFFICER = "frontline_officer", "Frontline officer"
    SUPERVISOR = "supervisor", "Supervisor (inspector)"
    CUSTODY_OFFICER = "custody_officer", "Custody officer"
    SAFEGUARDING_OFFICER = "safeguarding_officer", "Safeguarding officer"
    DIVERSION_OFFICER = "diversion_officer", "Diversion officer"
    EXPLOITATION_INVESTIGATOR = "exploitation_investigator", "Exploitation investigator"
    ANALYST = "analyst", "Analyst"
    TRAINING_LEAD = "training_lead", "Training lead"
    AUDITOR = "auditor", "Auditor"
    ADMINISTRATOR = "administrator", "Administrator"


def role_of(user: Any) -> Role | None:
    """The user's role, or None for anonymous users, inactive users and users without a profile."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    cached = getattr(user, "_childfirst_role", False)
    if cached is not False:
        return cached
    try:
        profile = user.profile
    except Exception:  # RelatedObjectDoesNotExist: a user with no profile has no role
        role = None
    else:
        role = Role(profile.role) if profile.role in Role.values else None
    user._childfirst_role = role
    return role
