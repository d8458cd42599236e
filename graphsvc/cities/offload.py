"""Whole-city computations in a helper process, so that they never hold the worker's GIL.

A city's stats and charts are pure Python (networkx's betweenness and Louvain, matplotlib) and
take up to seconds of CPU. Run in a request thread, such a computation holds the GIL its
worker's other threads need: each of them waits up to the interpreter's switch interval (5 ms)
every time it takes the GIL back, dozens of times per request. Measured with ``make probe``
(20 clients on uncached city stats, a bystander's ``/health``): p50 0.25-0.5 s in the thread,
in milliseconds here. The helper is one process per worker, started on first use and shared
by every app of the process; the operating system, not the GIL, shares the cores.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from graphsvc.errors import Unavailable

T = TypeVar("T")
# The helper's CPU priority: below the workers and Neo4j (0), so that a long computation uses
# the cores nobody else needs and an interactive request never waits behind it for a core.
NICENESS = 10

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def _helper() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            # spawn, never fork: a fork of a threaded worker may copy a lock another thread holds.
            _pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=os.nice,
                initargs=(NICENESS,),
            )
        return _pool


def run(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``function(*args, **kwargs)`` in the helper process (arguments and result are pickled).

    If the helper died (killed, out of memory), the caller gets a 503 and the next call
    starts a new one."""
    global _pool
    pool = _helper()
    try:
        return pool.submit(function, *args, **kwargs).result()
    except BrokenProcessPool:
        with _lock:
            if _pool is pool:
                _pool = None
        raise Unavailable(
            "The process computing city dashboards stopped; a new one is starting: retry."
        ) from None
