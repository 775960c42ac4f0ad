"""Vocabularies of the police.uk stop-and-search data and how they map onto one schema.

Pure data, no Django. Every label the importer accepts is listed here; a label that is not listed is
quarantined with its reason rather than guessed at.

Self-defined ethnicity is held as the Census 2021 categories in the wording police.uk uses since 2021
(18 categories, plus "Not stated" as its own value). Files from before 2021 use the Census 2001 codes,
e.g. "Black or Black British - African (B2)"; each code maps to its 2021 category. One deliberate
change of grouping: the 2001 code O1 "Chinese" sat in "Chinese or other ethnic group" and is mapped to
"Asian/Asian British - Chinese", where Census 2021 puts it.
"""

from __future__ import annotations

NOT_STATED = "Not stated"

# Census 2021 category (police.uk wording) -> 5-group roll-up.
SELF_ETHNICITY_5: dict[str, str | None] = {
    "Asian/Asian British - Bangladeshi": "Asian",
    "Asian/Asian British - Chinese": "Asian",
    "Asian/Asian British - Indian": "Asian",
    "Asian/Asian British - Pakistani": "Asian",
    "Asian/Asian British - Any other Asian background": "Asian",
    "Black/African/Caribbean/Black British - African": "Black",
    "Black/African/Caribbean/Black British - Caribbean": "Black",
    "Black/African/Caribbean/Black British - Any other Black/African/Caribbean background": "Black",
    "Mixed/Multiple ethnic groups - White and Asian": "Mixed",
    "Mixed/Multiple ethnic groups - White and Black African": "Mixed",
    "Mixed/Multiple ethnic groups - White and Black Caribbean": "Mixed",
    "Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background": "Mixed",
    "White - English/Welsh/Scottish/Northern Irish/British": "White",
    "White - Irish": "White",
    "White - Gypsy or Irish Traveller": "White",
    "White - Roma": "White",
    "White - Any other White background": "White",
    "Other ethnic group - Arab": "Other",
    "Other ethnic group - Any other ethnic group": "Other",
    NOT_STATED: None,
}

# Every accepted self-defined ethnicity label -> Census 2021 category.
SELF_ETHNICITY: dict[str, str] = {label: label for label in SELF_ETHNICITY_5}
SELF_ETHNICITY.update(
    {
        # Current police.uk wording of "not stated".
        "Other ethnic group - Not stated": NOT_STATED,
        # Census 2001 codes used in files before 2021.
        "White - White British (W1)": "White - English/Welsh/Scottish/Northern Irish/British",
        "White - White Irish (W2)": "White - Irish",
        "White - Any other White ethnic background (W9)": "White - Any other White background",
        "Mixed - White and Black Caribbean (M1)": (
            "Mixed/Multiple ethnic groups - White and Black Caribbean"
        ),
        "Mixed - White and Black African (M2)": "Mixed/Multiple ethnic groups - White and Black African",
        "Mixed - White and Asian (M3)": "Mixed/Multiple ethnic groups - White and Asian",
        "Mixed - Any other Mixed ethnic background (M9)": (
            "Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background"
        ),
        "Asian or Asian British - Indian (A1)": "Asian/Asian British - Indian",
        "Asian or Asian British - Pakistani (A2)": "Asian/Asian British - Pakistani",
        "Asian or Asian British - Bangladeshi (A3)": "Asian/Asian British - Bangladeshi",
        "Asian or Asian British - Any other Asian ethnic background (A9)": (
            "Asian/Asian British - Any other Asian background"
        ),
        "Black or Black British - Caribbean (B1)": "Black/African/Caribbean/Black British - Caribbean",
        "Black or Black British - African (B2)": "Black/African/Caribbean/Black British - African",
        "Black or Black British - Any other Black ethnic background (B9)": (
            "Black/African/Caribbean/Black British - Any other Black/African/Caribbean background"
        ),
        "Chinese or other ethnic group - Chinese (O1)": "Asian/Asian British - Chinese",
        "Chinese or other ethnic group - Any other ethnic group (O9)": (
            "Other ethnic group - Any other ethnic group"
        ),
        "Not Stated (NS)": NOT_STATED,
    }
)

