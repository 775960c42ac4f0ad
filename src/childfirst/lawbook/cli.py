"""`childfirst lawbook ...`: the lawbook from the command line (no Django).

    catalogue [--json]                      every rule: ID, title, inputs, outputs, sources, tags
    evaluate RULE_ID --input FILE.json|-    the decision as JSON (outcome fields + reasons)
    at YYYY-MM-DD [--json]                  every parameter value in force on that date
    test [PATH]                             run scenario cases; prints "N passed, N failed"
    docs [--write|--check]                  generate docs/lawbook.md (or check it is current)

Bad input exits with code 2, a message on stderr naming the field and the problem, nothing on stdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from childfirst.lawbook import docs
from childfirst.lawbook.cases import CASES_DIR, run_all
from childfirst.lawbook.decision import to_jsonable
from childfirst.lawbook.errors import LawbookError
from childfirst.lawbook.parameters import default_parameters
from childfirst.lawbook.policies import DEFAULT_FORCE, policy_for
from childfirst.lawbook.registry import catalogue, evaluate, rule_entry

BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse prints usage to stderr and exits 2
        self.print_usage(sys.stderr)
        raise _UsageError(message)


class _UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="childfirst lawbook", description="The law as dated, cited, explainable rules.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    cat = sub.add_parser("catalogue", help="every rule with its inputs, outputs, sources and tags")
    cat.add_argument("--json", action="store_true")
    ev = sub.add_parser("evaluate", help="evaluate one rule on a JSON input")
    ev.add_argument("rule_id")
    ev.add_argument("--input", required=True, help="a JSON file, or - for stdin")
    at = sub.add_parser("at", help="every parameter value in force on a date")
    at.add_argument("date")
    at.add_argument("--json", action="store_true")
    at.add_argument(
        "--force", default=DEFAULT_FORCE, help="whose policy switches to show (default: metropolitan)"
    )
    test = sub.add_parser("test", help="run scenario cases")
    test.add_argument("path", nargs="?", default=str(CASES_DIR))
    dc = sub.add_parser("docs", help="generate docs/lawbook.md")
    group = dc.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true")
    group.add_argument("--check", action="store_true")
    dc.add_argument("--path", default=str(docs.DOCS_PATH))
    return parser


def _catalogue(as_json: bool) -> int:
    entries = [e.to_dict() for e in catalogue().values()]
    if as_json:
        print(json.dumps(entries, indent=2))
        return 0
    for e in entries:
        ins = ", ".join(f"{i['name']}:{i['type']}{'' if i['required'] else '?'}" for i in e["inputs"])
        print(f"{e['id']:8} {e['title']}")
        print(f"         tags: {', '.join(e['tags'])}; function: {e['function'] or 'reference only'}")
        if ins:
            print(f"         inputs: {ins}")
            print(f"         outputs: {', '.join(e['outputs'])}")
        for s in e["sources"]:
            print(f"         [{s['tag']}] {s['citation']} <{s['url']}>")
    return 0


def _evaluate(rule_id: str, source: str) -> int:
    rule_entry(rule_id)  # unknown rule ID fails before reading input
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        print(f"error: input: cannot read {source}: {exc.strerror}", file=sys.stderr)
        return BAD_INPUT
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        print(f"error: input: not valid JSON ({exc.msg} at line {exc.lineno})", file=sys.stderr)
        return BAD_INPUT
    decision = evaluate(rule_id, data)
    print(json.dumps(decision.to_dict(), indent=2))
    return 0


def _at(date_text: str, as_json: bool, force: str = DEFAULT_FORCE) -> int:
    try:
        on = dt.date.fromisoformat(date_text)
    except ValueError:
        print(f"error: date: not a real date as YYYY-MM-DD: {date_text!r}", file=sys.stderr)
        return BAD_INPUT
    rows = []
    for p in default_parameters().all_parameters():
        v = p.at(on)
        if v is not None:
            rows.append(
                {
                    "parameter": p.key,
                    "value": to_jsonable(v.value),
                    "unit": p.unit,
                    "effective_from": v.effective_from.isoformat(),
                    "citation": v.citation,
                    "url": v.url,
                    "tag": v.tag,
                }
            )
    policy = policy_for(force)
    if as_json:
        print(
            json.dumps(
                {
                    "date": on.isoformat(),
                    "parameters": rows,
                    "force": policy.force,
                    "policies": to_jsonable(dict(policy.values)),
                },
                indent=2,
            )
        )
        return 0
    print(f"Parameters in force on {on.isoformat()} ({len(rows)}):")
    for r in rows:
        print(
            f"  {r['parameter']} = {r['value']} {r['unit']} (from {r['effective_from']}; {r['citation']} "
            f"[{r['tag']}])"
        )
    print(f"Policy switches ({policy.force}):")
    for name, value in policy.values.items():
        print(f"  {name} = {to_jsonable(value)}")
    return 0


def _test(path: str) -> int:
    target = Path(path)
    if not target.exists():
        print(f"error: path: no such file or folder: {path}", file=sys.stderr)
        return BAD_INPUT
    passed = failed = 0
    for case, problem in run_all(target):
        if problem is None:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {case.id}\n     {problem}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def _docs(write: bool, check: bool, path: str) -> int:
    target = Path(path)
    if write:
        docs.write(target)
        print(f"wrote {target}")
        return 0
    if check:
        if docs.is_current(target):
            print(f"{target} is current")
            return 0
        print(f"error: {target} is stale: run `childfirst lawbook docs --write`", file=sys.stderr)
        return 1
    print(docs.render())
    return 0


def main(argv: list[str]) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # e.g. `childfirst lawbook catalogue | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except _UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return BAD_INPUT
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    try:
        if args.command == "catalogue":
            return _catalogue(args.json)
        if args.command == "evaluate":
            return _evaluate(args.rule_id, args.input)
        if args.command == "at":
            return _at(args.date, args.json, args.force)
        if args.command == "test":
            return _test(args.path)
        return _docs(args.write, args.check, args.path)
    except LawbookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return BAD_INPUT
