"""Run every benchmark in this folder (`make bench`).

Each `bench_*.py` module is run in its own process (so peak-memory figures are its own) and prints
its figures with the ratio to a baseline measured in the same run. A failing benchmark is reported
and makes the run exit non-zero, but does not stop the others.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    only = set(argv)
    failed = []
    for path in sorted(HERE.glob("bench_*.py")):
        if only and path.stem not in only and path.stem.removeprefix("bench_") not in only:
            continue
        print(f"\n=== {path.stem}", flush=True)
        result = subprocess.run([sys.executable, str(path)], check=False)
        if result.returncode != 0:
            failed.append(path.stem)
    if failed:
        print(f"\nbenchmarks failed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
