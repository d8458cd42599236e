"""The local launcher and /health, on a second Neo4j of their own (the shared one stays up)."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from graphsvc import create_app
from graphsvc.db import Neo4jUnavailable
from graphsvc.tools import localneo4j


def test_health_says_ready_with_the_neo4j_version(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ready"
    assert body["neo4j"]["version"].startswith("5.")


@pytest.mark.slow
def test_launcher_starts_reuses_and_stops_an_instance_and_health_follows(
    tmp_path, neo4j_config: dict[str, Any]
) -> None:
    data_dir = tmp_path / "second"
    instance = localneo4j.start(data_dir, heap_mb=512, pagecache_mb=64)
    try:
        assert localneo4j.status(data_dir) == instance
        assert localneo4j.start(data_dir).pid == instance.pid  # a second start reuses it
        app = create_app({**neo4j_config, "NEO4J_URI": instance.uri, "NEO4J_PASSWORD": ""})
        client = app.test_client()
        assert client.get("/health").get_json()["status"] == "ready"
        lock_wait = (
            app.extensions["graphsvc.store"]
            .driver.execute_query(
                "CALL dbms.listConfig('db.lock.acquisition.timeout') YIELD value RETURN value"
            )
            .records[0]["value"]
        )
        assert lock_wait == "2s"  # a write stuck behind a lock answers 503 within seconds
    finally:
        assert localneo4j.stop(data_dir) is True
    assert localneo4j.status(data_dir) is None
    assert localneo4j.stop(data_dir) is False
    response = client.get("/health")
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert response.get_json()["status"] == "unavailable"
    assert client.get("/health/live").get_json() == {"status": "alive"}  # the process is fine
    app.extensions["graphsvc.store"].driver.close()


def test_the_app_refuses_to_start_without_neo4j(neo4j_config: dict[str, Any]) -> None:
    port = localneo4j.free_port()
    with pytest.raises(Neo4jUnavailable, match="graphsvc neo4j start"):
        create_app({**neo4j_config, "NEO4J_URI": f"bolt://127.0.0.1:{port}"})


def test_the_launcher_sizes_the_page_cache_from_the_store(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(localneo4j, "_total_memory_mb", lambda: 24 * 1024)
    assert localneo4j.memory_from_data(tmp_path) == (3072, 512)  # empty: room to seed
    store = tmp_path / "db" / "data" / "databases" / "neo4j"
    store.mkdir(parents=True)
    with (store / "neostore.nodestore.db").open("wb") as f:
        f.truncate(2 * 2**30)  # sparse: 2 GiB of store
    assert localneo4j.memory_from_data(tmp_path) == (3072, 3072)  # the store and half again
    monkeypatch.setattr(localneo4j, "_total_memory_mb", lambda: 4 * 1024)
    assert localneo4j.memory_from_data(tmp_path) == (1024, 1024)  # never past half the machine
