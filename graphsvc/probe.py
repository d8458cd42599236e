"""``make probe``: what a busy day costs, measured on the running bench graph (never a test).

Two figures the reliability issue asks for, each next to its floor in the same run:

- **Export under writes.** Writers POST new members open-loop at ``--write-rate`` while
  ``bulk.export`` reads the graph; the export's duration is the window in which API writes are
  paused (they answer 503 with Retry-After). Reported: the export's time and size, the writes
  acknowledged and refused, and whether every relationship in the file has both ends.
- **A bystander beside a heavy caller.** ``/health`` p50/p99 at 10 requests/s, first alone, then
  while 20 clients with one manager key ask city stats with a new radius each time (so no cache
  helps them).

Usage: ``python -m graphsvc.probe`` with NEO4J_URI set to a seeded graph (``make bench`` leaves
one in ``.neo4j/bench``; ``make probe`` starts it).
"""

from __future__ import annotations

import io
import json
import random
import statistics
import threading
import time
from typing import Any

import click
import urllib3

from graphsvc import bulk
from graphsvc.bench import _serve
from graphsvc.config import from_environment
from graphsvc.db import store_for
from graphsvc.keys.data import create_key
from graphsvc.store import Store

PORT = 8766


def _percentiles(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies) or [0.0]
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 1),
        "requests": len(latencies),
    }


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


def export_under_writes(store: Store, key: str, rate: float) -> dict[str, Any]:
    stop = threading.Event()
    city = store.driver.execute_query("MATCH (c:City) RETURN c.id LIMIT 1").records[0][0]

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


def bystander(key: str, cities: list[str], hammer_clients: int, seconds: float) -> dict[str, Any]:
    """``/health`` alone, then beside ``hammer_clients`` asking uncached city stats."""

    def health_run() -> dict[str, float]:
        stop = threading.Event()
        timer = threading.Timer(seconds, stop.set)
        timer.start()

        def get(http: urllib3.PoolManager, url: str) -> float:
            started = time.perf_counter()
            http.request("GET", url, timeout=30)
            return time.perf_counter() - started

        return _percentiles(_open_loop(f"http://127.0.0.1:{PORT}/health", 10, stop, get))

    alone = health_run()
    stop, lock = threading.Event(), threading.Lock()
    statuses: dict[int, int] = {}

    def hammer(seed: int) -> None:
        rng = random.Random(seed)
        http = urllib3.PoolManager(maxsize=1, headers={"Authorization": f"Bearer {key}"})
        while not stop.is_set():
            city, radius = rng.choice(cities), rng.randrange(1, 200)
            url = f"http://127.0.0.1:{PORT}/cities/{city}/stats?radius_km={radius}"
            status = http.request("GET", url, timeout=60).status
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=hammer, args=(i,)) for i in range(hammer_clients)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    beside = health_run()
    stop.set()
    for thread in threads:
        thread.join()
    return {"health_alone": alone, "health_beside_hammer": beside, "hammer_statuses": statuses}


@click.command()
@click.option("--write-rate", default=60.0, show_default=True, help="Writes per second asked.")
@click.option("--seconds", default=15.0, show_default=True, help="Each /health run.")
def main(write_rate: float, seconds: float) -> None:
    config = from_environment()
    store = store_for(config)
    server = _serve(config, PORT)
    try:
        admin = create_key(store, name="probe-admin", role="admin")["secret"]
        manager = create_key(store, name="probe-manager", role="manager")["secret"]
        cities = [
            r[0]
            for r in store.driver.execute_query(
                "MATCH (c:City)<-[:LIVES_IN]-(m) WITH c, count(m) AS n ORDER BY n DESC "
                "LIMIT 5 RETURN c.id"
            ).records
        ]
        results = {
            "members": store.read("count_graph")[0],
            "export_under_writes": export_under_writes(store, admin, write_rate),
            "bystander": bystander(manager, cities, 20, seconds),
        }
        click.echo(json.dumps(results, indent=2))
    finally:
        server.terminate()
        server.wait(timeout=30)
        store.driver.close()


if __name__ == "__main__":
    main()
