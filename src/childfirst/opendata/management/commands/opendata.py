"""`childfirst opendata import|population|quality`: bring public data into the open-data store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from childfirst.opendata import quality, store
from childfirst.opendata.importer import ImportResult, import_path
from childfirst.opendata.shapes import ImportFailed

POPULATION_KINDS = frozenset({"population_children", "population_all_ages"})
LARGE_FILE_BYTES = 1024 * 1024  # show a progress bar from this size up

CENSUS_FILES = (
    "census2021-children-10-17-london-boroughs.csv",
    "census2021-all-ages-la-by-ethnicity-5.csv",
    "census2021-all-ages-la-by-ethnicity-20.csv",
)


class Command(BaseCommand):
    help = "Import police.uk stop-and-search files and Census 2021 tables; report data quality."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--db", help="DuckDB file (default: settings.OPENDATA_DB)")
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import stop-and-search files (CSV, JSON, .gz)")
        imp.add_argument("paths", nargs="+", metavar="PATH", help="files, or folders of files, to import")
        imp.add_argument("--source", help="name of the publisher (default: from the file shape)")
        imp.add_argument(
            "--force",
            help="force slug for records that do not name their force, e.g. metropolitan"
            " (takes precedence over the file name)",
        )
        pop = sub.add_parser("population", help="import Census 2021 population tables")
        pop.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="default: the Census tables in the shared data folder",
        )
        pop.add_argument("--source", help="name of the publisher (default: ONS Census 2021)")
        q = sub.add_parser("quality", help="data-quality report on what has been imported")
        q.add_argument("--format", choices=["table", "json"], default="table")
        q.add_argument("--force", help="only this force (slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        db = Path(options["db"] or settings.OPENDATA_DB)
        action = options["action"]
        if action == "quality":
            self._quality(db, options)
            return
        paths = expand([Path(p) for p in options["paths"]])
        if action == "population" and not paths:
            paths = [Path(settings.SHARED_DATA_DIR) / "population" / name for name in CENSUS_FILES]
        self._import(db, paths, options, population=action == "population")

    def _import(self, db: Path, paths: list[Path], options: dict[str, Any], *, population: bool) -> None:
        con = store.connect(db)
        failures: list[str] = []
        try:
            for path in paths:
                try:
                    result = self._import_one(con, path, options, population=population)
                except ImportFailed as exc:
                    failures.append(str(exc))
                    self.stderr.write(f"Import failed, nothing changed: {exc}")
                    continue
                self.stdout.write(result.summary())
        finally:
            con.close()
        if failures:
            raise CommandError(f"{len(failures)} of {len(paths)} file(s) could not be imported")

    def _import_one(self, con: Any, path: Path, options: dict[str, Any], *, population: bool) -> ImportResult:
        kwargs: dict[str, Any] = {"source": options.get("source"), "force": options.get("force")}
        if population:
            kwargs["kinds"] = POPULATION_KINDS
        size = path.stat().st_size if path.is_file() else 0
        if size < LARGE_FILE_BYTES:
            return import_path(con, path, **kwargs)
        console = Console(stderr=True)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task(f"{path.name}: hashing", total=size)

            def progress(stage: str, done: int, total: int) -> None:
                bar.update(task, description=f"{path.name}: {stage}", total=total, completed=done)

            return import_path(con, path, progress=progress, **kwargs)

    def _quality(self, db: Path, options: dict[str, Any]) -> None:
        if not db.exists():
            raise CommandError(f"{db}: no open-data store yet; run `childfirst opendata import` first")
        con = store.connect(db, read_only=True)
        try:
            rep = quality.report(con, options.get("force"))
        finally:
            con.close()
        if options["format"] == "json":
            self.stdout.write(json.dumps(rep.as_dict(), indent=2, default=str))
            return
        self.stdout.write(render_table(rep))


def expand(paths: list[Path]) -> list[Path]:
    """A folder stands for the files directly in it (sorted; hidden files left out)."""
    result: list[Path] = []
    for path in paths:
        if path.is_dir():
            result.extend(sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")))
        else:
            result.append(path)
    return result


def render_table(rep: quality.QualityReport) -> str:
    from rich.table import Table

    console = Console(record=True, width=120, force_terminal=False)
    months = Table(title="Records per force and month", caption=rep.rule)
    for col in ("Force", "Month", "Records", "Published total", "Partial?", "Why"):
        months.add_column(col)
    for m in rep.months:
        months.add_row(
            m.force,
            m.month,
            f"{m.rows:,}",
            "" if m.published_total is None else f"{m.published_total:,}",
            "PARTIAL" if m.partial else "",
            m.why,
        )
    console.print(months)
    blanks = Table(title="Blank fields (share of records with no value)")
    for col in ("Force", "Field", "Blank", "Share"):
        blanks.add_column(col)
    for b in rep.blanks:
        share = "" if b["blank_share"] is None else f"{b['blank_share']:.1%}"
        blanks.add_row(b["force"], b["label"], f"{b['blank']:,}", share)
    console.print(blanks)
    dups = Table(title="Duplicates on key fields (reported, not deleted)")
    for col in ("Force", "Groups", "Rows in groups", "Extra rows"):
        dups.add_column(col)
    for d in rep.duplicates:
        dups.add_row(d["force"], f"{d['groups']:,}", f"{d['rows_in_groups']:,}", f"{d['extra_rows']:,}")
    console.print(dups)
    quarantined = Table(title="Quarantined rows (unknown values and other problems)")
    for col in ("File", "Reason", "Rows"):
        quarantined.add_column(col)
    for q in rep.quarantine:
        quarantined.add_row(Path(q["file"]).name, q["reason"], f"{q['rows']:,}")
    console.print(quarantined)
    return console.export_text()
