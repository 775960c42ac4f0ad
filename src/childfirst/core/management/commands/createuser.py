"""childfirst createuser USERNAME --role ROLE [--team TEAM] --borough BOROUGH [--password-stdin]"""

from __future__ import annotations

import secrets
import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Q

from childfirst.core.audit import AuditAction, Auditor
from childfirst.core.models import Borough, StaffProfile, Team
from childfirst.core.roles import Role

NEEDS_TEAM = {Role.FRONTLINE_OFFICER}


def find_borough(value: str) -> Borough:
    borough = Borough.objects.filter(Q(code__iexact=value.strip()) | Q(name__iexact=value.strip())).first()
    if borough is None:
        raise CommandError(
            f"Unknown borough {value!r}: give a London borough name or ONS code (E09000001-E09000033)."
        )
    return borough


class Command(BaseCommand):
    help = "Create a member of staff with a role, team and borough."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help=f"one of: {', '.join(Role.values)}")
        parser.add_argument("--team", default="", help="team name (created in the borough if new)")
        parser.add_argument(
            "--borough", default="", help="borough name or ONS code, e.g. Hackney or E09000012"
        )
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"].strip()
        if options["role"] not in Role.values:
            raise CommandError(f"Unknown role {options['role']!r}: use one of {', '.join(Role.values)}.")
        role = Role(options["role"])
        user_model = get_user_model()
        if not username:
            raise CommandError("Give a username.")
        if user_model.objects.filter(username=username).exists():
            raise CommandError(f"A user called {username!r} already exists.")
        borough = find_borough(options["borough"]) if options["borough"] else None
        if options["team"] and borough is None:
            raise CommandError("A team belongs to a borough: give --borough as well.")
        if role in NEEDS_TEAM and not options["team"]:
            raise CommandError(f"A {role.label.lower()} needs --team (their access is scoped by team).")
        if (
            role not in {Role.ANALYST, Role.AUDITOR, Role.ADMINISTRATOR, Role.TRAINING_LEAD}
            and borough is None
        ):
            raise CommandError(f"A {role.label.lower()} needs --borough (their access is scoped by borough).")
        generated = not options["password_stdin"]
        password = secrets.token_urlsafe(12) if generated else sys.stdin.readline().rstrip("\n")
        candidate = user_model(username=username)
        try:
            validate_password(password, candidate)
        except ValidationError as exc:
            raise CommandError("Password refused: " + " ".join(exc.messages)) from None
        with transaction.atomic():
            team = (
                Team.objects.get_or_create(name=options["team"], borough=borough)[0]
                if options["team"]
                else None
            )
            user = user_model.objects.create_user(username=username, password=password)
            StaffProfile.objects.create(user=user, role=role, team=team, borough=borough)
            Auditor(None).record(
                AuditAction.CREATE,
                "user",
                user.pk,
                detail={"username": username, "role": role.value, "via": "cli"},
            )
        where = ", ".join(str(x) for x in (team, borough) if x is not None) or "no team"
        self.stdout.write(f"Created {username} ({role.label}; {where}).")
        if generated:
            self.stdout.write(f"Password (shown once): {password}")
