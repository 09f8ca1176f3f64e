"""The server under load, on loopback: requests/s and p50/p99 latency of what clubs do most.

Starts `legday serve` on a fresh database (SQLite, and PostgreSQL with --pg URL or
LEGDAY_TEST_PG_URL), makes an athlete with a coach of 50 athletes, then drives:

- framework floor: GET /api/v1/health (routing, middleware, JSON; no query) — the same run's
  lower bound for any route;
- log a set: POST /api/v1/sessions/{id}/sets at a fixed rate (open loop: latency counts from the
  moment the request was due, so a server that falls behind shows it);
- sync of 20: POST /api/v1/sync with 20 new sets (the offline outbox after a session);
- dashboard data: GET /api/v1/athletes/{id}/sessions (the athlete's recent sessions);
- roster of 50: GET /api/v1/roster as the coach of 50 athletes (GET /api/v1/athletes while the
  roster route is absent).

Afterwards it checks stored sets = acknowledged requests. Bounded: a fixed count and a time cap
per scenario. Accounts for the setup are made in-process with a cheap password hash (sign-in
speed is not measured here).

Each is run with one server process and with two (``--workers 1 2``: one per core of these
2-core machines); the server's CPU per request (from /proc) is printed for the floor and for
logging a set, and PostgreSQL's processes' CPU per set when the server is scripts/pg-start's
(LEGDAY_PG_DIR), since wall times on a shared machine swing with its load.
``--sqlite-synchronous NORMAL`` runs the SQLite server without waiting for the disk at each
commit (legday's default is FULL); ``--pg-durable`` runs PostgreSQL with fsync and
synchronous_commit on (scripts/pg-start turns them off for tests), so both wait for the disk.

The client shares the two cores with the server and PostgreSQL, so it is one asyncio process
(aiohttp, keep-alive connections, uvloop when installed) and prints its own CPU per request
("client CPU", ms) beside the server's. The previous client, 16 httpx threads, cost 1.35 ms of
CPU per logged set, a quarter of a core at 200/s, and its threads queued for the interpreter
lock, which the latencies counted against the server. Open loop: each set is sent when it is
due, whatever is still in flight.

Run: ``.venv/bin/python bench/bench_server.py [--rate 200] [--count 1000] [--workers 1 2]
[--pg URL] [--pg-durable] [--pg-cold] [--no-sqlite]``. The new PostgreSQL database is analysed
after the setup unless ``--pg-cold``.
Goal (issue 15): log a set p99 <= 50 ms at 200 requests/s with 0 errors; roster p99 <= 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

PASSWORD = "bench passphrase"
TIME_CAP_S = 60.0
SLOW_S = 0.050  # the goal's p99: when the requests slower than it were due is printed
T = TypeVar("T")


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    wall: float = 0.0
    client_cpu: float = 0.0  # the bench process's CPU seconds over the scenario
    slow: list[float] = field(default_factory=list)  # when (s into the run) slow ones were due

    def row(self) -> str:
        n = len(self.latencies)
        if not n:
            return f"{self.name:<18} no requests"
        ms = sorted(x * 1000 for x in self.latencies)
        p50 = statistics.median(ms)
        p99 = ms[min(n - 1, round(0.99 * (n - 1)))]
        return (
            f"{self.name:<18} {n:>6} {self.errors:>6} {n / self.wall:>9.0f} {p50:>8.1f} {p99:>8.1f}"
            f" {self.client_cpu * 1000 / n:>10.2f}"
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(
    db_url: str, workers: int, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "legday", "--db", db_url, "serve", "--port", str(port),
         "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, **(env or {})},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("legday serve did not start")


def _setup(db_url: str, athletes: int) -> dict[str, Any]:
    from argon2 import PasswordHasher

    from legday.app import accounts, api_tokens, care_links, logbook, registration, set_fields
    from legday.app.db import open_database

    accounts.hasher = lambda: PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    db = open_database(db_url)
    coach = registration.register(db, "coach@bench.org", PASSWORD, "Coach")
    from legday.domain.access import Actor

    coach_actor = Actor(coach.id)
    first: dict[str, Any] = {}
    targets: list[tuple[str, int]] = []  # (token, session id) of every athlete
    for i in range(athletes):
        u = registration.register(db, f"a{i}@bench.org", PASSWORD, f"Athlete {i:02d}")
        assert u.athlete_id is not None
        link = care_links.invite(
            db, coach_actor, role="coach", scopes=None, athlete_email=f"a{i}@bench.org"
        )
        care_links.accept(db, Actor(u.id), link.id)
        session = logbook.create_session(
            db, Actor(u.id), u.athlete_id, set_fields.SessionFields(name="bench"), []
        )
        secret = api_tokens.create_token(db, f"a{i}@bench.org", PASSWORD, "127.0.0.1").token
        targets.append((secret, int(session.body["id"])))
        if i == 0:
            first = {"athlete_id": u.athlete_id, "session_id": session.body["id"]}
    token = targets[0][0]
    coach_token = api_tokens.create_token(db, "coach@bench.org", PASSWORD, "127.0.0.1").token
    db.dispose()
    return first | {"token": token, "coach_token": coach_token, "targets": targets}


# The client: one asyncio process with aiohttp and keep-alive connections. The session-6 client
# (16 httpx threads) cost 1.35 ms of CPU per logged set on the same two cores as the server and
# PostgreSQL (at 200/s, a quarter of a core taken from them), and its threads queued on the GIL
# behind each other, which the latencies then counted against the server. The client's own CPU
# per request is printed beside the server's.
# Latencies are read from time.perf_counter(): uvloop's loop.time() counts whole milliseconds.
CONNECTIONS = 64  # open-loop requests in flight at once before the client itself queues them

Call = Callable[[aiohttp.ClientSession, int], Awaitable[bool]]


def _session(base: str, token: str, limit: int) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        base_url=base,
        headers={"Authorization": f"Bearer {token}"},
        connector=aiohttp.TCPConnector(limit=limit),
    )


async def _warm(http: aiohttp.ClientSession, n: int) -> None:
    """Open ``n`` keep-alive connections before the clock starts (a connection's set-up is the
    client's cost, not a request's)."""

    async def one() -> None:
        async with http.get("/api/v1/health") as r:
            await r.read()

    await asyncio.gather(*(one() for _ in range(n)))


async def _closed_loop(
    name: str, base: str, token: str, count: int, tasks: int, call: Call
) -> Result:
    """``tasks`` requests in flight at a time, each sent when the previous one is answered."""
    res = Result(name)
    async with _session(base, token, tasks) as http:
        await _warm(http, tasks)
        left = iter(range(count))
        cpu, start = time.process_time(), time.perf_counter()

        async def worker() -> None:
            for i in left:
                if time.perf_counter() - start >= TIME_CAP_S:
                    return
                t = time.perf_counter()
                ok = await call(http, i)
                res.latencies.append(time.perf_counter() - t)
                res.errors += 0 if ok else 1

        await asyncio.gather(*(worker() for _ in range(tasks)))
        res.wall = time.perf_counter() - start
        res.client_cpu = time.process_time() - cpu
    return res


async def _fixed_rate(
    name: str, base: str, token: str, count: int, rate: float, call: Call
) -> Result:
    """Request i is due at start + i / rate and is sent then, whatever is still in flight (open
    loop); its latency counts from when it was due, so a server (or client) that falls behind
    shows it."""
    res = Result(name)
    async with _session(base, token, CONNECTIONS) as http:
        await _warm(http, 16)

        async def one(i: int, due: float) -> None:
            ok = await call(http, i)
            res.latencies.append(time.perf_counter() - due)
            res.slow += [round(due - start, 2)] if res.latencies[-1] > SLOW_S else []
            res.errors += 0 if ok else 1

        cpu, start = time.process_time(), time.perf_counter() + 0.05
        flying = []
        for i in range(count):
            due = start + i / rate
            if due - start > TIME_CAP_S:
                break
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            flying.append(asyncio.create_task(one(i, due)))
        await asyncio.gather(*flying)
        res.wall = time.perf_counter() - start
        res.client_cpu = time.process_time() - cpu
    return res


def _run_async(job: Coroutine[Any, Any, T]) -> T:
    """The client's event loop: uvloop when installed (the server's own), else asyncio's.

    The client's own garbage collector stays off while a scenario runs: the in-process setup
    leaves a large heap, and a full collection of it paused the client for 65-230 ms (seen with
    gc.callbacks), during which due requests waited and the open-loop latencies counted the
    client's pause against the server. A scenario is short; the collector runs between them."""
    import gc

    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        try:
            import uvloop
        except ImportError:
            return asyncio.run(job)
        return uvloop.run(job)
    finally:
        gc.enable()