OFFICER_ETHNICITY: frozenset[str] = frozenset({"Asian", "Black", "Mixed", "White", "Other"})

FIVE_GROUPS: tuple[str, ...] = ("Asian", "Black", "Mixed", "White", "Other")

AGE_BANDS: tuple[str, ...] = ("under 10", "10-17", "18-24", "25-34", "over 34")
CHILD_AGE_BANDS: frozenset[str] = frozenset({"under 10", "10-17"})

GENDERS: frozenset[str] = frozenset({"Male", "Female", "Other"})

SEARCH_TYPES: frozenset[str] = frozenset({"Person search", "Person and Vehicle search", "Vehicle search"})

NO_FURTHER_ACTION = "no_further_action"
ARREST = "arrest"
OTHER = "other"

# Outcome label (both vocabularies) -> harmonised outcome group.
OUTCOME_GROUP: dict[str, str] = {
    # current vocabulary
    "A no further action disposal": NO_FURTHER_ACTION,
    "Arrest": ARREST,
    "Community resolution": OTHER,
    "Penalty Notice for Disorder": OTHER,
    "Summons / charged by post": OTHER,
    "Khat or Cannabis warning": OTHER,
    "Caution (simple or conditional)": OTHER,
    # 2016 vocabulary
    "Nothing found - no further action": NO_FURTHER_ACTION,
    "Suspect arrested": ARREST,
    "Offender given drugs possession warning": OTHER,
    "Offender given penalty notice": OTHER,
    "Local resolution": OTHER,
    "Suspect summonsed to court": OTHER,
    "Offender cautioned": OTHER,
    "Article found - Detailed outcome unavailable": OTHER,
}

# police.uk force names (as they appear in extracts) -> force slug used in the API and archive names.
FORCE_SLUGS: dict[str, str] = {
    "Metropolitan Police": "metropolitan",
    "Metropolitan Police Service": "metropolitan",
    "London, City of": "city-of-london",
    "City of London Police": "city-of-london",
    "British Transport Police": "btp",
}

CITY_OF_LONDON = "E09000001"

# London boroughs (ONS codes, as in the Census and the police.uk extracts).
LONDON_BOROUGHS: dict[str, str] = {
    "E09000001": "City of London",
    "E09000002": "Barking and Dagenham",
    "E09000003": "Barnet",
    "E09000004": "Bexley",
    "E09000005": "Brent",
    "E09000006": "Bromley",
    "E09000007": "Camden",
    "E09000008": "Croydon",
    "E09000009": "Ealing",
    "E09000010": "Enfield",
    "E09000011": "Greenwich",
    "E09000012": "Hackney",
    "E09000013": "Hammersmith and Fulham",
    "E09000014": "Haringey",
    "E09000015": "Harrow",
    "E09000016": "Havering",
    "E09000017": "Hillingdon",
    "E09000018": "Hounslow",
    "E09000019": "Islington",
    "E09000020": "Kensington and Chelsea",
    "E09000021": "Kingston upon Thames",
    "E09000022": "Lambeth",
    "E09000023": "Lewisham",
    "E09000024": "Merton",
    "E09000025": "Newham",
    "E09000026": "Redbridge",
    "E09000027": "Richmond upon Thames",
    "E09000028": "Southwark",
    "E09000029": "Sutton",
    "E09000030": "Tower Hamlets",
    "E09000031": "Waltham Forest",
    "E09000032": "Wandsworth",
    "E09000033": "Westminster",
}
BOROUGH_CODES: dict[str, str] = {name: code for code, name in LONDON_BOROUGHS.items()}


def five_group(category: str) -> str | None:
    """The 5-group roll-up of a Census 2021 category (None for "Not stated")."""
    return SELF_ETHNICITY_5[category]
