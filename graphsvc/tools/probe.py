"""``make probe``: what a busy day costs, measured on the running bench graph (never a test).

Two figures the reliability issue asks for, each next to its floor in the same run:

- **Export under writes.** Writers POST new members open-loop at ``--write-rate`` while
  ``bulk.export`` reads the graph; the export's duration is the window in which API writes are
  paused (they answer 503 with Retry-After). Reported: the export's time and size, the writes
  acknowledged and refused, and whether every relationship in the file has both ends.
- **A crash, then idempotent retries.** Writers POST new members, each with its own
  Idempotency-Key; the service's whole process group is killed (``kill -9``) under that load and
  started again; every request not acknowledged is retried with its key. Reported: how many
  writes were committed but unanswered and got their answer back, how many ran on the retry, and
  duplicates or lost acknowledged writes (both must be 0).
- **Forged cursors** (a lone surrogate, 5,000-level nesting, a needs cursor whose date
  overflows or carries an offset with seconds, a needs cursor sent to another list) on the five
  lists: every answer must be a 422.
- **A lock wait past the query timeout:** 20 PATCHes of a city another transaction holds; each
  must answer 503 with Retry-After.
- **A flood** with rate limits on: an unbound frontend key with a new ``X-Acting-Member`` on
  each request, and a new bogus key on each request: 429s, with Retry-After >= 1.
- **Bad import files** (invalid UTF-8, 10,000-level nesting, a NUL in a name): ``graphsvc import``
  must refuse each with a message, and write nothing.
- **A bystander beside a heavy caller.** ``/health`` p50/p99 at 10 requests/s, first alone, then
  while 20 clients with one manager key ask city stats with a new radius each time (the
  cached answers of a radius asked before do not help them), from a process of their own:
  together 80 requests a second whatever the answer (the issue's load), then as fast as they
  are answered, first waiting out Retry-After, then not.

Usage: ``python -m graphsvc.tools.probe`` with NEO4J_URI set to a seeded graph (``make bench`` leaves
one in ``.neo4j/bench``; ``make probe`` starts it).
"""

from __future__ import annotations

import base64
import io
import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import click
import urllib3

from graphsvc import bulk
from graphsvc.config import from_environment
from graphsvc.db import store_for
from graphsvc.keys.data import create_key
from graphsvc.store import Store
from graphsvc.tools.bench import _serve, _summary

PORT = 8766


def _open_loop(url: str, rate: float, stop: threading.Event, send: Any) -> list[Any]:
    """``send(http, url)`` every 1/rate s (from a small pool of threads) until ``stop``."""
    answers: list[Any] = []
    http = urllib3.PoolManager(maxsize=8)
    pending: list[threading.Thread] = []
    tick = time.monotonic()
    while not stop.is_set():
        thread = threading.Thread(target=lambda: answers.append(send(http, url)))
        thread.start()
        pending.append(thread)
        tick += 1 / rate
        time.sleep(max(0.0, tick - time.monotonic()))
    for thread in pending:
        thread.join()
    return answers


def export_under_writes(store: Store, key: str, rate: float, city: str) -> dict[str, Any]:
    stop = threading.Event()

    def post(http: urllib3.PoolManager, url: str) -> int:
        body = json.dumps({"name": "Sonde", "consent": True, "city_id": city})
        headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
        return http.request("POST", url, body=body, headers=headers, timeout=30).status

    answers: list[int] = []
    writer = threading.Thread(
        target=lambda: answers.extend(
            _open_loop(f"http://127.0.0.1:{PORT}/members", rate, stop, post)
        )
    )
    writer.start()
    time.sleep(3)  # writes under way
    before = store.read("count_api_writes")[0]["writes"]
    started = time.perf_counter()
    out = io.StringIO()
    records = bulk.export(store, out)
    seconds = time.perf_counter() - started
    time.sleep(3)
    stop.set()
    writer.join()
    after = store.read("count_api_writes")[0]["writes"]
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    nodes = {(r["node"], r["id"]) for r in lines if "node" in r}
    dangling = sum(
        1
        for r in lines
        if "rel" in r
        and ((r["start"]["label"], r["start"]["id"]) not in nodes
             or (r["end"]["label"], r["end"]["id"]) not in nodes)
    )  # fmt: skip
    statuses: dict[int, int] = {}
    for status in answers:
        statuses[status] = statuses.get(status, 0) + 1
    return {
        "export_seconds": round(seconds, 2),
        "records": records,
        "dangling_relationships": dangling,
        "write_rate_asked": rate,
        "writes_per_second_acknowledged": round(statuses.get(201, 0) / (seconds + 6), 1),
        "statuses": statuses,
        "api_writes_committed": after - before,
    }


