"""A circuit breaker whose probe is never a user's request.

When Neo4j is down, each request would otherwise wait out connection attempts, and a Neo4j that
is shutting down holds new transactions up to 2 s before it refuses them (our launcher and
compose.yaml lower that to 300 ms). After ``threshold``
units of work in a row found Neo4j unreachable (one, by default: each was already retried) the
breaker opens: requests then fail at once (the API answers 503 with ``Retry-After``) and one
background thread probes Neo4j every ``interval`` seconds, closing the breaker when it answers.

Why not a library: pybreaker holds one lock around every guarded call (it would serialize all
database work of a worker), and circuitbreaker lets every request through once its timeout
elapses, so users' requests become the probes and wait on the half-dead database.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


class CircuitOpen(RuntimeError):
    """Neo4j was found unreachable and has not answered a probe since."""


class Breaker:
    def __init__(self, probe: Callable[[], object], threshold: int = 1, interval: float = 1.0):
        self.probe, self.threshold, self.interval = probe, threshold, interval
        self._failures = 0
        self._open = threading.Event()
        self._transition = threading.Lock()  # held for a state change only, never for a call
        self.on_change: Callable[[bool], None] = lambda is_open: None  # metrics watch this

    @property
    def is_open(self) -> bool:
        return self._open.is_set()

    def check(self) -> None:
        if self._open.is_set():
            raise CircuitOpen("Neo4j is unreachable; the service checks again every second.")

    def succeeded(self) -> None:
        self._failures = 0

    def failed(self) -> None:
        with self._transition:
            self._failures += 1
            if self._failures < self.threshold or self._open.is_set():
                return
            self._open.set()
        self.on_change(True)
        log.error(
            "Neo4j unreachable %d times in a row: failing fast until it answers", self.threshold
        )
        threading.Thread(target=self._probe_until_back, name="neo4j-probe", daemon=True).start()

    def _probe_until_back(self) -> None:
        while True:
            time.sleep(self.interval)
            try:
                self.probe()
            except Exception as error:
                log.debug("Neo4j probe failed: %s", error)
                continue
            with self._transition:
                self._failures = 0
                self._open.clear()
            self.on_change(False)
            log.warning("Neo4j answers again: the circuit breaker is closed")
            return
