"""The Neo4j extension: one driver per app, created in ``init_app`` and closed with the app."""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from graphsvc import migrate, queries
from graphsvc.config import data_dir
from graphsvc.store import Store

EXTENSION = "graphsvc.store"
MIGRATIONS = data_dir("cypher") / "migrations"


class Neo4jUnavailable(RuntimeError):
    """Neo4j did not answer at start-up; the message says where it looked and what to do."""


def driver_for(config: Mapping[str, Any]) -> Driver:
    auth = (config["NEO4J_USER"], config["NEO4J_PASSWORD"]) if config["NEO4J_PASSWORD"] else None
    # Bounded waits: a request should fail in seconds, not hang a minute on a Neo4j that is down.
    return GraphDatabase.driver(
        config["NEO4J_URI"],
        auth=auth,
        max_connection_pool_size=64,
        connection_acquisition_timeout=config.get("NEO4J_ACQUISITION_TIMEOUT", 5.0),
        connection_timeout=config.get("NEO4J_CONNECT_TIMEOUT", 5.0),
        max_transaction_retry_time=0,  # the Store retries (see store.py)
        # Labels and properties that no node has yet (no introductions yet, say) are normal here.
        notifications_disabled_classifications=["UNRECOGNIZED"],
    )


def store_for(config: Mapping[str, Any]) -> Store:
    """A connected store: fails early, with advice, when Neo4j is not there."""
    driver = driver_for(config)
    try:
        driver.verify_connectivity()
    except (ServiceUnavailable, AuthError, OSError) as error:
        driver.close()
        raise Neo4jUnavailable(
            f"Neo4j does not answer at {config['NEO4J_URI']} ({error}). Start the local one with "
            "`graphsvc neo4j start` and export the NEO4J_URI it prints, or point NEO4J_URI "
            "(and NEO4J_USER / NEO4J_PASSWORD) at your server."
        ) from error
    return Store(driver, queries.load(Path(config["CYPHER_DIR"])), config["NEO4J_DATABASE"])


@contextmanager
def open_store(config: Mapping[str, Any]) -> Iterator[Store]:
    """For the CLI: a store whose driver is closed when the block ends."""
    store = store_for(config)
    try:
        yield store
    finally:
        store.driver.close()


def init_app(app: Flask) -> None:
    store = store_for(app.config).guarded(
        timeout=app.config["QUERY_TIMEOUT"], retry_seconds=app.config["RETRY_SECONDS"]
    )
    if app.config["MIGRATE_ON_START"]:
        migrate.apply(store, MIGRATIONS)
    app.extensions[EXTENSION] = store
    # Flask has no shutdown signal: close the driver when the app is collected or at exit.
    weakref.finalize(app, store.driver.close)


def get_store_of(app: Flask) -> Store:
    return app.extensions[EXTENSION]


def get_store() -> Store:
    return get_store_of(current_app)
