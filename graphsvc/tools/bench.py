"""``make bench``: the speed figures, measured on a dedicated Neo4j (never a timed test).

Seeds the 40,000-member network into its own local Neo4j in ``.neo4j/bench`` by a first load
(Neo4j's import tool, see firstload.py), or, when ``NEO4J_URI`` is set, by transactions into
that database, emptied first (point it at a scratch one); reports the time, the rate and the
graph's size; then serves the API (Granian, as `graphsvc serve` does) in a child
process and measures each recommendation endpoint on loopback, side by side with its floor:

- ``driver`` and ``1`` client, paired: for each random id, the endpoint's own Cypher statement
  sent straight through the driver as the service sends it (an auto-commit read: the service
  time of the database alone) and the endpoint over HTTP, one after the other, so their ratio
  is measured on the same ids in the same seconds;
- ``20`` closed-loop clients (capacity: by Little's law mean latency ≈ clients ÷ throughput);
- ``open``: open-loop Poisson arrivals at ``--rate`` requests/s (below capacity), latency
  counted from each request's scheduled arrival, so queueing shows in the tail.

Then a page deep in the members list (among the last, by name) and in the needs list (among the
oldest, newest first), one client, asked by page number (which counts the matches for
X-Pagination) and by cursor (what following ``Link: rel="next"`` gives); the resident memory
of the service and of Neo4j; and which of the introductions issue's targets the run met (speed
targets are judged here, on a dedicated run, never by a timed test).
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import urllib3

from graphsvc import bulk, migrate
from graphsvc.api.common import cursor_scope, encode_cursor
from graphsvc.config import from_environment
from graphsvc.db import MIGRATIONS, store_for
from graphsvc.keys.data import create_key
from graphsvc.recommendations.for_members import matches_params, projects_params
from graphsvc.recommendations.introductions import Request, query_params
from graphsvc.recommendations.model import active_model
from graphsvc.recommendations.ranking import Ranking
from graphsvc.store import Store
from graphsvc.tools import firstload, localneo4j
from graphsvc.tools.seed import generate

PORT = 8765
QUERIES = {
    "introductions": "introductions",
    "projects_for_member": "projects_for_member",
    "matches": "matches_for_member",
}
ENDPOINTS = {
    "introductions": ("/projects/p{index:05d}/introductions", "projects"),
    "projects_for_member": ("/members/m{index:06d}/projects", "members"),
    "matches": ("/members/m{index:06d}/matches", "members"),
}


def _serve(
    config: dict[str, Any], port: int, env: dict[str, str] | None = None, own_group: bool = False
) -> subprocess.Popen[bytes]:
    """The service, once its /health answers; ``own_group`` so that a kill -9 of the group
    reaches every worker (make probe)."""
    # Rate limits off: the benchmark measures what the service can do, not what one key may.
    env = {**os.environ, "NEO4J_URI": config["NEO4J_URI"], "GRAPHSVC_MIGRATE_ON_START": "0",
           "GRAPHSVC_RATE_LIMITS": "0", **(env or {})}  # fmt: skip
    command = [sys.executable, "-m", "graphsvc.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=own_group,
    )  # fmt: skip
    http = urllib3.PoolManager()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if http.request("GET", f"http://127.0.0.1:{port}/health", timeout=2).status == 200:
                return server
        except urllib3.exceptions.HTTPError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("the service did not start")


def _load(
    url: tuple[str, str], sizes: dict[str, int], key: str, clients: int, seconds: float
) -> dict[str, Any]:
    """``clients`` threads in closed loop for ``seconds``; each request picks a random id."""
    template, kind = url
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)  # each client its own stream of ids
        http = urllib3.PoolManager(maxsize=1, headers={"Authorization": f"Bearer {key}"})
        while time.monotonic() < stop:
            path = template.format(index=rng.randrange(sizes[kind]))
            started = time.perf_counter()
            status = http.request("GET", f"http://127.0.0.1:{PORT}{path}", timeout=30).status
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _summary(latencies, statuses, seconds)


def _summary(latencies: list[float], statuses: dict[int, int], seconds: float) -> dict[str, Any]:
    ordered = sorted(latencies) or [0.0]
    pick = lambda q: round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)  # noqa: E731
    return {
        "requests": len(latencies),
        # 404 is expected: a member who withdrew consent is hidden from frontend keys.
        "not_found": statuses.get(404, 0),
        "errors": sum(n for code, n in statuses.items() if code not in (200, 404)),
        "p50_ms": pick(0.50),
        "p99_ms": pick(0.99),
        "per_second": round(len(latencies) / seconds, 1),
    }


def _open_loop(
    url: tuple[str, str], sizes: dict[str, int], key: str, rate: float, seconds: float
) -> dict[str, Any]:
    """Poisson arrivals at ``rate``/s; latency from the scheduled arrival (queueing included)."""
    template, kind = url
    rng = random.Random(7)
    http = urllib3.PoolManager(maxsize=64, headers={"Authorization": f"Bearer {key}"})
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()

    def send(path: str, scheduled: float) -> None:
        status = http.request("GET", f"http://127.0.0.1:{PORT}{path}", timeout=30).status
        with lock:
            latencies.append(time.perf_counter() - scheduled)
            statuses[status] = statuses.get(status, 0) + 1

    start = time.perf_counter()
    arrival = start
    with ThreadPoolExecutor(max_workers=64) as pool:
        while arrival < start + seconds:
            arrival += rng.expovariate(rate)
            time.sleep(max(0.0, arrival - time.perf_counter()))
            pool.submit(send, template.format(index=rng.randrange(sizes[kind])), arrival)
    return _summary(latencies, statuses, seconds)


def _paired(
    store: Store, name: str, url: tuple[str, str], sizes: dict[str, int], key: str,
    seconds: float,
) -> tuple[dict[str, Any], dict[str, Any]]:  # fmt: skip
    """One client: for each random id, the endpoint over HTTP and its own statement straight
    through the driver (an auto-commit read, as the service sends it), one after the other in
    alternating order. Drift of the machine's speed between minutes cancels out of the ratio;
    ids the endpoint answers 404 (members who withdrew) are left out of both."""
    ranking, model, now = Ranking.from_settings(), active_model(store), datetime.now(UTC)
    text = store.queries[QUERIES[name]].text
    template, kind = url
    http = urllib3.PoolManager(maxsize=1, headers={"Authorization": f"Bearer {key}"})
    rng = random.Random(0)
    driver: list[float] = []
    endpoint: list[float] = []
    statuses: dict[int, int] = {}
    stop = time.monotonic() + seconds
    with store.driver.session(database=store.database) as session:
        while time.monotonic() < stop:
            index = rng.randrange(sizes[kind])
            if name == "introductions":
                params = query_params(f"p{index:05d}", Request(), ranking, model, now=now)
            elif name == "projects_for_member":
                params = projects_params(f"m{index:06d}", Request(), ranking, model)
            else:
                params = matches_params(f"m{index:06d}", Request(), ranking, model)
            pair: dict[str, float] = {}
            for which in ("driver", "endpoint") if index % 2 else ("endpoint", "driver"):
                started = time.perf_counter()
                if which == "driver":
                    list(session.run(text, params))
                else:
                    path = template.format(index=index)
                    status = http.request(
                        "GET", f"http://127.0.0.1:{PORT}{path}", timeout=30
                    ).status
                    statuses[status] = statuses.get(status, 0) + 1
                pair[which] = time.perf_counter() - started
            if status == 200:
                driver.append(pair["driver"])
                endpoint.append(pair["endpoint"])
    return (
        _summary(driver, {200: len(driver)}, sum(driver)),
        _summary(endpoint, statuses, sum(endpoint) or 1.0),
    )


# Lists followed by cursor: (path, the order a client pages in, the reverse order (its first
# rows are the list's last), the cursor of a row).
DEEP_LISTS = {
    "members": ("/members", "name", "-name", lambda m: (m["name"], m["id"])),
    "needs": ("/needs", "-created_at", "created_at", lambda n: (n["created_at"], n["id"])),
}


def _deep_list_pages(key: str, seconds: float, path: str, order: str, reverse: str,
                     cursor_of: Any) -> dict[str, Any]:  # fmt: skip
    """One client reading pages among the last of a list (20 per page): by page number (counted,
    X-Pagination) and by cursor (what a client following Link gets)."""
    http = urllib3.PoolManager(maxsize=1, headers={"Authorization": f"Bearer {key}"})
    base = f"http://127.0.0.1:{PORT}{path}"
    first = http.request("GET", f"{base}?sort={order}&page_size=20")
    last_page = max(1, json.loads(first.headers["X-Pagination"])["total_pages"])
    # Where pages among the last ones begin: the cursors a client following Link would hold.
    last = json.loads(http.request("GET", f"{base}?sort={reverse}&page_size=100").data)
    scope = cursor_scope(path, order)
    cursors = [encode_cursor(str(c[0]), str(c[1]), scope) for c in map(cursor_of, last[20::5])]
    results = {}
    for mode in ("page", "cursor"):
        rng, latencies = random.Random(3), []
        statuses: dict[int, int] = {}
        stop = time.monotonic() + seconds
        while time.monotonic() < stop:
            if mode == "page":
                query = f"page={last_page - rng.randrange(min(50, last_page))}"
            else:
                query = f"after={rng.choice(cursors)}"
            started = time.perf_counter()
            status = http.request(
                "GET", f"{base}?{query}&page_size=20&sort={order}", timeout=30
            ).status
            latencies.append(time.perf_counter() - started)
            statuses[status] = statuses.get(status, 0) + 1
        results[mode] = _summary(latencies, statuses, seconds)
    return results


# The introductions issue's targets at 40,000 members, the same for the three recommendations:
# (what, where in an endpoint's runs, how it must compare, the bound).
TARGETS = (
    ("1 client p50 (ms)", ("1", "p50_ms"), "<=", 10),
    ("1 client p99 (ms)", ("1", "p99_ms"), "<=", 30),
    ("endpoint / driver p50", ("ratio_p50_endpoint_over_driver",), "<=", 1.5),
    ("20 clients (requests/s)", ("20", "per_second"), ">=", 200),
    ("20 clients errors", ("20", "errors"), "<=", 0),
    ("open loop 100/s p99 (ms)", ("open@100/s", "p99_ms"), "<=", 50),
)


def check_targets(latency: dict[str, Any]) -> list[dict[str, Any]]:
    """Each endpoint's figures against ``TARGETS``; a run that lacks a figure (other clients or
    rate) is not judged on it."""
    verdicts = []
    for name in ENDPOINTS:
        for what, path, compare, bound in TARGETS:
            value: Any = latency.get(name, {})
            for key in path:
                value = value.get(key) if isinstance(value, dict) else None
            if value is None:
                continue
            met = value <= bound if compare == "<=" else value >= bound
            verdicts.append({"endpoint": name, "what": what, "value": value,
                             "target": f"{compare} {bound}", "met": met})  # fmt: skip
    return verdicts


def _report_targets(verdicts: list[dict[str, Any]]) -> None:
    missed = [v for v in verdicts if not v["met"]]
    click.echo(
        f"targets (the introductions issue's, set for 40,000 members): "
        f"{len(verdicts) - len(missed)} of {len(verdicts)} met"
    )
    for v in missed:
        click.echo(f"  missed: {v['endpoint']} {v['what']} {v['value']} (target {v['target']})")


def _rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (Granian: the main process and its workers)."""
    children_file = Path(f"/proc/{pid}/task/{pid}/children")
    children = children_file.read_text().split() if children_file.exists() else []
    total_kb = 0
    for process in [str(pid), *children]:
        for line in Path(f"/proc/{process}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return round(total_kb / 1024, 1)


def bench_latency(
    store: Store, config: dict[str, Any], members: int, concurrency: list[int], seconds: float,
    rate: float, warmup: float,
) -> dict[str, Any]:  # fmt: skip
    key = create_key(store, name="bench", role="frontend")["secret"]
    sizes = {"members": members, "projects": max(1, members // 30)}
    server = _serve(config, PORT)
    try:
        results: dict[str, Any] = {}
        # Warm-up of every endpoint before any is measured: plans cached, pages in memory, and
        # the JVM's JIT done with the code the three share. With a warm-up per endpoint only,
        # the first one measured met a half-compiled Neo4j (its driver-only p99 42 ms, 12 ms
        # once warm); a long-running service is measured in its steady state.
        for url in ENDPOINTS.values():
            _load(url, sizes, key, max(concurrency), warmup)
        for name, url in ENDPOINTS.items():
            _load(url, sizes, key, max(concurrency), warmup / 3)  # its own pages, again
            runs: dict[str, Any] = {}
            runs["driver"], runs["1"] = _paired(store, name, url, sizes, key, seconds)
            for clients in (c for c in concurrency if c > 1):
                runs[str(clients)] = _load(url, sizes, key, clients, seconds)
            runs[f"open@{rate:g}/s"] = _open_loop(url, sizes, key, rate, seconds)
            runs["ratio_p50_endpoint_over_driver"] = round(
                runs["1"]["p50_ms"] / max(runs["driver"]["p50_ms"], 0.1), 2
            )
            results[name] = runs
            click.echo(
                f"{name}:  endpoint p50 / driver p50 = {runs['ratio_p50_endpoint_over_driver']}"
            )
            for label, run in runs.items():
                if isinstance(run, dict):
                    click.echo(
                        f"  {label:>12}: p50 {run['p50_ms']:>7} ms  p99 {run['p99_ms']:>7} ms  "
                        f"{run['per_second']:>7}/s  {run['errors']} errors  {run['not_found']} withdrawn (404)"
                    )
        for name, deep_list in DEEP_LISTS.items():
            results[f"{name}_deep_page"] = _deep_list_pages(key, seconds, *deep_list)
            for mode, deep in results[f"{name}_deep_page"].items():
                click.echo(
                    f"{name} list, pages among the last, by {mode}: p50 {deep['p50_ms']} ms  "
                    f"p99 {deep['p99_ms']} ms  {deep['per_second']}/s  {deep['errors']} errors"
                )
        results["service_rss_mb"] = _rss_mb(server.pid)
        click.echo(f"service memory (RSS, master and workers): {results['service_rss_mb']} MiB")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def bench_seed(store: Store, members: int, seed: int) -> dict[str, Any]:
    """Transactional import (batches of MERGE) into the database behind NEO4J_URI."""
    store.run_autocommit(store.queries["delete_everything"].text)
    started = time.perf_counter()
    records = bulk.import_records(store, generate(members, seed), progress=False)
    return {"method": "transactions", "members": members, "records": records,
            "seconds": round(time.perf_counter() - started, 1)}  # fmt: skip


def bench_first_load(data_dir: Path, members: int, seed: int) -> dict[str, Any]:
    """A first load into the stopped local instance: generation, the same validation, CSV and
    Neo4j's import tool (the schema comes after its restart, timed by the caller)."""
    started = time.perf_counter()
    summary = firstload.first_load(enumerate(generate(members, seed), start=1), data_dir)
    tool = re.search(r"IMPORT DONE in (?:(\d+)m )?(\d+)s (\d+)ms", summary)
    tool_seconds = int(tool[1] or 0) * 60 + int(tool[2]) + int(tool[3]) / 1000 if tool else None
    return {"method": "first load (neo4j-admin database import)", "members": members,
            "seconds": round(time.perf_counter() - started, 1),
            "import_tool_seconds": tool_seconds}  # fmt: skip


def _report_seed(figures: dict[str, Any]) -> None:
    rels, nodes = figures["relationships"], figures["nodes"]
    figures["relationships_per_second"] = round(rels / figures["seconds"])
    line = (
        f"seed ({figures['method']}): {figures['members']} members in {figures['seconds']} s "
        f"-> {nodes} nodes, {rels} relationships: {figures['relationships_per_second']} rels/s"
    )
    if figures.get("import_tool_seconds"):
        figures["import_tool_relationships_per_second"] = round(
            rels / figures["import_tool_seconds"]
        )
        line += (
            f"; the import tool alone {figures['import_tool_seconds']} s "
            f"({figures['import_tool_relationships_per_second']} rels/s); restart and schema "
            f"{figures['schema_seconds']} s"
        )
    click.echo(line)


@click.command()
@click.option("--members", type=int, default=40_000, show_default=True)
@click.option("--seed", type=int, default=42, show_default=True)
@click.option(
    "--clients", default="1,20", show_default=True, help="Concurrent clients, comma-separated."
)
@click.option("--seconds", type=float, default=10, show_default=True, help="Per run.")
@click.option("--rate", type=float, default=100, show_default=True, help="Open-loop arrivals/s.")
@click.option(
    "--warmup",
    type=float,
    default=15,
    show_default=True,
    help="Seconds per endpoint, all before measuring; then a third of it before each.",
)
@click.option("--skip-seed", is_flag=True, help="Measure the graph already in NEO4J_URI.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results/latest.json"))
def main(
    members: int,
    seed: int,
    clients: str,
    seconds: float,
    rate: float,
    warmup: float,
    skip_seed: bool,
    out: Path,
) -> None:
    config = from_environment()
    results: dict[str, Any] = {}
    load_before = os.getloadavg()
    data_dir = None
    if not os.environ.get("NEO4J_URI"):
        data_dir = localneo4j.default_home() / "bench"
        if not skip_seed:
            localneo4j.stop(data_dir)  # a first load replaces the database of a stopped instance
            results["seed"] = bench_first_load(data_dir, members, seed)
        restarted = time.perf_counter()
        instance = localneo4j.start(data_dir)
        config["NEO4J_URI"] = instance.uri
    store = store_for(config)
    try:
        migrate.apply(store, MIGRATIONS)
        if not skip_seed:
            if data_dir is None:
                results["seed"] = bench_seed(store, members, seed)
            else:
                results["seed"]["schema_seconds"] = round(time.perf_counter() - restarted, 1)
            results["seed"].update(store.read("count_graph")[0])
            _report_seed(results["seed"])
        concurrency = [int(c) for c in clients.split(",")]
        results["latency"] = bench_latency(
            store, config, members, concurrency, seconds, rate, warmup
        )
        if data_dir is not None:
            results["neo4j_rss_mb"] = _rss_mb(instance.pid)
            click.echo(f"Neo4j memory (RSS of its JVM): {results['neo4j_rss_mb']} MiB")
        results["targets"] = check_targets(results["latency"])
        _report_targets(results["targets"])
    finally:
        store.driver.close()
        if data_dir is not None:
            localneo4j.stop(data_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    click.echo(f"results in {out}")
    append_report(REPORT, results, members, load_before)
    click.echo(f"and in {REPORT}")


REPORT = Path("docs/benchmarks.md")
REPORT_HEADER = """# Benchmarks

Written by `make bench` (`python -m graphsvc.tools.bench`), newest run last: each endpoint next to its
own Cypher sent straight through the driver (paired, same ids), then 20 closed-loop clients
(capacity; by Little's law mean latency ≈ clients ÷ throughput) and open-loop arrivals below
capacity (the tail). Figures move with the machine's phase: compare runs side by side, never a
figure alone. `bench-results/latest.json` has the last run in full.
"""


def append_report(
    path: Path, results: dict[str, Any], members: int, load_before: tuple[float, ...]
) -> None:
    """One dated section per run, with the machine and its load, so figures keep their context."""
    latency, seed = results["latency"], results.get("seed", {})
    machine = (f"{os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
               f"load average {load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after")  # fmt: skip
    lines = [
        f"## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {members:,} members",
        "",
        f"Machine: {machine}. Graph: "
        + (f"{seed['nodes']:,} nodes, {seed['relationships']:,} relationships." if seed
           else "the one already in NEO4J_URI (--skip-seed)."),
        "",
        "| endpoint | driver p50 / p99 | 1 client p50 / p99 | endpoint ÷ driver | 20 clients | open loop p50 / p99 |",
        "|---|---|---|---|---|---|",
    ]  # fmt: skip
    for name, by in latency.items():
        if not isinstance(by, dict) or "driver" not in by:
            continue
        open_loop = next((v for k, v in by.items() if k.startswith("open@")), None)
        lines.append(
            f"| {name} | {by['driver']['p50_ms']} / {by['driver']['p99_ms']} ms "
            f"| {by['1']['p50_ms']} / {by['1']['p99_ms']} ms "
            f"| {by['ratio_p50_endpoint_over_driver']} "
            f"| {by['20']['per_second']} requests/s, {by['20']['errors']} errors "
            f"| {open_loop['p50_ms']} / {open_loop['p99_ms']} ms at {open_loop['per_second']}/s |"
            if open_loop else f"| {name} | … |"
        )  # fmt: skip
    met = [t for t in results["targets"] if t["met"]]
    lines += ["", f"Targets met: {len(met)} of {len(results['targets'])}."]
    lines += [f"- missed: {t['endpoint']} {t['what']} {t['value']} (target {t['target']})"
              for t in results["targets"] if not t["met"]]  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text(encoding="utf-8") if path.exists() else REPORT_HEADER
    path.write_text(text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
