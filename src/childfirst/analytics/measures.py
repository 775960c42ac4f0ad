"""The measure registry: each measure is declared once, and the dashboard, the CLI, the CSV export and
the annual report all read that one declaration (STYLE.md practice 12).

Registering a measure (other apps do this too, e.g. custody)::

    from childfirst.analytics.measures import Measure, register, step_share

    register(
        Measure(
            key="custody.overnight_share",           # unique, dotted, stable: used in URLs and exports
            name="Children held overnight",           # what a police officer would call it
            definition="Share of child detentions ...",  # plain words, one or two sentences
            source="Custody records (force)",          # where the figures come from
            commitment="CS-04",                        # the strategy commitment it evidences
            indicator="I-T4-5",                        # optional: the indicator in STRATEGY.md
            unit="share",                              # "count" | "share" | "per 1,000 children aged 10-17"
            roles=frozenset({"analyst", "supervisor"}),  # childfirst.core.roles.Role values allowed to see it
            compute=my_compute,                        # see below
        )
    )

``register`` raises ``ValueError`` on a duplicate key, so import-time registration in an app's
``apps.py`` ``ready()`` (or in a module imported from it) is the expected place.

The compute function
--------------------
``compute(events: duckdb.DuckDBPyRelation) -> list[GroupCount]`` receives **journey events**, one row per
step a child reached, with these columns (the contract that lets one definition serve both the public
open data and, later, the force's own records):

=============== ========== ============================================================================
column          type       meaning
=============== ========== ============================================================================
step            VARCHAR    one of ``JOURNEY_STEPS``: stop_search, strip_search, arrest, custody, charge,
                           diversion
journey_ref     VARCHAR    identifier shared by every step of one journey (a search and what followed
                           it; an arrest and its custody episode and outcome)
subject_ref     VARCHAR    pseudonymous reference to the child, NULL when unknown (open data)
occurred_utc    TIMESTAMP  when the step happened (UTC)
month           VARCHAR    'YYYY-MM', Europe/London
force           VARCHAR    force slug, e.g. 'metropolitan'
borough_code    VARCHAR    ONS code E09..., NULL when unknown
age_band        VARCHAR    '10-17', 'under 10', ...; NULL when unknown
ethnicity       VARCHAR    5-group ethnicity (Asian, Black, Mixed, White, Other), NULL when unknown;
                           the adapter decides whether it is self-defined or officer-defined
=============== ========== ============================================================================

The relation arrives already scoped (force, period, borough, age) by whoever built it; a measure only
counts within it and groups by ``ethnicity``. It returns one ``GroupCount`` per ethnic group: the
numerator, and the denominator where the measure is a share (for rates per 1,000 the denominator is the
population, supplied by the caller, so ``denominator`` is ``None``).

``journey_events_from_stops`` adapts the open-data ``stops`` table (childfirst.opendata.store) to this
shape: every search is a ``stop_search`` event, a search recorded as a strip search adds a
``strip_search`` event, a search ending in arrest adds an ``arrest`` event. Custody, charge and diversion
cannot be seen in open data; the custody app supplies those events from the force's own records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import duckdb

JOURNEY_STEPS: tuple[str, ...] = (
    "stop_search",
    "strip_search",
    "arrest",
    "custody",
    "charge",
    "diversion",
)

JOURNEY_COLUMNS: tuple[str, ...] = (
    "step",
    "journey_ref",
    "subject_ref",
    "occurred_utc",
    "month",
    "force",
    "borough_code",
    "age_band",
    "ethnicity",
)

# Role values (childfirst.core.roles.Role) kept as plain strings so this module imports without Django.
ANALYTICS_ROLES: frozenset[str] = frozenset({"analyst", "supervisor", "administrator"})


@dataclass(frozen=True)
class GroupCount:
    group: str
    numerator: int
    denominator: int | None = None


Compute = Callable[[duckdb.DuckDBPyRelation], list[GroupCount]]


@dataclass(frozen=True)
class Measure:
    key: str
    name: str
    definition: str
    source: str
    commitment: str
    unit: str
    compute: Compute
    roles: frozenset[str] = ANALYTICS_ROLES
    indicator: str = ""
    step: str = ""
    open_data: bool = False  # computable from the public data.police.uk records
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        for name in ("key", "name", "definition", "source", "commitment", "unit"):
            if not getattr(self, name).strip():
                raise ValueError(f"measure {self.key or '?'}: {name} is required")
        if self.step and self.step not in JOURNEY_STEPS:
            raise ValueError(f"measure {self.key}: step {self.step!r} is not one of {JOURNEY_STEPS}")


_REGISTRY: dict[str, Measure] = {}


def register(measure: Measure) -> Measure:
    """Add ``measure`` to the registry; a second measure with the same key is an error."""
    if measure.key in _REGISTRY:
        raise ValueError(f"measure {measure.key!r} is already registered")
    _REGISTRY[measure.key] = measure
    return measure


def get(key: str) -> Measure:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise KeyError(f"no measure called {key!r}; known: {', '.join(sorted(_REGISTRY))}") from None


def all_measures() -> list[Measure]:
    return list(_REGISTRY.values())


def journey_measures() -> list[Measure]:
    """The journey measures in journey order (stop and search first)."""
    order = {step: i for i, step in enumerate(JOURNEY_STEPS)}
    steps = [m for m in _REGISTRY.values() if m.step]
    return sorted(steps, key=lambda m: (order[m.step], m.key))


def _check_columns(events: duckdb.DuckDBPyRelation) -> None:
    missing = [c for c in JOURNEY_COLUMNS if c not in events.columns]
    if missing:
        raise ValueError(f"journey events are missing column(s): {', '.join(missing)}")


def step_count(step: str) -> Compute:
    """Compute: number of journeys reaching ``step``, per ethnic group (denominator left to the caller)."""
    if step not in JOURNEY_STEPS:
        raise ValueError(f"unknown journey step {step!r}")

    def compute(events: duckdb.DuckDBPyRelation) -> list[GroupCount]:
        _check_columns(events)
        rows = events.query(
            "ev",
            # step is checked against JOURNEY_STEPS above
            "SELECT coalesce(ethnicity, 'Not stated') AS g, count(DISTINCT journey_ref) "  # noqa: S608
            f"FROM ev WHERE step = '{step}' GROUP BY 1 ORDER BY 1",
        ).fetchall()
        return [GroupCount(str(g), int(n)) for g, n in rows]

    return compute


def step_share(step: str, of_step: str) -> Compute:
    """Compute: of the journeys that reached ``of_step``, how many also reached ``step``, per group."""
    if step not in JOURNEY_STEPS or of_step not in JOURNEY_STEPS:
        raise ValueError(f"unknown journey step in {step!r} / {of_step!r}")

    def compute(events: duckdb.DuckDBPyRelation) -> list[GroupCount]:
        _check_columns(events)
        rows = events.query(
            "ev",
            f"""
            WITH base AS (
                SELECT journey_ref, any_value(coalesce(ethnicity, 'Not stated')) AS g
                FROM ev WHERE step = '{of_step}' GROUP BY journey_ref
            ), hit AS (SELECT DISTINCT journey_ref FROM ev WHERE step = '{step}')
            SELECT b.g, count(h.journey_ref), count(*)
            FROM base b LEFT JOIN hit h USING (journey_ref)
            GROUP BY 1 ORDER BY 1
            """,  # noqa: S608 (steps checked against JOURNEY_STEPS)
        ).fetchall()
        return [GroupCount(str(g), int(n), int(d)) for g, n, d in rows]

    return compute


def journey_events_from_stops(
    con: duckdb.DuckDBPyConnection,
    *,
    where_sql: str = "TRUE",
    params: Iterable[object] = (),
    ethnicity: str = "self",
) -> duckdb.DuckDBPyRelation:
    """Journey events (the columns above) from the open-data ``stops`` table.

    ``where_sql``/``params`` scope the searches (built by ``childfirst.analytics.queries``);
    ``ethnicity`` is ``self`` (self-defined, 5-group roll-up) or ``officer`` (officer-defined).
    """
    column = {"self": "self_ethnicity_5", "officer": "officer_ethnicity"}.get(ethnicity)
    if column is None:
        raise ValueError(f"ethnicity must be 'self' or 'officer', not {ethnicity!r}")
    # where_sql is built by our own query module from fixed fragments; values travel as params.
    sql = f"""
        WITH s AS (
            SELECT import_id || ':' || source_row AS journey_ref, * FROM stops WHERE {where_sql}
        )
        SELECT step, journey_ref, NULL::VARCHAR AS subject_ref, occurred_utc, month, force,
               borough_code, age_band, {column} AS ethnicity
        FROM s, (VALUES ('stop_search'), ('strip_search'), ('arrest')) AS t(step)
        WHERE step = 'stop_search'
           OR (step = 'strip_search' AND strip_search)
           OR (step = 'arrest' AND outcome_group = 'arrest')
    """  # noqa: S608
    return con.sql(sql, params=list(params) or None)


# --- The journey, as far as open data can see it, and beyond it for the force's own records --------

_OPEN = "data.police.uk stop and search (Open Government Licence v3.0); population: ONS Census 2021"
_FORCE = "The force's own custody and outcome records (not in open data)"

register(
    Measure(
        key="journey.stop_search",
        name="Children stopped and searched",
        definition=(
            "Stop and searches of children aged 10 to 17, counted per ethnic group; shown as a rate "
            "per 1,000 children of that group living in the area and as a relative rate index against "
            "the reference group."
        ),
        source=_OPEN,
        commitment="CS-05",
        indicator="I-T1-4",
        unit="per 1,000 children aged 10-17",
        step="stop_search",
        open_data=True,
        compute=step_count("stop_search"),
    )
)
register(
    Measure(
        key="journey.strip_search_share",
        name="Stop and searches that were strip searches",
        definition=(
            "Of the searches of children, the share recorded as removing more than outer clothing. "
            "Searches with the field left blank count as not strip searched, so read this with the "
            "blank rate shown beside it."
        ),
        source=_OPEN,
        commitment="CS-05",
        indicator="I-T1-7",
        unit="share",
        step="strip_search",
        open_data=True,
        compute=step_share("strip_search", "stop_search"),
    )
)
register(
    Measure(
        key="journey.arrest_share",
        name="Stop and searches ending in arrest",
        definition="Of the searches of children, the share whose recorded outcome was arrest.",
        source=_OPEN,
        commitment="CS-05",
        indicator="I-T1-5",
        unit="share",
        step="arrest",
        open_data=True,
        compute=step_share("arrest", "stop_search"),
    )
)
register(
    Measure(
        key="journey.custody_share",
        name="Arrests leading to detention in custody",
        definition="Of the arrests of children, the share where the child was booked into custody.",
        source=_FORCE,
        commitment="CS-04",
        indicator="I-T4-13",
        unit="share",
        step="custody",
        compute=step_share("custody", "arrest"),
    )
)
register(
    Measure(
        key="journey.charge_share",
        name="Children in custody who were charged",
        definition="Of the custody episodes of children, the share ending in a charge.",
        source=_FORCE,
        commitment="CS-05",
        indicator="I-T4-9",
        unit="share",
        step="charge",
        compute=step_share("charge", "custody"),
    )
)
register(
    Measure(
        key="journey.diversion_share",
        name="Children in custody who were diverted",
        definition=(
            "Of the custody episodes of children, the share ending in a diversionary outcome "
            "(Outcome 22, community resolution, youth caution or conditional caution) rather than "
            "a charge."
        ),
        source=_FORCE,
        commitment="CS-05",
        indicator="I-T4-10",
        unit="share",
        step="diversion",
        compute=step_share("diversion", "custody"),
    )
)
