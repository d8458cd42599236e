"""Whole-city computations in a helper process, so that they never hold the worker's GIL.

A city's stats and charts build graphs, run graph algorithms and draw, in Python, up to seconds
of CPU on a large city. Run in a request thread, such a computation holds the GIL its
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
import time
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


def _start(parent: int) -> None:
    """In the helper: lower its priority, and end it when its worker ends. A helper waits on a
    pipe its own process also holds open, so it never sees its worker go; unwatched, each
    worker stopped or killed left its helper behind, for good."""
    os.nice(NICENESS)
    threading.Thread(target=_end_with, args=(parent,), daemon=True).start()


def _end_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def _helper() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            # spawn, never fork: a fork of a threaded worker may copy a lock another thread holds.
            _pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start,
                initargs=(os.getpid(),),
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
