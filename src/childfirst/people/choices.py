"""Vocabularies for a child's record. Labels follow data.police.uk where one exists, so a record can be
published in that format without a lookup table."""

from __future__ import annotations

from django.db import models


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    NOT_STATED = "not_stated", "Not stated"


class SelfDefinedEthnicity(models.TextChoices):
    """The 18+1 self-defined ethnicity categories (plus "Not stated"), labelled as data.police.uk does."""

    WHITE_BRITISH = "white_british", "White - English/Welsh/Scottish/Northern Irish/British"
    WHITE_IRISH = "white_irish", "White - Irish"
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", "White - Gypsy or Irish Traveller"
    WHITE_OTHER = "white_other", "White - Any other White background"
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "mixed_white_black_caribbean",
        "Mixed/Multiple ethnic groups - White and Black Caribbean",
    )
    MIXED_WHITE_BLACK_AFRICAN = (
        "mixed_white_black_african",
        "Mixed/Multiple ethnic groups - White and Black African",
    )
    MIXED_WHITE_ASIAN = "mixed_white_asian", "Mixed/Multiple ethnic groups - White and Asian"
    MIXED_OTHER = "mixed_other", "Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background"
    ASIAN_INDIAN = "asian_indian", "Asian/Asian British - Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Asian/Asian British - Pakistani"
    ASIAN_BANGLADESHI = "asian_bangladeshi", "Asian/Asian British - Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Asian/Asian British - Chinese"
    ASIAN_OTHER = "asian_other", "Asian/Asian British - Any other Asian background"
    BLACK_AFRICAN = "black_african", "Black/African/Caribbean/Black British - African"
    BLACK_CARIBBEAN = "black_caribbean", "Black/African/Caribbean/Black British - Caribbean"
    BLACK_OTHER = (
        "black_other",
        "Black/African/Caribbean/Black British - Any other Black/African/Caribbean background",
    )
    OTHER_ARAB = "other_arab", "Other ethnic group - Arab"
    OTHER_ANY = "other_any", "Other ethnic group - Any other ethnic group"
    NOT_STATED = "not_stated", "Other ethnic group - Not stated"


class ObservedEthnicity(models.TextChoices):
    """Officer-observed ethnicity: five groups. Always kept apart from how the child defines themself."""

    ASIAN = "asian", "Asian"
    BLACK = "black", "Black"
    MIXED = "mixed", "Mixed"
    WHITE = "white", "White"
    OTHER = "other", "Other"


def five_group(self_defined: str) -> str:
    """The 5-group (Asian, Black, Mixed, White, Other) of a self-defined category, for population rates."""
    if not self_defined or self_defined == SelfDefinedEthnicity.NOT_STATED:
        return ""
    head = self_defined.split("_", 1)[0]
    return {"white": "white", "mixed": "mixed", "asian": "asian", "black": "black", "other": "other"}[head]


class CareStatus(models.TextChoices):
    LOOKED_AFTER = "looked_after", "Looked after by a local authority"
    CARE_LEAVER = "care_leaver", "Care leaver"
    NEITHER = "neither", "Neither"
    UNKNOWN = "unknown", "Not known"


class SensitiveBasis(models.TextChoices):
    """Basis for sensitive processing under DPA 2018 s.35 (RULES.md DP-03)."""

    CONSENT = "consent", "The child (or person responsible) consented"
    STRICTLY_NECESSARY = (
        "strictly_necessary",
        "Strictly necessary for a law enforcement purpose (with a Schedule 8 condition)",
    )


class Schedule8Condition(models.TextChoices):
    """DPA 2018 Schedule 8 conditions for sensitive processing."""

    STATUTORY_PURPOSES = "statutory_purposes", "Statutory etc. purposes"
    ADMINISTRATION_OF_JUSTICE = "administration_of_justice", "Administration of justice"
    PROTECTING_VITAL_INTERESTS = "vital_interests", "Protecting individual's vital interests"
    SAFEGUARDING_CHILDREN = "safeguarding_children", "Safeguarding of children and of individuals at risk"
    ALREADY_PUBLIC = "already_public", "Personal data already in the public domain"
    LEGAL_CLAIMS = "legal_claims", "Legal claims"
    JUDICIAL_ACTS = "judicial_acts", "Judicial acts"
    PREVENTING_FRAUD = "preventing_fraud", "Preventing fraud"
    ARCHIVING = "archiving", "Archiving, research or statistical purposes"
