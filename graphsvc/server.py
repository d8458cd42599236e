"""Serving the app with Granian: several worker processes, each with its own app and driver.

One Python process tops out at one core (the GIL); recommendations spend most of their CPU in
Python, so the service runs one worker per core by default, each with a pool of threads for the
time spent waiting on Neo4j. Workers build their app themselves (``worker_app``), so no driver
connection is ever shared between processes.

Why Granian and not gunicorn: its HTTP layer is Rust, outside the GIL. Measured side by side on
the same app and Neo4j (README, "Measured"), a request costs about 0.45 ms less, a tenth of
what an endpoint adds to its own Cypher statement.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import tempfile
from pathlib import Path

from flask import Flask
from granian import Granian
from granian.constants import Interfaces
from granian.log import LogLevels

from graphsvc.config import Settings


def _forget_dead_workers(metrics_dir: Path) -> None:
    """A worker that crashed left its in-flight gauge behind; the one that replaces it drops
    it, so /metrics never counts requests of a process that is gone."""
    from prometheus_client import multiprocess

    for path in metrics_dir.glob("gauge_live*_*.db"):  # gauge_livesum_<pid>.db
        pid = int(path.stem.rpartition("_")[2])
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            multiprocess.mark_process_dead(pid, str(metrics_dir))
        except PermissionError:
            pass  # alive, someone else's


def worker_app() -> Flask:
    """What each worker serves, built in the worker.

    Then everything the app allocated at start is moved out of the collector's sight: a full
    collection walks every tracked object, about 160,000 once the app and its libraries are
    loaded, while the worker holds the GIL, a pause that every request on the worker waits
    out. Frozen, they are never scanned again (as Instagram does with its Django workers).
    """
    from graphsvc import create_app

    _forget_dead_workers(Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]))
    app = create_app()
    gc.collect()
    gc.freeze()
    return app


def serve(host: str, port: int) -> None:
    """Blocks until SIGTERM or SIGINT; Granian then stops its workers gracefully.

    ``GRAPHSVC_WORKERS`` (default: one per core) and ``GRAPHSVC_THREADS`` (default 8) size it.
    Workers write their metrics to ``PROMETHEUS_MULTIPROC_DIR`` (a fresh temporary directory
    unless set), which /metrics adds up. A worker that dies is started again. Granian warns that
    8 threads is many for 2 cores; they spend most of their time waiting on Neo4j, and 8 gave
    10 % more requests/s than 4 at 20 clients.
    """
    settings = Settings.from_environment()
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="graphsvc-metrics-")
    # Workers start as new interpreters, not as forks of this one: prometheus_client decides
    # where values live when it is imported, and the CLI imported it before the directory was
    # set, so a forked worker would count in its own memory, where /metrics never looks.
    multiprocessing.set_start_method("spawn", force=True)
    Granian(
        f"{__name__}:worker_app",
        factory=True,
        interface=Interfaces.WSGI,
        address=host,
        port=port,
        workers=settings.workers or os.cpu_count() or 2,
        blocking_threads=settings.threads,
        respawn_failed_workers=True,
        workers_kill_timeout=10,
        log_level=LogLevels.warning,  # the app writes its own access log (observability.py)
    ).serve()
