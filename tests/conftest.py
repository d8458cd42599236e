"""Fixtures: a real Neo4j for the whole run, an empty graph for every test.

Neo4j comes from, in this order: ``NEO4J_URI`` if set; testcontainers if a Docker engine answers;
else the local launcher, started once per run on a free port with its own data folder (so a
running demo never collides with a test run) and stopped at the end.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from graphsvc import bulk, create_app, migrate
from graphsvc.config import from_environment
from graphsvc.db import MIGRATIONS, store_for
from graphsvc.keys import data as keys
from graphsvc.store import Store
from graphsvc.tools import localneo4j


def _docker_answers() -> bool:
    """A Docker engine answers ``GET /_ping`` (raw socket: docker-py leaks one when none does)."""
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    try:
        if host.startswith("unix://"):
            family, address = socket.AF_UNIX, host.removeprefix("unix://")
        else:
            hostname, _, port = host.split("://", 1)[-1].partition(":")
            family, address = socket.AF_INET, (hostname, int(port or 2375))
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.settimeout(3)
            sock.connect(address)
            sock.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
            reply = sock.recv(64)
        return reply.startswith(b"HTTP/1.") and b" 200 " in reply
    except OSError:
        return False


@pytest.fixture(scope="session")
def neo4j_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    config = from_environment()
    if os.environ.get("NEO4J_URI"):
        yield config
    elif _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer("neo4j:5.26-community") as container:
            yield {
                **config,
                "NEO4J_URI": container.get_connection_url(),
                "NEO4J_USER": "neo4j",
                "NEO4J_PASSWORD": container.password,
            }
    else:
        data_dir = tmp_path_factory.mktemp("neo4j")
        instance = localneo4j.start(data_dir, heap_mb=1024, pagecache_mb=256)
        try:
            yield {**config, "NEO4J_URI": instance.uri, "NEO4J_USER": "", "NEO4J_PASSWORD": ""}
        finally:
            localneo4j.stop(data_dir)


@pytest.fixture(scope="session")
def session_store(neo4j_config: dict[str, Any]) -> Iterator[Store]:
    store = store_for(neo4j_config)
    nodes = store.read("count_graph")[0]["nodes"]
    if nodes and os.environ.get("GRAPHSVC_TESTS_MAY_WIPE") != "1":
        store.driver.close()
        pytest.exit(
            f"{neo4j_config['NEO4J_URI']} holds {nodes} nodes and every test empties the graph. "
            "Unset NEO4J_URI (the tests then start their own Neo4j), point it at a scratch "
            "database, or set GRAPHSVC_TESTS_MAY_WIPE=1.",
            returncode=2,
        )
    migrate.apply(store, MIGRATIONS)
    yield store
    store.driver.close()


@pytest.fixture
def store(session_store: Store) -> Store:
    """The shared store on an empty graph (the schema stays)."""
    session_store.run_autocommit(session_store.queries["delete_everything"].text)
    return session_store


@pytest.fixture(scope="session")
def app(neo4j_config: dict[str, Any], session_store: Store) -> Iterator[Flask]:
    app = create_app(
        {
            **neo4j_config,
            "TESTING": True,
            "MIGRATE_ON_START": False,
            "RATELIMIT_ENABLED": False,
            "CITY_STATS_SECONDS": 0,
        }  # every test builds its own graph
    )
    yield app
    app.extensions["graphsvc.store"].driver.close()


@pytest.fixture
def client(app: Flask, store: Store) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def load(store: Store):
    """Build a small hand-made graph from bulk records: ``load(records)``."""

    def load_records(records: list[dict[str, Any]]) -> int:
        return bulk.import_records(store, records, progress=False)

    return load_records


@pytest.fixture(scope="session")
def api_keys(session_store: Store) -> dict[str, str]:
    return {
        role: keys.create_key(session_store, name=f"test {role}", role=role)["secret"]
        for role in keys.ROLES
    }


@pytest.fixture
def auth(api_keys: dict[str, str]):
    """Request headers for a role: ``auth("frontend", acting="m1")``."""

    def headers(role: str, acting: str | None = None) -> dict[str, str]:
        result = {"Authorization": f"Bearer {api_keys[role]}"}
        if acting:
            result["X-Acting-Member"] = acting
        return result

    return headers


def plan_operators(store: Store, name: str, params: dict[str, Any]) -> set[str]:
    """The operators of a named query's plan (EXPLAIN: nothing runs), e.g. to check that a
    page is read in an index's order and cut at its end."""
    with store.driver.session(database=store.database) as session:
        plan = session.run("EXPLAIN " + store.queries[name].text, params).consume().plan
    found, stack = set(), [plan]
    while stack:
        operator = stack.pop()
        found.add(operator["operatorType"].split("@")[0])
        stack.extend(operator.get("children", []))
    return found


def follow_links(client: FlaskClient, headers: dict[str, str], url: str) -> tuple[list[str], int]:
    """Follow `Link: rel="next"` from ``url`` to the end: the ids in order and the pages read."""
    ids, pages = [], 0
    while url:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, response.get_json()
        pages += 1
        ids += [item["id"] for item in response.get_json()]
        link = response.headers.get("Link")
        url = link[1 : link.index(">")] if link else None
    return ids, pages


ARTIFACTS = Path(__file__).parent / "artifacts"  # screenshots and reports, ignored by git


@pytest.fixture
def live_server(app: Flask, store: Store) -> Iterator[str]:
    """The app served over HTTP on a free port, for a browser (threaded, like a worker)."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def page() -> Iterator[Any]:
    """A page of Debian's headless Chromium (Playwright's own download would come from a CDN)."""
    from playwright.sync_api import sync_playwright

    found = os.environ.get("GRAPHSVC_CHROMIUM") or shutil.which("chromium")
    assert found, (
        "No Chromium: apt-get install chromium (make test-tools does), or set GRAPHSVC_CHROMIUM"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=found, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        yield context.new_page()
        browser.close()
