"""The documented scale-out path: the routing driver (``neo4j://``), a write's bookmark carried
into the next read, and several server processes sharing their rate limits through Redis."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from graphsvc import create_app
from tests.graphs import city

pytestmark = pytest.mark.slow  # runs Redis and several apps


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory) -> Iterator[str]:
    """A real Redis on loopback (Debian's redis-server: `make test` and CI install it)."""
    server = shutil.which("redis-server")
    assert server, "the scale-out test needs Redis: sudo apt-get install redis-server"
    port = _free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _routing(config: dict[str, Any]) -> dict[str, Any]:
    return {**config, "NEO4J_URI": config["NEO4J_URI"].replace("bolt://", "neo4j://", 1)}


def test_the_routing_driver_serves_and_reads_its_own_writes(neo4j_config, store, api_keys):
    assert neo4j_config["NEO4J_URI"].startswith(("bolt://", "neo4j://"))
    app = create_app({**_routing(neo4j_config), "MIGRATE_ON_START": False,
                      "RATELIMIT_ENABLED": False})  # fmt: skip
    try:
        client = app.test_client()
        admin = {"Authorization": f"Bearer {api_keys['admin']}"}
        assert client.get("/health").status_code == 200
        created = client.post("/cities", json={"id": "toulouse", "name": "Toulouse",
                                               "latitude": 43.6, "longitude": 1.44},
                              headers=admin)  # fmt: skip
        assert created.status_code == 201, created.get_json()
        # The next read of the same client carries the write's bookmark: it sees the city.
        assert client.get("/cities/toulouse", headers=admin).status_code == 200
        assert app.extensions["graphsvc.store"].driver.__class__.__name__ == "Neo4jDriver"
    finally:
        app.extensions["graphsvc.store"].driver.close()


def test_two_server_processes_share_one_budget_through_redis(
    neo4j_config, redis_url, api_keys, load
) -> None:
    load([city("toulouse")])
    settings = {**neo4j_config, "MIGRATE_ON_START": False, "RATELIMIT_STORAGE_URI": redis_url,
                "RATELIMIT_DEFAULT": "6 per minute"}  # fmt: skip
    first, second = create_app(settings), create_app(settings)
    try:
        headers = {"Authorization": f"Bearer {api_keys['manager']}"}
        answers = []
        for _ in range(5):  # alternately to each server: one budget, not one each
            answers.append(first.test_client().get("/cities", headers=headers).status_code)
            answers.append(second.test_client().get("/cities", headers=headers).status_code)
        assert Counter(answers) == Counter({200: 6, 429: 4}), answers
    finally:
        for app in (first, second):
            app.extensions["graphsvc.store"].driver.close()