def _spawn(config: dict[str, Any], stale_seconds: int) -> subprocess.Popen[bytes]:
    """The service in its own process group, so that a kill -9 reaches every worker."""
    env = {"GRAPHSVC_IDEMPOTENCY_STALE_SECONDS": str(stale_seconds)}
    return _serve(config, PORT, env=env, own_group=True)


def _members_named(store: Store, prefix: str) -> dict[str, int]:
    return {
        row["name"]: row["members"]
        for row in store.read("members_by_name_prefix", prefix=prefix, limit=100_000)
    }


def crash_and_retry(
    config: dict[str, Any], store: Store, key: str, city: str, writers: int = 8
) -> dict[str, Any]:
    stale = 5
    server = _spawn(config, stale)
    outcomes: dict[str, int | None] = {}  # idempotency key -> status (None: no answer)
    lock, stop = threading.Lock(), threading.Event()
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}

    def post(http: urllib3.PoolManager, name: str) -> tuple[int | None, str | None]:
        body = json.dumps({"name": name, "consent": True, "city_id": city})
        try:
            answer = http.request("POST", f"http://127.0.0.1:{PORT}/members", body=body,
                                  headers={**headers, "Idempotency-Key": name}, timeout=30,
                                  retries=False)  # fmt: skip
        except urllib3.exceptions.HTTPError:
            return None, None
        return answer.status, answer.headers.get("Idempotent-Replayed")

    def write() -> None:
        http = urllib3.PoolManager(maxsize=1)
        while not stop.is_set():
            name = f"crash-{uuid.uuid4()}"
            with lock:
                outcomes[name] = None
            status, _ = post(http, name)
            with lock:
                outcomes[name] = status

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    time.sleep(4)
    os.killpg(server.pid, signal.SIGKILL)
    server.wait()
    stop.set()
    for thread in threads:
        thread.join()
    acknowledged = {name for name, status in outcomes.items() if status == 201}
    unanswered = [name for name, status in outcomes.items() if status != 201]
    committed = _members_named(store, "crash-")
    committed_unanswered = sum(1 for name in unanswered if name in committed)
    server = _spawn(config, stale)
    try:
        time.sleep(stale + 1)
        http = urllib3.PoolManager(maxsize=1)
        retried: dict[str, int] = {}
        replayed = 0
        for name in unanswered:
            for _ in range(5):
                status, replay = post(http, name)
                if status == 201:
                    replayed += replay == "true"
                    break
                time.sleep(1)
            retried[str(status)] = retried.get(str(status), 0) + 1
    finally:
        server.terminate()
        server.wait(timeout=30)
    found = _members_named(store, "crash-")
    return {
        "writes_sent": len(outcomes),
        "acknowledged_before_the_kill": len(acknowledged),
        "unanswered_at_the_kill": len(unanswered),
        "of_which_had_committed": committed_unanswered,
        "retries_by_final_status": retried,
        "answered_from_the_record": replayed,
        "duplicates": sum(1 for n in found.values() if n > 1),
        "lost_acknowledged": sum(1 for name in acknowledged if name not in found),
    }


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def forged_cursors(key: str, targets: dict[str, Any]) -> dict[str, Any]:
    http = urllib3.PoolManager(headers={"Authorization": f"Bearer {key}"})
    base = f"http://127.0.0.1:{PORT}"
    lists = [
        "/members",
        "/projects",
        "/needs",
        f"/projects/{targets['project_id']}/needs",
        f"/members/{targets['member_id']}/needs",
    ]
    link = http.request("GET", f"{base}/needs?page_size=1").headers["Link"]
    real = link.split("after=")[1].split(">")[0].split("&")[0]
    scope, _, need_id = json.loads(base64.urlsafe_b64decode(real + "=" * (-len(real) % 4)))
    cursors = {
        "lone surrogate": "WyJcdWQ4MDAiLCJtMSJd",
        "5,000-level nesting": _b64(b"[" * 5000 + b"]" * 5000),
        "date overflow": _b64(json.dumps([scope, "99999-12-31T00:00:00+00:00", need_id]).encode()),
        "offset with seconds": _b64(json.dumps([scope, "2026-01-01T00:00:00+01:00:30", need_id]).encode()),
        "a needs cursor elsewhere": real,
    }  # fmt: skip
    statuses: Counter[int] = Counter()
    for path in lists:
        for name, cursor in cursors.items():
            if name == "a needs cursor elsewhere" and path == "/needs":
                continue
            statuses[http.request("GET", f"{base}{path}?after={cursor}").status] += 1
    return {"requests": sum(statuses.values()), "statuses": dict(statuses)}


