"""Benchmark: recording encounters through the REST API on PostgreSQL, against a bare insert view.

The app runs under gunicorn (from the venv) on a free localhost port with production settings (DEBUG
off, PostgreSQL, persistent connections); 16 concurrent clients each POST a fixed number of encounters.

Measured in the same run, with the same server, clients and payload:
* ours: ``POST /api/v1/encounters`` with token auth: role and scope checks, the Child First checklist
  validation, the CUS-01 decision, assessments, and the hash-chained audit row, in one transaction;
* baseline: a bare Django view (registered only in this benchmark's URLconf) that parses the same
  JSON and inserts an equivalent encounter row, without authentication, validation or audit.

Prints encounters/s, p50 and p95 for both and the ratio ours/baseline (target: ratio >= 0.5 and
p95 < 150 ms on a 2-core machine). DATABASE_URL (default postgres://postgres@127.0.0.1:5432/cf_bench)
names the database, created if missing. Runnable as a script; exits non-zero only on error.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
VENV_BIN = Path(sys.executable).parent
DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cf_bench")
CLIENTS = 16
PER_CLIENT = int(os.environ.get("BENCH_API_PER_CLIENT", "60"))
WARM_UP = 3
WORKERS = int(os.environ.get("BENCH_API_WORKERS", "8"))  # sync workers; DB waits overlap

SETTINGS = """
from childfirst.config.settings.production import *  # noqa: F403
ROOT_URLCONF = "cf_bench_urls"
LOGGING = {"version": 1, "disable_existing_loggers": False}
"""
URLS = '''
import json

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from childfirst.config.urls import urlpatterns as app_urlpatterns
from childfirst.core.models import Borough
from childfirst.encounters.models import Encounter

_BOROUGHS = {}


@csrf_exempt
def bare_encounter(request):
    """Baseline: parse the JSON and insert an equivalent row. No auth, validation or audit."""
    data = json.loads(request.body)
    code = data["borough"]
    if code not in _BOROUGHS:
        _BOROUGHS[code] = Borough.objects.get(code=code).pk
    encounter = Encounter.objects.create(
        child_id=data["child"], encounter_type=data["encounter_type"], aware_at=data["aware_at"],
        borough_id=_BOROUGHS[code], recording_officer_id=int(request.headers["X-Officer"]),
        child_role=data["child_role"], outcome=data.get("outcome", ""),
        rights_explained=data.get("rights_explained", False),
        rights_explained_how=data.get("rights_explained_how", ""),
        childs_account=data.get("childs_account", ""),
        vulnerability_considered=data.get("vulnerability_considered", False),
        adultification_prompt_answered=data.get("adultification_prompt_answered", False),
        is_synthetic=True,
    )
    return JsonResponse({"id": encounter.pk}, status=201)


urlpatterns = [path("bench/bare-encounter", bare_encounter), *app_urlpatterns]
'''


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_database() -> None:
    import psycopg

    url = urlparse(DATABASE_URL)
    name = url.path.lstrip("/")
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def run_django(env: dict[str, str], code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True, cwd=ROOT
    )
    return result.stdout


SETUP = textwrap.dedent(
    """
    import django
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token
    from childfirst.core.models import Borough, StaffProfile, Team
    from childfirst.core.roles import Role
    from childfirst.people.models import Child
    hackney = Borough.objects.get(code="E09000012")
    team, _ = Team.objects.get_or_create(name="Bench response team", borough=hackney)
    user, _ = get_user_model().objects.get_or_create(username="bench-officer")
    StaffProfile.objects.update_or_create(user=user, defaults={"role": Role.FRONTLINE_OFFICER, "team": team,
                                                               "borough": team.borough})
    child = Child.objects.filter(created_by=user).first() or Child.objects.create(
        given_name="Bench", family_name="Child", estimated_age=15, created_by=user, created_by_team=team,
        is_synthetic=True)
    token, _ = Token.objects.get_or_create(user=user)
    print(token.key, user.pk, child.pk)
    """
)


COUNT_STATEMENTS = textwrap.dedent(
    """
    import sys
    import django
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    token, officer, body = sys.argv[1], sys.argv[2], sys.stdin.read()
    client = Client(HTTP_HOST="127.0.0.1")
    counts = []
    for path, headers in (("/api/v1/encounters", {"HTTP_AUTHORIZATION": "Token " + token}),
                          ("/bench/bare-encounter", {"HTTP_X_OFFICER": officer})):
        with CaptureQueriesContext(connection) as ctx:
            assert client.post(path, body, content_type="application/json", **headers).status_code == 201
        counts.append(len(ctx.captured_queries))
    print(*counts)
    """
)


def payload(child_id: int) -> bytes:
    from datetime import UTC, datetime, timedelta

    return json.dumps(
        {
            "child": child_id,
            "encounter_type": "welfare_concern",
            "aware_at": (datetime.now(UTC) - timedelta(hours=1)).isoformat(),
            "borough": "E09000012",
            "child_role": "victim",
            "outcome": "Taken home",
            "rights_explained": True,
            "rights_explained_how": "Plain words; understanding checked",
            "communication_adjusted": "not_needed",
            "childs_account": "I was waiting for my cousin.",
            "vulnerability_considered": True,
            "adultification_prompt_answered": True,
            "appears_under_18": True,
            "is_synthetic": True,
        }
    ).encode()


def load(
    port: int, path: str, headers: dict[str, str], body: bytes, per_client: int
) -> tuple[float, list[float]]:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start_gate = threading.Barrier(CLIENTS + 1)

    def client() -> None:
        mine = []
        start_gate.wait()
        for _ in range(per_client):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            began = time.perf_counter()
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            mine.append(time.perf_counter() - began)
            conn.close()
            if response.status != 201:
                with lock:
                    errors.append(f"{response.status}: {content[:300]!r}")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    start_gate.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests to {path}; first: {errors[0]}")
    return elapsed, latencies


def summary(label: str, elapsed: float, latencies: list[float]) -> tuple[float, float]:
    rate = len(latencies) / elapsed
    quantiles = statistics.quantiles(latencies, n=100)
    p50, p95 = quantiles[49] * 1000, quantiles[94] * 1000
    print(f"{label:<44} {rate:8.1f} encounters/s   p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")
    return rate, quantiles[94]


def main() -> int:
    ensure_database()
    workdir = Path(tempfile.mkdtemp(prefix="cf-bench-api-"))
    (workdir / "cf_bench_settings.py").write_text(SETTINGS)
    (workdir / "cf_bench_urls.py").write_text(URLS)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(workdir), str(SRC)]),
        "DJANGO_SETTINGS_MODULE": "cf_bench_settings",
        "DATABASE_URL": DATABASE_URL,
        "DATABASE_CONN_MAX_AGE": "600",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "CHILDFIRST_VAR_DIR": str(workdir),
    }
    token, officer_id, child_id = run_django(env, SETUP).split()
    port = free_port()
    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "childfirst.config.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--log-level", "warning"],
        env=env, cwd=workdir, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/api/v1/health")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.3)
        body = payload(int(child_id))
        api = ("/api/v1/encounters", {"Authorization": f"Token {token}", "Content-Type": "application/json"})
        bare = ("/bench/bare-encounter", {"X-Officer": officer_id, "Content-Type": "application/json"})
        for path, headers in (api, bare):
            load(port, path, headers, body, WARM_UP)
        print(f"{CLIENTS} clients x {PER_CLIENT} POSTs each, gunicorn {WORKERS} sync workers, PostgreSQL")
        print("machine load (1/5/15 min) before: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
        base_elapsed, base_lat = load(port, bare[0], bare[1], body, PER_CLIENT)
        ours_elapsed, ours_lat = load(port, api[0], api[1], body, PER_CLIENT)
        base_rate, _ = summary("baseline: bare insert view", base_elapsed, base_lat)
        ours_rate, ours_p95 = summary("ours: POST /api/v1/encounters (audited)", ours_elapsed, ours_lat)
        ratio = ours_rate / base_rate
        counted = subprocess.run(
            [sys.executable, "-c", COUNT_STATEMENTS, token, officer_id], input=body.decode(), env=env,
            check=True, capture_output=True, text=True, cwd=workdir,
        ).stdout.split()  # fmt: skip
        print(f"SQL statements per request (incl. BEGIN/COMMIT): ours {counted[0]}, baseline {counted[1]}")
        print(
            f"ratio ours/baseline: {ratio:.2f} (target >= 0.5); p95 {ours_p95 * 1000:.0f} ms (target < 150)"
        )
        print("machine load (1/5/15 min) after: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
