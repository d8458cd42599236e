"""Runs named queries in managed transactions: the only place that touches a driver session.

A ``Store`` is what the data-access modules receive. One call is one unit of work: a session,
its statements, and plain data back. A write unit is one managed transaction: all of it commits
or none. A read unit runs each statement as its own auto-commit transaction: Neo4j reads at
read-committed isolation inside a transaction too, so a read transaction would add a COMMIT round
trip (about half a millisecond here, on every request) and no consistency.

Retries are ours (tenacity), not the driver's, because the driver has one budget for two
different things: a deadlock or a stale pooled connection deserves a few quick retries, a Neo4j
that is down deserves a fast failure. So the driver does not retry, and a unit of work is retried
with jittered backoff for at most ``retry_seconds``.

Past one machine: with a ``neo4j://`` URI the driver routes read units to a cluster's secondaries
(they open read sessions) and write units to its leader; every session shares the driver's
bookmark manager, so a read that follows a write in this process waits until the replica has
it (read-your-writes).

For the service, two more guards (``Store.guarded``): every transaction has a timeout, so one
heavy request cannot hold Neo4j for the others; and a circuit breaker (breaker.py), so that
while Neo4j is down requests fail at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import tenacity
from neo4j import READ_ACCESS, Driver, ManagedTransaction, Query, Result, Session, unit_of_work
from neo4j.exceptions import (
    DatabaseUnavailable,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from neo4j.graph import Node, Relationship
from neo4j.spatial import WGS84Point
from neo4j.time import Date, DateTime

from graphsvc.breaker import Breaker
from graphsvc.queries import Query as NamedQuery

T = TypeVar("T")
log = logging.getLogger(__name__)


SCALARS = (str, int, float, bool, type(None))
NOT_RECORDED = object()


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


class AutoCommit:
    """A read unit's statements: each one its own auto-commit transaction, with the timeout."""

    def __init__(self, session: Session, timeout: float | None) -> None:
        self._session = session
        self._timeout = timeout

    def run(self, text: str, params: dict[str, Any]) -> Result:
        return self._session.run(Query(text, timeout=self._timeout), params)


