"""The local launcher and /health, on a second Neo4j of their own (the shared one stays up)."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from graphsvc import create_app, localneo4j
from graphsvc.db import Neo4jUnavailable


def test_health_says_ready_with_the_neo4j_version(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ready"
    assert body["neo4j"]["version"].startswith("5.")


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
