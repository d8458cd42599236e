"""What operators see: one JSON access-log line per request, and Prometheus metrics at /metrics.

- **Access log** (python-json-logger): ``{"time", "request_id", "method", "route", "path",
  "status", "duration_ms", "key_id"}`` per request, to stderr (``GRAPHSVC_ACCESS_LOG``: ``-``,
  a file path, or empty for none). Never a secret, a body or a member's name.
- **Metrics** (prometheus-client): request latency per route and status, Neo4j time per named
  query, requests in flight, and whether the circuit breaker is open. With several workers every
  worker writes to ``PROMETHEUS_MULTIPROC_DIR`` (server.py sets one up) and /metrics adds them
  up, so a scrape sees the whole service, whichever worker answers it.
"""

from __future__ import annotations

import atexit
import logging
import os
import queue
import sys
import time
from logging.handlers import QueueHandler, QueueListener

from flask import Flask, Response, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from pythonjsonlogger.json import JsonFormatter

from graphsvc.store import Store

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
REQUESTS = Histogram(
    "graphsvc_request_seconds", "Time to answer a request.", ["method", "route", "status"],
    buckets=BUCKETS,
)  # fmt: skip
QUERIES = Histogram(
    "graphsvc_query_seconds", "Time of one named Cypher query, round trip.", ["query"],
    buckets=BUCKETS,
)  # fmt: skip
IN_FLIGHT = Gauge(
    "graphsvc_requests_in_flight", "Requests being answered.", multiprocess_mode="livesum"
)
BREAKER_OPEN = Gauge(
    "graphsvc_neo4j_breaker_open", "1 while the circuit breaker holds requests back from Neo4j.",
    multiprocess_mode="max",
)  # fmt: skip
access_log = logging.getLogger("graphsvc.access")


class _Listener(QueueListener):
    """Formats and writes the queued lines in its own thread; drained and closed at exit or
    when the log is configured again."""

    def __init__(self, handler: logging.Handler) -> None:
        super().__init__(queue.SimpleQueue(), handler)
        self.start()
        atexit.register(self.close)

    def flush(self) -> None:
        self.stop()  # writes what is queued, then the thread ends
        self.start()

    def close(self) -> None:
        if self._thread is not None:
            self.stop()
        for handler in self.handlers:
            handler.close()


_listener: _Listener | None = None


def _log_to(destination: str) -> None:
    """The access log's one handler (the logger is process-wide: the last app configures it).

    A request only puts its record on a queue; a listener thread formats it as JSON and writes
    it. Under 20 concurrent requests, threads waiting on the handler's lock around a write to
    stderr showed in the profile of every request.
    """
    global _listener
    for handler in access_log.handlers:
        handler.close()
    access_log.handlers.clear()
    access_log.propagate = False
    if _listener is not None:
        _listener.close()
        _listener = None
    if not destination:
        access_log.disabled = True
        return
    access_log.disabled = False
    handler = (
        logging.StreamHandler(sys.stderr)
        if destination == "-"
        else logging.FileHandler(destination)
    )
    handler.setFormatter(JsonFormatter(timestamp="time"))
    _listener = _Listener(handler)
    access_log.addHandler(QueueHandler(_listener.queue))
    access_log.setLevel(logging.INFO)


def flush_access_log() -> None:
    """Returns once every line logged so far is written (for a reader of the file)."""
    if _listener is not None:
        _listener.flush()


def _started() -> None:
    g.started = time.perf_counter()
    IN_FLIGHT.inc()


def _finished(response: Response) -> Response:
    if "started" not in g:
        return response
    IN_FLIGHT.dec()
    seconds = time.perf_counter() - g.started
    route = request.url_rule.rule if request.url_rule else "(no route)"
    REQUESTS.labels(request.method, route, str(response.status_code)).observe(seconds)
    principal = g.get("principal")
    access_log.info(
        "request",
        extra={
            "request_id": g.get("request_id"),
            "method": request.method,
            "route": route,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round(1000 * seconds, 2),
            "key_id": principal.key_id if principal else None,
        },
    )
    return response


def metrics() -> Response:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
    return Response(generate_latest(), content_type=CONTENT_TYPE_LATEST)


def init_app(app: Flask, store: Store) -> None:
    _log_to(app.config["ACCESS_LOG"])
    store.query_observers.append(lambda name, seconds: QUERIES.labels(name).observe(seconds))
    if store.breaker is not None:
        store.breaker.on_change = lambda is_open: BREAKER_OPEN.set(1 if is_open else 0)
    app.before_request(_started)
    app.after_request(_finished)
    app.add_url_rule("/metrics", "metrics", metrics)
