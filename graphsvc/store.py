"""Runs named queries in managed transactions: the only place that touches a driver session.

A ``Store`` is what the data-access modules receive. One call is one unit of work: a session, one
managed transaction (retried by the driver on transient errors), and plain data back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from neo4j import Driver, ManagedTransaction
from neo4j.graph import Node, Relationship
from neo4j.spatial import WGS84Point
from neo4j.time import Date, DateTime

from graphsvc.queries import Query

T = TypeVar("T")


SCALARS = (str, int, float, bool, type(None))


def plain(value: Any) -> Any:
    """Neo4j's temporal, spatial and graph values as Python's, so callers get plain data.

    Called on every value of every record: scalars (most of them) return at the first test.
    """
    kind = type(value)
    if kind in SCALARS:
        return value
    if kind is dict:
        return {key: plain(item) for key, item in value.items()}
    if kind is list:
        return [plain(item) for item in value]
    if isinstance(value, DateTime | Date):
        return value.to_native()
    if isinstance(value, WGS84Point):
        return {"latitude": value.latitude, "longitude": value.longitude}
    if isinstance(value, Node | Relationship):
        return plain(dict(value))
    return value


class Tx:
    """A transaction that runs queries by name, so a unit of work can span several statements."""

    def __init__(self, tx: ManagedTransaction, queries: Mapping[str, Query]) -> None:
        self._tx = tx
        self._queries = queries

    def run(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        # dict(record), not record.data(): data() re-walks every value; plain() walks once.
        result = self._tx.run(self._queries[name].text, params)
        return [{key: plain(value) for key, value in record.items()} for record in result]

    def single(self, name: str, /, **params: Any) -> dict[str, Any] | None:
        rows = self.run(name, **params)
        return rows[0] if rows else None


class Store:
    def __init__(self, driver: Driver, queries: Mapping[str, Query], database: str | None = None):
        self.driver = driver
        self.queries = queries
        self.database = database

    def read(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        return self.read_unit(lambda tx: tx.run(name, **params))

    def write(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        return self.write_unit(lambda tx: tx.run(name, **params))

    def read_page(self, name: str, /, **params: Any) -> tuple[int, list[dict[str, Any]]]:
        """For list queries that return one row of ``total`` and ``items``."""
        row = self.read(name, **params)[0]
        return row["total"], row["items"]

    def read_unit(self, work: Callable[[Tx], T]) -> T:
        with self.driver.session(database=self.database) as session:
            return session.execute_read(lambda tx: work(Tx(tx, self.queries)))

    def write_unit(self, work: Callable[[Tx], T]) -> T:
        """All of ``work`` commits or none of it does: an exception rolls the transaction back."""
        with self.driver.session(database=self.database) as session:
            return session.execute_write(lambda tx: work(Tx(tx, self.queries)))

    def read_once(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        """No retries: for a readiness check, which must answer fast when Neo4j is down."""
        with self.driver.session(database=self.database) as session:
            return [record.data() for record in session.run(self.queries[name].text, params)]

    def run_autocommit(self, text: str) -> None:
        """Schema commands and ``CALL {} IN TRANSACTIONS`` need an auto-commit transaction."""
        with self.driver.session(database=self.database) as session:
            session.run(text).consume()
