"""API representations. Input is validated by the services (one set of rules for web and API); the
write serializers here describe the input for the OpenAPI document."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from childfirst.core.audit import AuditLog
from childfirst.encounters.models import Encounter, StopSearchRecord
from childfirst.people.models import Child, PersonResponsible


class SharedOutputFields:
    """For output serializers: build and bind the fields once per class, not on every response.

    DRF builds a ModelSerializer's fields afresh for every instance (about 30 field objects for an
    encounter), the largest single cost of answering a POST. These serializers only represent
    objects; their fields keep no per-object or per-request state (no field here reads `context`),
    so one set, bound to a context-free instance of the class, serves every instance.
    """

    @property
    def fields(self) -> Any:
        cls = type(self)
        shared = cls.__dict__.get("_shared_fields")
        if shared is None:
            template = cls()  # no instance, no context
            shared = serializers.Serializer.fields.__get__(template, cls)
            cls._shared_fields = shared
        return shared


class PersonResponsibleSerializer(SharedOutputFields, serializers.ModelSerializer):
    class Meta:
        model = PersonResponsible
        fields = [
            "name",
            "relationship",
            "contact",
            "has_parental_responsibility",
            "is_local_authority_representative",
        ]


class ChildSerializer(SharedOutputFields, serializers.ModelSerializer):
    people_responsible = PersonResponsibleSerializer(many=True, required=False)

    class Meta:
        model = Child
        fields = [
            "id",
            "given_name",
            "family_name",
            "also_known_as",
            "date_of_birth",
            "estimated_age",
            "age_estimated_on",
            "stated_age",
            "age_disputed",
            "gender",
            "ethnicity_self_defined",
            "ethnicity_observed",
            "ethnicity_basis",
            "ethnicity_condition",
            "care_status",
            "care_local_authority",
            "neurodiversity",
            "send",
            "mental_health",
            "communication_needs",
            "what_helps",
            "health_basis",
            "health_condition",
            "people_responsible",
            "pseudonymous_ref",
            "is_synthetic",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "pseudonymous_ref", "created_at", "updated_at"]


class ChildSummarySerializer(SharedOutputFields, serializers.ModelSerializer):
    class Meta:
        model = Child
        fields = [
            "id",
            "given_name",
            "family_name",
            "also_known_as",
            "date_of_birth",
            "estimated_age",
            "pseudonymous_ref",
        ]


class StopSearchSerializer(SharedOutputFields, serializers.ModelSerializer):
    class Meta:
        model = StopSearchRecord
        exclude = ["id", "encounter"]


class EncounterSerializer(SharedOutputFields, serializers.ModelSerializer):
    borough = serializers.SlugRelatedField(slug_field="code", read_only=True)
    stop_search = StopSearchSerializer(required=False, allow_null=True)
    child_coming_to_notice = serializers.SerializerMethodField()
    officers = serializers.SerializerMethodField()

    class Meta:
        model = Encounter
        fields = [
            "id",
            "child",
            "encounter_type",
            "aware_at",
            "borough",
            "recording_officer",
            "officers",
            "child_role",
            "outcome",
            "age_established",
            "treated_as_child",
            "treated_as_child_reasons",
            "rights_explained",
            "rights_explained_how",
            "communication_adjusted",
            "communication_adjustments",
            "responsible_adult_informed",
            "responsible_adult_details",
            "childs_account",
            "vulnerability_considered",
            "adultification_prompt_answered",
            "safeguarding_concern",
            "safeguarding_details",
            "stop_search",
            "child_coming_to_notice",
            "is_synthetic",
            "created_at",
        ]
        read_only_fields = fields

    def get_officers(self, obj: Encounter) -> list[int]:
        known = getattr(obj, "recorded_officer_ids", None)
        return known if known is not None else [officer.pk for officer in obj.officers.all()]

    def get_child_coming_to_notice(self, obj: Encounter) -> int | None:
        notice = getattr(obj, "notice", None)
        return notice.pk if notice else None


class EncounterWriteSerializer(serializers.Serializer):
    """Input for POST /encounters (validated by the encounters service)."""

    child = serializers.IntegerField()
    encounter_type = serializers.CharField()
    aware_at = serializers.DateTimeField(help_text="ISO 8601 with a time zone offset")
    borough = serializers.CharField(help_text="ONS code, e.g. E09000012")
    child_role = serializers.CharField()
    officers = serializers.ListField(child=serializers.IntegerField(), required=False)
    outcome = serializers.CharField(required=False)
    appears_under_18 = serializers.BooleanField(required=False, allow_null=True)
    appears_under_18_notes = serializers.CharField(required=False)
    vulnerability_notes = serializers.CharField(required=False)
    adultification_reflection = serializers.CharField(required=False)
    reason = serializers.CharField(
        required=False, help_text="Break-glass reason if the child is outside your scope"
    )
    stop_search = StopSearchSerializer(required=False)


class AuditLogSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = AuditLog
        fields = [
            "chain", "seq", "at", "actor", "actor_role", "action", "object_type", "object_id", "child_id",
            "reason", "detail", "prev_hash", "row_hash",
        ]  # fmt: skip


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
