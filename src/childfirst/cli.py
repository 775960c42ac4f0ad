"""The `childfirst` console script.

`childfirst lawbook ...` runs the pure-Python lawbook CLI without starting Django (fast, and usable
where no database exists). Everything else is a Django management command run with the right settings:
`childfirst migrate`, `childfirst demo-data`, `childfirst audit verify`, `childfirst opendata import ...`.
"""

from __future__ import annotations

import os
import sys

# Commands written with hyphens on the command line map to management command modules with underscores.
_ALIASES = {"demo-data": "demo_data"}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "lawbook":
        from childfirst.lawbook.cli import main as lawbook_main

        return lawbook_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childfirst.config.settings.dev")
    if args:
        args[0] = _ALIASES.get(args[0], args[0])
    from django.core.management import execute_from_command_line

    execute_from_command_line(["childfirst", *args])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
