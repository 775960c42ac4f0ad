"""Shared models: boroughs, teams, staff profiles, and the append-only audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .roles import Role


class Borough(models.Model):
    """A London borough, identified by its ONS code (E09000001..E09000033). Loaded by a data migration."""

    code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A policing team (response team, safer neighbourhood team, custody suite...) in one borough."""

    name = models.CharField(max_length=120)
    borough = models.ForeignKey(Borough, on_delete=models.PROTECT, related_name="teams")

    class Meta:
        ordering = ["borough__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["borough", "name"], name="team_unique_name_in_borough")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.borough.name})"


class StaffProfile(models.Model):
    """A member of staff's role, team and borough. Access to children is scoped by these."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(max_length=40, choices=Role.choices)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="members")
    borough = models.ForeignKey(
        Borough, on_delete=models.PROTECT, null=True, blank=True, related_name="staff"
    )

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class AuditAction(models.TextChoices):
    """Stable names of audited events. Add new ones at the end; never rename a stored value."""

    CREATE = "create", "Created"
    UPDATE = "update", "Updated"
    DELETE = "delete", "Deleted"
    READ = "read", "Viewed"
    BREAK_GLASS = "break_glass", "Viewed outside normal access (break-glass)"
    SEARCH = "search", "Searched"
    EXPORT = "export", "Exported"
    SIGN_IN = "sign_in", "Signed in"
    ALERT = "alert", "Alert raised"


class AuditLog(models.Model):
    """One row per audited event. Append-only and hash-chained: see docs/adr/0001-audit-hash-chain.md
    and docs/adr/0004-audit-chains.md.

    Rows belong to one of several independent chains (`chain`); within a chain `seq` runs 1, 2, 3...
    with no gaps. `row_hash` is SHA-256 over the canonical serialisation of the row's fields plus
    `prev_hash`, so changing, removing or reordering any row breaks its chain from that row on. For
    "newest first" order by (`at`, `id`), not `seq`: `seq` counts within one chain.
    """

    chain = models.PositiveSmallIntegerField(default=1)
    seq = models.BigIntegerField()
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_role = models.CharField(max_length=40, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    child_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    reason = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    row_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="audit_chain_seq_unique")]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["actor", "at"], name="audit_actor_idx"),
            models.Index(fields=["at"], name="audit_at_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.chain}.{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditChainHead(models.Model):
    """One row per audit chain (id = chain number) holding its last sequence number and hash.

    Locked by every append to that chain, until the appending transaction commits."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    row_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"audit head #{self.seq}"
