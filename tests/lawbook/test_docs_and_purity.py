"""docs/lawbook.md is generated from the YAML and must be current; the lawbook never imports Django; no
legal number is written into the Python code."""

import ast
import re
import subprocess
import sys
from pathlib import Path

from childfirst.lawbook import docs

PACKAGE = Path(docs.__file__).resolve().parent


def test_docs_lawbook_md_is_current():
    assert docs.DOCS_PATH.exists(), "run: childfirst lawbook docs --write"
    assert docs.DOCS_PATH.read_text(encoding="utf-8") == docs.render(), (
        "docs/lawbook.md is stale: run `childfirst lawbook docs --write`"
    )


def test_docs_name_every_rule_parameter_and_switch():
    text = docs.render()
    from childfirst.lawbook.parameters import default_parameters
    from childfirst.lawbook.policies import switches

    for p in default_parameters().all_parameters():
        assert f"`{p.key}`" in text
    for name in switches():
        assert f"`{name}`" in text


def test_importing_the_whole_lawbook_does_not_import_django():
    code = (
        "import sys, childfirst.lawbook, childfirst.lawbook.cli, childfirst.lawbook.cases, "
        "childfirst.lawbook.docs; childfirst.lawbook.cli.main(['catalogue', '--json']); "
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')); "
        "sys.stdout.flush(); sys.stderr.write(repr(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr == "[]"


def test_no_source_file_mentions_django():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not any(a.name.split(".")[0] == "django" for a in node.names), path
            if isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] != "django", path


# Numbers that are legal thresholds somewhere in RULES.md (hours, ages, days). Calendar facts (7 days a
# week, 12 months, 60 minutes...) are not in this list.
LEGAL_NUMBERS = {6, 9, 10, 13, 14, 15, 16, 17, 18, 24, 25, 36, 45, 72, 96}


def test_no_legal_number_in_python_code():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(n.body[0].value)
            for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef)
            and n.body
            and isinstance(n.body[0], ast.Expr)
            and isinstance(n.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and id(node) not in docstrings:
                value = node.value
                if isinstance(value, int) and not isinstance(value, bool) and value in LEGAL_NUMBERS:
                    offenders.append(f"{path.name}:{node.lineno} {value}")
                if isinstance(value, str):
                    # "under-18" counts; rule IDs such as "CUS-18" do not.
                    for match in re.finditer(r"(?<![\w.])(?<![A-Z]-)(\d+)(?![\w.])", value):
                        if int(match.group(1)) in LEGAL_NUMBERS:
                            offenders.append(f"{path.name}:{node.lineno} {value!r}")
    assert offenders == []
