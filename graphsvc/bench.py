"""``make bench``: the speed figures, measured on a dedicated Neo4j (never a timed test).

Starts its own local Neo4j in ``.neo4j/bench`` unless ``NEO4J_URI`` is set (then that database
is emptied first: point it at a scratch one), seeds the 40,000-member network and reports the
time and the graph's size, then each measurement registered below.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import click

from graphsvc import bulk, localneo4j, migrate
from graphsvc.config import from_environment
from graphsvc.db import MIGRATIONS, store_for
from graphsvc.seed import generate
from graphsvc.store import Store


def bench_seed(store: Store, members: int, seed: int) -> dict[str, Any]:
    store.run_autocommit(store.queries["delete_everything"].text)
    started = time.perf_counter()
    records = bulk.import_records(store, generate(members, seed), progress=False)
    elapsed = time.perf_counter() - started
    counts = store.read("count_graph")[0]
    return {"members": members, "records": records, "seconds": round(elapsed, 1), **counts}


@click.command()
@click.option("--members", type=int, default=40_000, show_default=True)
@click.option("--seed", type=int, default=42, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench-results/latest.json"))
def main(members: int, seed: int, out: Path) -> None:
    config = from_environment()
    data_dir = None
    if not os.environ.get("NEO4J_URI"):
        data_dir = localneo4j.default_home() / "bench"
        config["NEO4J_URI"] = localneo4j.start(data_dir).uri
    store = store_for(config)
    try:
        migrate.apply(store, MIGRATIONS)
        results: dict[str, Any] = {"seed": bench_seed(store, members, seed)}
        click.echo(
            f"seed: {members} members in {results['seed']['seconds']} s -> "
            f"{results['seed']['nodes']} nodes, {results['seed']['relationships']} relationships"
        )
    finally:
        store.driver.close()
        if data_dir is not None:
            localneo4j.stop(data_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    click.echo(f"results in {out}")


if __name__ == "__main__":
    main()