class Tx:
    """Runs queries by name, so a unit of work can span several statements."""

    def __init__(
        self, tx: ManagedTransaction | AutoCommit, queries: Mapping[str, NamedQuery],
        observers: Sequence[Callable[[str, float], None]] = (),
    ) -> None:  # fmt: skip
        self._tx = tx
        self._queries = queries
        self._observers = observers

    def _timed(self, name: str, started: float) -> None:
        for observe in self._observers:
            observe(name, time.perf_counter() - started)

    def run(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        started = time.perf_counter()
        # dict(record), not record.data(): data() re-walks every value; plain() walks once.
        result = self._tx.run(self._queries[name].text, params)
        rows = [{key: plain(value) for key, value in record.items()} for record in result]
        self._timed(name, started)
        return rows

    def single(self, name: str, /, **params: Any) -> dict[str, Any] | None:
        rows = self.run(name, **params)
        return rows[0] if rows else None

    def one(self, name: str, /, **params: Any) -> dict[str, Any]:
        """The first row of a statement that always returns one (a read after a check, a count)."""
        row = self.single(name, **params)
        if row is None:
            raise LookupError(f"{name} returned no row")
        return row

    def single_as_decoded(self, name: str, /, **params: Any) -> dict[str, Any] | None:
        """``single`` without ``plain``: for queries that return only strings, numbers, lists and
        maps (the recommendations: their rows are large, and walking them cost 0.3 ms each)."""
        started = time.perf_counter()
        record = self._tx.run(self._queries[name].text, params).single()
        self._timed(name, started)
        return None if record is None else dict(record)


UNREACHABLE = (ServiceUnavailable, SessionExpired, DatabaseUnavailable, OSError)


def retryable(error: BaseException) -> bool:
    """A deadlock or a pooled connection that broke: trying again at once may well succeed. A
    database that is stopping or starting will not be back within a request's time."""
    if isinstance(error, DatabaseUnavailable):
        return False
    return isinstance(error, DriverError | Neo4jError) and error.is_retryable()


class Store:
    def __init__(
        self, driver: Driver, queries: Mapping[str, NamedQuery], database: str | None = None
    ):
        self.driver = driver
        self.queries = queries
        self.database = database
        self.timeout: float | None = None
        self.retry_seconds = 30.0
        self.breaker: Breaker | None = None
        # Run first in every write transaction, so what they write commits with the write: the
        # service's audit log and Idempotency-Key claims (api/writes.py).
        self.write_hooks: list[Callable[[Tx], None]] = []
        # Run last in every write transaction with the unit's result, so it commits with it (an
        # Idempotency-Key records each step of its request, to answer a retry after a crash).
        self.result_hooks: list[Callable[[Tx, Any], None]] = []
        # Asked before every write unit: a result recorded by an earlier run of the same request
        # (which then runs nothing), or ``NOT_RECORDED``.
        self.recorded_result: Callable[[], Any] = lambda: NOT_RECORDED
        # Told each named query's round trip (name, seconds): the service's metrics.
        self.query_observers: list[Callable[[str, float], None]] = []

    def guarded(self, timeout: float, retry_seconds: float = 1.0) -> Store:
        """This store with a transaction timeout, short retries and a circuit breaker."""
        self.timeout, self.retry_seconds = timeout, retry_seconds
        self.breaker = Breaker(probe=lambda: self.read_once("describe_neo4j"))
        return self

    def _guard(self, unit: Callable[[], T]) -> T:
        """The unit, retried while that may help, behind the circuit breaker."""
        retrying = tenacity.Retrying(
            retry=tenacity.retry_if_exception(retryable),
            stop=tenacity.stop_after_delay(self.retry_seconds) | tenacity.stop_after_attempt(5),
            wait=tenacity.wait_random_exponential(multiplier=0.02, max=0.25),
            before_sleep=tenacity.before_sleep_log(log, logging.INFO),
            reraise=True,
        )
        if self.breaker is None:
            return retrying(unit)
        self.breaker.check()
        try:
            result = retrying(unit)
        except UNREACHABLE:
            self.breaker.failed()
            raise
        self.breaker.succeeded()
        return result

    def read(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        return self.read_unit(lambda tx: tx.run(name, **params))

    def write(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        return self.write_unit(lambda tx: tx.run(name, **params))

    def read_page(self, name: str, /, **params: Any) -> tuple[int, list[dict[str, Any]]]:
        """For list queries that return one row of ``total`` and ``items``."""
        row = self.read(name, **params)[0]
        return row["total"], row["items"]

    def read_unit(self, work: Callable[[Tx], T]) -> T:
        with self.driver.session(
            database=self.database, default_access_mode=READ_ACCESS,
            bookmark_manager=self.driver.execute_query_bookmark_manager,
        ) as session:  # fmt: skip
            statements = Tx(AutoCommit(session, self.timeout), self.queries, self.query_observers)
            return self._guard(lambda: work(statements))

    def write_unit(self, work: Callable[[Tx], T]) -> T:
        """All of ``work`` commits or none of it does: an exception rolls the transaction back."""

        recorded = self.recorded_result()
        if recorded is not NOT_RECORDED:
            return recorded

        def transaction(tx: ManagedTransaction) -> T:
            statements = Tx(tx, self.queries, self.query_observers)
            for hook in self.write_hooks:
                hook(statements)
            result = work(statements)
            for after in self.result_hooks:
                after(statements, result)
            return result

        timed = unit_of_work(timeout=self.timeout)(transaction)
        with self.driver.session(
            database=self.database, bookmark_manager=self.driver.execute_query_bookmark_manager
        ) as session:
            return self._guard(lambda: session.execute_write(timed))

    def read_once(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        """No retries: for a readiness check, which must answer fast when Neo4j is down."""
        with self.driver.session(database=self.database) as session:
            return [record.data() for record in session.run(self.queries[name].text, params)]

    def run_autocommit(self, text: str) -> None:
        """Schema commands and ``CALL {} IN TRANSACTIONS`` need an auto-commit transaction."""
        with self.driver.session(database=self.database) as session:
            session.run(text).consume()