def _analyze(db_url: str) -> None:
    """Table statistics for the new database, as autovacuum keeps them on a club's running
    server. Without them the first logged sets were planned for empty tables and autovacuum's
    first ANALYZE came in the middle of the measurement: p99 120-210 ms, every slow request in
    the first half second of the run (2026-12-06)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as c:
        c.execute(text("ANALYZE"))
    engine.dispose()


def _stored_sets(db_url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    with engine.connect() as c:
        n = c.scalar(text("SELECT count(*) FROM set_entry"))
    engine.dispose()
    return int(n or 0)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of the server: the process and its workers (Linux /proc; 0 elsewhere)."""
    total = 0.0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        for p in (pid, *map(int, children)):
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0
    return total


def _postgres_pid() -> int | None:
    """The local PostgreSQL server's postmaster (scripts/pg-start's LEGDAY_PG_DIR), whose
    children are the backends serving the bench: their CPU per set is printed too."""
    folder = os.environ.get("LEGDAY_PG_DIR")
    try:
        return (
            int(Path(folder, "data", "postmaster.pid").read_text().split()[0]) if folder else None
        )
    except (OSError, ValueError, IndexError):
        return None


def run(
    db_url: str, label: str, args: argparse.Namespace, workers: int, env: dict[str, str]
) -> None:
    ctx = _setup(db_url, args.athletes)
    if db_url.startswith("postgresql") and not args.pg_cold:
        _analyze(db_url)
    proc, base = _serve(db_url, workers, env)
    try:
        aid, tok = ctx["athlete_id"], ctx["token"]
        roster = "/api/v1/roster"
        probe = httpx.get(base + roster, headers={"Authorization": f"Bearer {ctx['coach_token']}"})
        if probe.status_code == 404:
            roster = "/api/v1/athletes"
        set_body = {"exercise_id": "back-squat", "load_kg": 100, "reps": 5, "rpe": 8}
        acked, day = [0], [0]
        notes: list[str] = []
        targets = ctx["targets"]

        async def log_set(http: aiohttp.ClientSession, i: int) -> bool:
            # Each request logs for the next athlete in turn (a club's evening: many athletes,
            # a few dozen sets each), with that athlete's own token.
            secret, session = targets[i % len(targets)]
            async with http.post(
                f"/api/v1/sessions/{session}/sets",
                json=set_body,
                headers={"Authorization": f"Bearer {secret}"},
            ) as r:
                await r.read()
                ok = r.status == 201
            acked[0] += ok
            return ok

        async def sync20(http: aiohttp.ClientSession, _i: int) -> bool:
            session = str(uuid.uuid4())
            day[0] += 1  # one outbox batch per training day
            logged = f"{date(2026, 1, 1) + timedelta(days=day[0]):%Y-%m-%d}T18:00:00"
            ops = [
                {"op": "create", "client_id": str(uuid.uuid4()), "client_session_id": session,
                 "athlete_id": aid, "exercise_id": "back-squat", "load_kg": 80, "reps": 8,
                 "logged_at": logged}
                for _ in range(20)
            ]  # fmt: skip
            async with http.post("/api/v1/sync", json={"ops": ops}) as r:
                body = await r.json() if r.status < 300 else {"results": []}
            made = sum(x["status"] == "created" for x in body["results"])
            acked[0] += made
            return made == 20

        def getter(path: str) -> Call:
            async def get(http: aiohttp.ClientSession, _i: int) -> bool:
                async with http.get(path) as r:
                    await r.read()
                    return r.status == 200

            return get

        async def scenarios() -> tuple[list[Result], dict[str, float]]:
            async with _session(base, tok, 1) as warm:
                for i in range(20):  # first requests load the catalog and fill the caches
                    await log_set(warm, i)
                    await getter("/api/v1/health")(warm, i)
            floor_cpu = _cpu_seconds(proc.pid)
            floor = await _closed_loop(
                "framework floor", base, tok, args.count, 4, getter("/api/v1/health")
            )
            floor_done = _cpu_seconds(proc.pid)
            # The first seconds of a server: its pool grows from the one connection the
            # warm-up used (a new PostgreSQL process each) and each statement runs unprepared
            # five times per connection. Shown on its own row; the measured run comes after.
            cold = await _fixed_rate(
                "log a set, cold", base, tok, max(args.count // 4, 1), args.rate, log_set
            )
            set_cpu = _cpu_seconds(proc.pid)
            pg = _postgres_pid() if db_url.startswith("postgresql") else None
            pg_cpu = _cpu_seconds(pg) if pg else 0.0
            logged = await _fixed_rate("log a set", base, tok, args.count, args.rate, log_set)
            done_cpu = _cpu_seconds(proc.pid)
            if pg:
                per = (_cpu_seconds(pg) - pg_cpu) * 1000 / max(len(logged.latencies), 1)
                notes.append(f"PostgreSQL's processes: {per:.2f} ms CPU per logged set")
            cpu_ms = {
                "framework floor": (floor_done - floor_cpu) * 1000 / max(len(floor.latencies), 1),
                "log a set": (done_cpu - set_cpu) * 1000 / max(len(logged.latencies), 1),
            }
            rest = [
                await _closed_loop("sync of 20", base, tok, max(args.count // 10, 20), 4, sync20),
                await _closed_loop("dashboard data", base, tok, args.count // 2, 4,
                                   getter(f"/api/v1/athletes/{aid}/sessions")),
                await _closed_loop(f"roster of {args.athletes}", base, ctx["coach_token"],
                                   args.count // 2, 4, getter(roster)),
            ]  # fmt: skip
            return [floor, cold, logged, *rest], cpu_ms

        results, cpu_ms = _run_async(scenarios())
        stored = _stored_sets(db_url)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    how = ", ".join(f"{k}={v}" for k, v in env.items())
    print(
        f"\n{label} ({workers} worker(s){'; ' + how if how else ''}; log a set at {args.rate:g}/s; "
        f"roster: {roster}; load average {os.getloadavg()[0]:.1f})"
    )
    print(
        f"{'scenario':<18} {'reqs':>6} {'errors':>6} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}"
        f" {'client CPU':>10} {'server CPU ms/req':>18}"
    )
    for r in results:
        cpu = f" {cpu_ms[r.name]:18.2f}" if r.name in cpu_ms else ""
        print(r.row() + cpu)
    print(
        f"stored sets {stored} = acknowledged {acked[0]}: {'yes' if stored == acked[0] else 'NO'}"
    )
    for line in notes:
        print(line)
    for r in results:
        if r.slow:
            per = Counter(int(t) for t in r.slow)
            when = ", ".join(f"{k} s: {n}" for k, n in sorted(per.items()))
            print(f"{r.name}, slower than {SLOW_S * 1000:.0f} ms by second of the run: {when}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rate", type=float, default=200.0)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--athletes", type=int, default=50)
    ap.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[1, 2],
        help="server processes, one run each (2 on these 2-core machines: one per core)",
    )
    ap.add_argument(
        "--sqlite-synchronous",
        choices=["FULL", "NORMAL"],
        default="FULL",
        help="SQLite's synchronous for the server (LEGDAY_SQLITE_SYNCHRONOUS; FULL is legday's "
        "default: every commit waits for the disk)",
    )
    ap.add_argument("--pg", default=os.environ.get("LEGDAY_TEST_PG_URL"))
    ap.add_argument(
        "--pg-durable",
        action="store_true",
        help="PostgreSQL runs on a throwaway server of their own with fsync and "
        "synchronous_commit on (LEGDAY_PG_DURABLE=1 scripts/pg-start): every commit waits for "
        "the disk, like SQLite's FULL; scripts/pg-start's test server turns them off",
    )
    ap.add_argument("--no-sqlite", action="store_true", help="PostgreSQL runs only")
    ap.add_argument(
        "--pg-cold",
        action="store_true",
        help="no ANALYZE of the new PostgreSQL database before the runs (a fresh database)",
    )
    args = ap.parse_args()
    sqlite_env = (
        {"LEGDAY_SQLITE_SYNCHRONOUS": args.sqlite_synchronous}
        if args.sqlite_synchronous != "FULL"
        else {}
    )
    for workers in args.workers:
        if not args.no_sqlite:
            with tempfile.TemporaryDirectory() as tmp:
                os.environ["LEGDAY_HOME"] = tmp
                run(f"sqlite:///{tmp}/bench.db", "SQLite", args, workers, sqlite_env)
        if args.pg or args.pg_durable:
            _run_pg(args, workers)


DURABLE = ("fsync", "synchronous_commit")


def _run_pg(args: argparse.Namespace, workers: int) -> None:
    if args.pg_durable:  # a throwaway server of its own, with PostgreSQL's durable defaults
        _run_durable(args, workers)
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"legday_bench_{os.getpid()}_{workers}"
    admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
        how = ", ".join(f"{x}={c.execute(text(f'SHOW {x}')).scalar()}" for x in DURABLE)
    url = make_url(args.pg).set(database=name).render_as_string(hide_password=False)
    try:
        run(url, f"PostgreSQL ({how})", args, workers, {})
    finally:
        from legday.app.db import forget_open_databases

        forget_open_databases()
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _run_durable(args: argparse.Namespace, workers: int) -> None:
    """The PostgreSQL runs on a server started by ``LEGDAY_PG_DURABLE=1 scripts/pg-start``
    (fsync and synchronous_commit on), stopped after."""
    scripts = Path(__file__).resolve().parents[1] / "scripts"
    env = {**os.environ, "LEGDAY_PG_DURABLE": "1"}
    out = subprocess.run(
        [str(scripts / "pg-start")], env=env, capture_output=True, text=True, check=True
    ).stdout
    started = dict(
        line.removeprefix("export ").split("=", 1) for line in out.splitlines() if "=" in line
    )
    before = os.environ.get("LEGDAY_PG_DIR")
    os.environ["LEGDAY_PG_DIR"] = started["LEGDAY_PG_DIR"]  # its processes' CPU is printed
    try:
        _run_pg(argparse.Namespace(**{**vars(args), "pg": started["LEGDAY_TEST_PG_URL"],
                                      "pg_durable": False}), workers)  # fmt: skip
    finally:
        subprocess.run([str(scripts / "pg-stop")], env={**os.environ}, check=False)
        if before is None:
            os.environ.pop("LEGDAY_PG_DIR", None)
        else:
            os.environ["LEGDAY_PG_DIR"] = before


if __name__ == "__main__":
    main()
