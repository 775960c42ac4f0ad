"""Benchmark: the custody board with 500 children in custody across 20 suites.

A temporary SQLite database (or DATABASE_URL, if set) is migrated and filled with 20 suites and 500
detentions, each with a realistic timeline (welfare person, AA requested and arrived, rights, cell,
visits, reviews; some charged and refused bail with a transfer request). The page `GET /custody/` is
rendered through the whole Django stack (session auth, scoping, status for every child from the
lawbook, template, audit row).

Measured in the same run, same process, same user setup:
* ours: the board with 500 children (20 suites);
* baseline: the same board for an officer whose 20 suites are empty (the fixed cost of the page).

Prints p50/p95 render times for both, the ratio p95(full) / p95(empty), the per-child cost, the
queries per render (constant: no N+1), and the same figures for `GET /api/v1/custody/board`.
Target: p95 < 300 ms for the full board. Runnable as a script; exits non-zero only on error.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

TMP = tempfile.mkdtemp(prefix="cf-bench-custody-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childfirst.config.settings.test")
os.environ["CHILDFIRST_VAR_DIR"] = TMP
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

CHILDREN = 500
SUITES = 20
RUNS = int(os.environ.get("BENCH_CUSTODY_RUNS", "40"))
WARM_UP = 3
M = dt.timedelta(minutes=1)


def build() -> tuple[object, object]:
    from django.contrib.auth import get_user_model

    from childfirst.core.models import Borough, StaffProfile
    from childfirst.core.roles import Role
    from childfirst.custody.models import CustodySuite, Detention, DetentionEvent, SuiteAssignment
    from childfirst.custody.timeline import facts
    from childfirst.people.models import Child

    rng = random.Random(1)
    User = get_user_model()  # noqa: N806
    boroughs = list(Borough.objects.order_by("code"))
    busy = User.objects.create_user("bench-busy", password="x")  # noqa: S106
    idle = User.objects.create_user("bench-idle", password="x")  # noqa: S106
    for user in (busy, idle):
        StaffProfile.objects.create(user=user, role=Role.CUSTODY_OFFICER)
    full = [
        CustodySuite.objects.create(
            code=f"busy-{i}", name=f"Busy suite {i:02d}", borough=boroughs[i % len(boroughs)]
        )
        for i in range(SUITES)
    ]
    empty = [
        CustodySuite.objects.create(code=f"idle-{i}", name=f"Empty suite {i:02d}") for i in range(SUITES)
    ]
    SuiteAssignment.objects.bulk_create([SuiteAssignment(user=busy, suite=s) for s in full])
    SuiteAssignment.objects.bulk_create([SuiteAssignment(user=idle, suite=s) for s in empty])
    now = timezone.now()
    today = now.date()
    children = Child.objects.bulk_create(
        [
            Child(
                given_name=f"Child{i}",
                family_name="Bench",
                date_of_birth=today - dt.timedelta(days=rng.randint(12, 17) * 365),
                gender=rng.choice(["female", "male"]),
                is_synthetic=True,
            )
            for i in range(CHILDREN)
        ]
    )
    detentions = []
    for i, child in enumerate(children):
        arrived = now - rng.randint(30, 20 * 60) * M
        detentions.append(
            Detention(
                child=child,
                suite=full[i % SUITES],
                custody_number=f"BENCH-{i:04d}",
                date_of_birth=child.date_of_birth,
                sex=child.gender,
                arrested_at=arrived - 30 * M,
                arrest_place="Bench Street",
                arrived_at=arrived,
                detention_authorised_at=arrived + 10 * M,
                offences=[
                    {
                        "description": "Theft",
                        "offence_type": "either_way",
                        "indictable": True,
                        "category": "other",
                    }
                ],
                created_by=busy,
                synthetic=True,
            )
        )
    detentions = Detention.objects.bulk_create(detentions)
    events = []
    for d in detentions:
        t = d.detention_authorised_at
        plan = [
            (t + 5 * M, "welfare_informed", {"person": "Parent", "relationship": "parent_or_guardian"}),
            (t + 6 * M, "aa_requested", {}),
            (t + 7 * M, "cell_allocated", {"cell": "J1", "justification": "cell_more_comfortable"}),
            (t + 40 * M, "aa_arrived", {"name": "Parent", "aa_type": "parent_or_guardian"}),
            (t + 45 * M, "rights_given", {}),
        ]
        visit = t + 25 * M
        while visit < now:
            plan.append((visit, "visit", {"by": "DDO"}))
            visit += 25 * M
        review = t + 5 * 60 * M
        while review < now:
            plan.append((review, "review_held", {"reviewer": "Insp", "rank": "inspector"}))
            review += 8 * 60 * M
        if rng.random() < 0.15 and t + 4 * 60 * M < now:
            plan += [
                (t + 4 * 60 * M, "charged", {}),
                (t + 4 * 60 * M + M, "bail_decision", {"outcome": "refused", "ground": "own_interests"}),
                (
                    t + 4 * 60 * M + 2 * M,
                    "transfer_requested",
                    {"local_authority": "LA", "accommodation": "non_secure"},
                ),
            ]
        plan = [p for p in plan if p[0] < now]
        plan.sort(key=lambda p: p[0])
        mine = [
            DetentionEvent(detention=d, sequence=seq, kind=kind, occurred_at=when, actor=busy, data=data)
            for seq, (when, kind, data) in enumerate(plan, start=1)
        ]
        events += mine
        # The services keep this snapshot in step with the timeline; bulk loading must do the same.
        d.summary = facts(mine).to_json()
    DetentionEvent.objects.bulk_create(events, batch_size=2000)
    Detention.objects.bulk_update(detentions, ["summary"], batch_size=500)
    print(
        f"built {len(detentions)} detentions, {len(events)} timeline events, "
        f"{SUITES} suites (+{SUITES} empty)"
    )
    return busy, idle


def measure(client: Client, path: str) -> tuple[list[float], int]:
    for _ in range(WARM_UP):
        assert client.get(path).status_code == 200  # noqa: S101
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200  # noqa: S101
    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    return times, len(ctx.captured_queries)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def main() -> int:
    call_command("migrate", verbosity=0)
    busy, idle = build()
    results = {}
    for label, user in (("full", busy), ("empty", idle)):
        client = Client()
        client.force_login(user)
        for path in ("/custody/", "/api/v1/custody/board"):
            results[(label, path)] = measure(client, path)
    for path in ("/custody/", "/api/v1/custody/board"):
        full, fq = results[("full", path)]
        empty, eq = results[("empty", path)]
        print(f"\n{path}  ({RUNS} renders each)")
        print(
            f"  500 children : p50 {statistics.median(full):7.1f} ms  p95 {p95(full):7.1f} ms  queries {fq}"
        )
        print(
            f"  empty board  : p50 {statistics.median(empty):7.1f} ms  p95 {p95(empty):7.1f} ms  queries {eq}"
        )
        per_child = (statistics.median(full) - statistics.median(empty)) / CHILDREN
        print(
            f"  ratio p95 full/empty: {p95(full) / p95(empty):.1f}x; "
            f"marginal cost {per_child:.2f} ms per child"
        )
        if path == "/custody/":
            verdict = "meets" if p95(full) < 300 else "MISSES"
            print(f"  target p95 < 300 ms: {verdict}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"\n(load average during the run: {load:.1f} on {os.cpu_count()} CPUs; "
        "the ratio to the empty board is the figure that travels)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
