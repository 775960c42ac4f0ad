"""Vocabularies for encounters. Stop and search labels are data.police.uk's published values."""

from __future__ import annotations

from django.db import models


class EncounterType(models.TextChoices):
    STOP_AND_SEARCH = "stop_and_search", "Stop and search"
    ARREST = "arrest", "Arrest"
    VOLUNTARY_ATTENDANCE = "voluntary_attendance", "Voluntary attendance"
    MISSING_CHILD_FOUND = "missing_child_found", "Missing child found"
    VICTIM_CONTACT = "victim_contact", "Victim contact"
    WITNESS_CONTACT = "witness_contact", "Witness contact"
    WELFARE_CONCERN = "welfare_concern", "Welfare concern"
    ONLINE_HARM_REPORT = "online_harm_report", "Online harm report"


class ChildRole(models.TextChoices):
    """The child's role in this encounter, kept distinct (DPA 2018 s.38(3), RULES.md DP-04)."""

    SUSPECT = "suspect", "Suspect"
    VICTIM = "victim", "Victim"
    WITNESS = "witness", "Witness"
    OTHER = "other", "Other"


class YesNoNotNeeded(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_NEEDED = "not_needed", "Not needed"


class SearchType(models.TextChoices):
    PERSON = "Person search", "Person search"
    PERSON_AND_VEHICLE = "Person and Vehicle search", "Person and Vehicle search"
    VEHICLE = "Vehicle search", "Vehicle search"


class Legislation(models.TextChoices):
    MISUSE_OF_DRUGS_S23 = "Misuse of Drugs Act 1971 (section 23)", "Misuse of Drugs Act 1971 (section 23)"
    PACE_S1 = (
        "Police and Criminal Evidence Act 1984 (section 1)",
        "Police and Criminal Evidence Act 1984 (section 1)",
    )
    CJPOA_S60 = (
        "Criminal Justice and Public Order Act 1994 (section 60)",
        "Criminal Justice and Public Order Act 1994 (section 60)",
    )
    FIREARMS_S47 = "Firearms Act 1968 (section 47)", "Firearms Act 1968 (section 47)"
    CJA_S139B = "Criminal Justice Act 1988 (section 139B)", "Criminal Justice Act 1988 (section 139B)"
    TERRORISM_S47A = "Terrorism Act 2000 (section 47A)", "Terrorism Act 2000 (section 47A)"
    PSYCHOACTIVE_S36 = (
        "Psychoactive Substances Act 2016 (s36(2))",
        "Psychoactive Substances Act 2016 (s36(2))",
    )
    PACE_S6 = (
        "Police and Criminal Evidence Act 1984 (section 6)",
        "Police and Criminal Evidence Act 1984 (section 6)",
    )
    DEER_S12 = "Deer Act 1991 (section 12)", "Deer Act 1991 (section 12)"
    WILDLIFE_S19 = (
        "Wildlife and Countryside Act 1981 (section 19)",
        "Wildlife and Countryside Act 1981 (section 19)",
    )
    POACHING_S2 = "Poaching Prevention Act 1862 (section 2)", "Poaching Prevention Act 1862 (section 2)"
    CROSSBOWS_S4 = "Crossbows Act 1987 (section 4)", "Crossbows Act 1987 (section 4)"


class ObjectOfSearch(models.TextChoices):
    CONTROLLED_DRUGS = "Controlled drugs", "Controlled drugs"
    OFFENSIVE_WEAPONS = "Offensive weapons", "Offensive weapons"
    STOLEN_GOODS = "Stolen goods", "Stolen goods"
    ARTICLE_FOR_THEFT = "Article for use in theft", "Article for use in theft"
    ARTICLES_FOR_CRIMINAL_DAMAGE = (
        "Articles for use in criminal damage",
        "Articles for use in criminal damage",
    )
    FIREARMS = "Firearms", "Firearms"
    ANYTHING_TO_THREATEN_OR_HARM = (
        "Anything to threaten or harm anyone",
        "Anything to threaten or harm anyone",
    )
    EVIDENCE_OF_OFFENCES = "Evidence of offences under the Act", "Evidence of offences under the Act"
    PSYCHOACTIVE_SUBSTANCES = "Psychoactive substances", "Psychoactive substances"
    FIREWORKS = "Fireworks", "Fireworks"
    GOODS_DUTY_NOT_PAID = (
        "Goods on which duty has not been paid etc.",
        "Goods on which duty has not been paid etc.",
    )
    GAME_OR_POACHING = "Game or poaching equipment", "Game or poaching equipment"
    CROSSBOWS = "Crossbows", "Crossbows"
    EVIDENCE_OF_WILDLIFE_OFFENCES = "Evidence of wildlife offences", "Evidence of wildlife offences"
    SEALS_OR_HUNTING = "Seals or hunting equipment", "Seals or hunting equipment"
    UNAVAILABLE = "Detailed object of search unavailable", "Detailed object of search unavailable"


class SearchOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "A no further action disposal", "A no further action disposal"
    ARREST = "Arrest", "Arrest"
    COMMUNITY_RESOLUTION = "Community resolution", "Community resolution"
    KHAT_OR_CANNABIS_WARNING = "Khat or Cannabis warning", "Khat or Cannabis warning"
    PENALTY_NOTICE = "Penalty Notice for Disorder", "Penalty Notice for Disorder"
    SUMMONS = "Summons / charged by post", "Summons / charged by post"
    CAUTION = "Caution (simple or conditional)", "Caution (simple or conditional)"


class AssessmentKind(models.TextChoices):
    APPEARS_UNDER_18 = "appears_under_18", "Appears to be under 18"
    VULNERABILITY = "vulnerability", "Vulnerability"
    ADULTIFICATION = "adultification", "Adultification reflection"


class NoticeStatus(models.TextChoices):
    NEW = "new", "New"
    SHARED = "shared", "Shared with partner agencies"
    CLOSED = "closed", "Closed"