def lock_wait(key: str, store: Store, city: str, writers: int = 20) -> dict[str, Any]:
    answers: list[tuple[int, str | None, float]] = []

    def patch(_: int) -> None:
        http = urllib3.PoolManager(maxsize=1)
        started = time.perf_counter()
        answer = http.request(
            "PATCH", f"http://127.0.0.1:{PORT}/cities/{city}", body=json.dumps({"region": "probe"}),
            headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
            timeout=60,
        )  # fmt: skip
        answers.append(
            (answer.status, answer.headers.get("Retry-After"), time.perf_counter() - started)
        )

    with store.driver.session() as session:
        holder = session.begin_transaction()
        holder.run(store.queries["hold_city_lock"].text, id=city).consume()
        try:
            threads = [threading.Thread(target=patch, args=(i,)) for i in range(writers)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            holder.rollback()
    return {
        "statuses": dict(Counter(status for status, _, _ in answers)),
        "with_retry_after": sum(1 for _, retry, _ in answers if retry),
        "slowest_s": round(max(seconds for _, _, seconds in answers), 1),
    }


def _flood_once(headers_of: Any, skill: str, seconds: float, clients: int) -> dict[str, Any]:
    """``clients`` threads GET one skill (a cheap read) as fast as they can for ``seconds``."""
    statuses: Counter[int] = Counter()
    waits: list[int] = []
    stop = time.monotonic() + seconds

    def hammer(offset: int) -> None:
        http = urllib3.PoolManager(maxsize=1)
        i = offset
        while time.monotonic() < stop:
            answer = http.request(
                "GET",
                f"http://127.0.0.1:{PORT}/skills/{skill}",
                headers=headers_of(i),
                retries=False,  # an attacker does not wait out Retry-After as urllib3 would
            )
            statuses[answer.status] += 1
            if answer.status == 429:
                waits.append(int(answer.headers.get("Retry-After", "0")))
            i += clients

    threads = [threading.Thread(target=hammer, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"statuses": dict(statuses), "min_retry_after": min(waits, default=None)}


def flood(store: Store, skill: str, seconds: float = 5.0, clients: int = 8) -> dict[str, Any]:
    """With rate limits on: a rotating acting member on one unbound key; a new bogus key each time."""
    key = create_key(store, name="probe-flood", role="frontend")["secret"]
    rotating = {"Authorization": f"Bearer {key}"}
    return {
        "rotating X-Acting-Member": _flood_once(
            lambda i: {**rotating, "X-Acting-Member": f"m{i:06d}"}, skill, seconds, clients
        ),
        "a new bogus key each time": _flood_once(
            lambda i: {"Authorization": f"Bearer gsk_{uuid.uuid4().hex}"}, skill, seconds, clients
        ),
    }


def bad_imports(store: Store) -> dict[str, Any]:
    files = {
        "invalid UTF-8": b'{"node": "City", "id": "x\xff", "properties": {}}\n',
        "10,000-level nesting": b"[" * 10_000 + b"]" * 10_000 + b"\n",
        "a NUL in a name": json.dumps({"node": "Member", "id": "probe-nul",
                                       "properties": {"name": "a\u0000b"}}).encode() + b"\n",
    }  # fmt: skip
    before = store.read("count_graph")[0]
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, content in files.items():
            path = Path(folder) / "bad.jsonl"
            path.write_bytes(content)
            done = subprocess.run(
                [sys.executable, "-m", "graphsvc.cli", "import", str(path)],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            message = (done.stderr.strip() or done.stdout.strip()).splitlines()
            results[name] = {
                "exit": done.returncode,
                "traceback": "Traceback" in done.stderr,
                "says": message[-1][:160] if message else "",
            }
    results["graph_unchanged"] = store.read("count_graph")[0] == before
    return results


def _hammer(
    key: str, cities: list[str], clients: int, polite: bool, rate: float, stop: Any, out: Any
) -> None:
    """``clients`` threads asking city stats with a new radius each time until ``stop``,
    together ``rate`` requests a second (0: each sends again as soon as answered); after a 429
    they wait out its Retry-After if ``polite``. Their statuses go to ``out``."""
    lock = threading.Lock()
    statuses: dict[int, int] = {}

    def client(seed: int) -> None:
        rng = random.Random(seed)
        http = urllib3.PoolManager(maxsize=1, headers={"Authorization": f"Bearer {key}"})
        while not stop.is_set():
            city, radius = rng.choice(cities), rng.randrange(1, 200)
            url = f"http://127.0.0.1:{PORT}/cities/{city}/stats?radius_km={radius}"
            if rate:
                stop.wait(rng.expovariate(rate / clients))
            answer = http.request("GET", url, timeout=60, retries=False)
            with lock:
                statuses[answer.status] = statuses.get(answer.status, 0) + 1
            if polite and answer.status == 429:
                stop.wait(float(answer.headers.get("Retry-After", "1")))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.put(statuses)


def bystander(key: str, cities: list[str], hammer_clients: int, seconds: float) -> dict[str, Any]:
    """``/health`` alone, then beside ``hammer_clients`` asking city stats with a new radius
    each time, first waiting out Retry-After, then not.

    The hammer runs in a process of its own: in the bystander's process its twenty busy
    threads would hold the bystander's own GIL, and its client-side wait would be counted as
    the server's."""

    def health_run() -> dict[str, float]:
        stop = threading.Event()
        timer = threading.Timer(seconds, stop.set)
        timer.start()

        def get(http: urllib3.PoolManager, url: str) -> float:
            started = time.perf_counter()
            http.request("GET", url, timeout=30)
            return time.perf_counter() - started

        latencies = _open_loop(f"http://127.0.0.1:{PORT}/health", 10, stop, get)
        return _summary(latencies, {}, seconds)

    def beside(polite: bool, rate: float = 0) -> dict[str, Any]:
        context = multiprocessing.get_context("spawn")
        stop, out = context.Event(), context.Queue()
        args = (key, cities, hammer_clients, polite, rate, stop, out)
        hammer = context.Process(target=_hammer, args=args)
        hammer.start()
        time.sleep(2)
        health = health_run()
        stop.set()
        statuses = out.get(timeout=120)
        hammer.join(timeout=30)
        return {"health": health, "hammer_statuses": statuses}

    return {
        "health_alone": health_run(),
        "beside_80_per_second_ignoring_retry_after": beside(polite=False, rate=80),
        "beside_clients_waiting_out_retry_after": beside(polite=True),
        "beside_clients_ignoring_retry_after": beside(polite=False),
    }


@click.command()
@click.option("--write-rate", default=60.0, show_default=True, help="Writes per second asked.")
@click.option("--seconds", default=15.0, show_default=True, help="Each /health run.")
def main(write_rate: float, seconds: float) -> None:
    config = from_environment()
    store = store_for(config)
    admin = create_key(store, name="probe-admin", role="admin")["secret"]
    manager = create_key(store, name="probe-manager", role="manager")["secret"]
    targets = store.read("probe_targets")[0]
    city = targets["cities"][0]
    results = {
        "graph": store.read("count_graph")[0],
        "crash_and_idempotent_retries": crash_and_retry(config, store, admin, city),
    }
    results["bad_imports"] = bad_imports(store)
    server = _serve(config, PORT)
    try:
        results["forged_cursors"] = forged_cursors(admin, targets)
        results["lock_wait"] = lock_wait(manager, store, city)
        results["export_under_writes"] = export_under_writes(store, admin, write_rate, city)
        results["bystander"] = bystander(manager, targets["cities"], 20, seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    # Rate limits on, at 10 per second per key (per worker process, memory storage): a flood
    # that rotates the acting member, or the key, must still meet them.
    limit = "10 per second"
    server = _serve(config, PORT, env={"GRAPHSVC_RATE_LIMITS": "1", "GRAPHSVC_RATE_LIMIT": limit})
    try:
        results["flood"] = {"limit": limit, **flood(store, targets["skill_id"])}
    finally:
        server.terminate()
        server.wait(timeout=30)
        store.driver.close()
    click.echo(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
