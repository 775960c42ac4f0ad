"""`childfirst disproportionality`: search rates per 1,000 children and relative rate indices.

Stable contract. JSON output (``--format json``) is one object::

    {"meta": {...filters, ethnicity used, method, reference, attribution...},
     "warnings": ["2022-06 (metropolitan) looks partial: ...", ...],
     "rows": [{"group", "events", "events_shown", "population", "rate_per_1000", "rri",
               "ci_low", "ci_high", "suppressed", "is_reference", "note"}, ...]}

``rows`` is always a list; with ``--by borough`` each row also has ``borough_code`` and
``borough_name``, with ``--by month`` a ``month``. A suppressed count has ``events: null`` and
``events_shown: "<10"``; withheld or undefined figures are ``null`` with the reason in ``note``.
With ``--outcomes`` the rows are the outcome test per group (find and arrest shares and ratios).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from childfirst.analytics import queries, render
from childfirst.analytics.counts import counts_report
from childfirst.stats import OUTCOME_TEST_EXPLAINED, Suppression


class Command(BaseCommand):
    help = "Search rates per 1,000 children by ethnic group, with relative rate index and 95% interval."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", help="force slug, e.g. metropolitan, city-of-london")
        parser.add_argument("--from", dest="month_from", metavar="YYYY-MM", help="first month (inclusive)")
        parser.add_argument("--to", dest="month_to", metavar="YYYY-MM", help="last month (inclusive)")
        parser.add_argument("--borough", help="London borough name or ONS code")
        parser.add_argument("--age", default="10-17", help=f"age band: {', '.join(queries.AGE_CHOICES)}")
        parser.add_argument(
            "--ethnicity", default="self", help="self (self-defined) or officer (officer-defined)"
        )
        parser.add_argument("--reference", default="White", help="reference group for the RRI")
        parser.add_argument("--population", type=Path, help="Census 2021 children 10-17 CSV (else the store)")
        parser.add_argument("--method", default="katz", help="interval method: katz (default) or exact")
        parser.add_argument("--format", dest="fmt", default="table", help="table, csv or json")
        parser.add_argument("--by", default=None, help="split by borough, month or borough-month")
        parser.add_argument("--db", type=Path, help="DuckDB store (default settings.OPENDATA_DB)")
        parser.add_argument("--counts", type=Path, help="CSV with columns group,events,population")
        parser.add_argument("--outcomes", action="store_true", help="the outcome (find rate) test instead")
        parser.add_argument(
            "--suppress-under", type=int, default=10, help="show counts under this as <N (0 turns it off)"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            self.stdout.write(self._run(opts), ending="")
        except queries.FilterError as exc:
            raise CommandError(str(exc)) from None

    def _run(self, opts: dict[str, Any]) -> str:
        fmt = opts["fmt"]
        if fmt not in ("table", "csv", "json"):
            raise queries.FilterError(f"format: {fmt!r} must be table, csv or json")
        if opts["method"] not in ("katz", "exact"):
            raise queries.FilterError(f"method: {opts['method']!r} must be 'katz' or 'exact'")
        if opts["suppress_under"] < 0:
            raise queries.FilterError("suppress-under: cannot be negative")
        suppression = Suppression(opts["suppress_under"])
        if opts["counts"]:
            report = counts_report(
                opts["counts"], reference=opts["reference"], method=opts["method"], suppression=suppression
            )
            return self._render(report, fmt, render.RATE_COLUMNS, "Relative rate index from a counts table")
        db = Path(opts["db"] or settings.OPENDATA_DB)
        if not db.is_file():
            raise queries.FilterError(
                f"db: no open-data store at {db}; run `childfirst opendata import` first"
            )
        filters = queries.Filters(
            force=opts["force"],
            month_from=opts["month_from"],
            month_to=opts["month_to"],
            borough=opts["borough"],
            age=opts["age"],
            ethnicity=opts["ethnicity"],
        )
        import duckdb

        try:
            con = duckdb.connect(str(db), read_only=True)
        except duckdb.Error as exc:
            raise queries.FilterError(f"db: cannot open {db}: {exc}") from None
        try:
            if opts["outcomes"]:
                report = queries.outcome_report(
                    con, filters, reference=opts["reference"], suppression=suppression
                )
                if fmt == "json":
                    report.meta["explanation"] = OUTCOME_TEST_EXPLAINED
                text = self._render(
                    report, fmt, render.OUTCOME_COLUMNS, "Outcome test: find and arrest shares"
                )
                return text + ("\n" + OUTCOME_TEST_EXPLAINED + "\n" if fmt == "table" else "")
            population = None
            source = "store (population_children)"
            if opts["population"]:
                population = queries.population_from_census_csv(opts["population"])
                source = str(opts["population"])
            report = queries.disproportionality(
                con,
                filters,
                reference=opts["reference"],
                method=opts["method"],
                by=opts["by"],
                population=population,
                population_source=source,
                suppression=suppression,
            )
        finally:
            con.close()
        return self._render(report, fmt, render.RATE_COLUMNS, "Searches of children per 1,000 and RRI")

    def _render(self, report: queries.Report, fmt: str, columns: Any, title: str) -> str:
        if fmt == "json":
            return render.to_json(report) + "\n"
        if fmt == "csv":
            return render.to_csv(report.rows)
        return render.to_table(report, columns, title=title)
