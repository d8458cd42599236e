"""Serving the app with gunicorn: several worker processes, each with its own app and driver.

One Python process tops out at one core (the GIL); recommendations spend most of their CPU in
Python, so the service runs one worker per core by default, each with a pool of threads for the
time spent waiting on Neo4j. Workers build their app after the fork, so no driver connection is
ever shared between processes.
"""

from __future__ import annotations

import gc
import os
import tempfile
from typing import Any

from gunicorn.app.base import BaseApplication


class GraphsvcServer(BaseApplication):
    def __init__(self, options: dict[str, Any]):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from graphsvc import create_app

        return create_app()


def _worker_ready(worker: Any) -> None:
    """Move everything the app allocated at start out of the collector's sight.

    A full collection walks every tracked object, about 160,000 once the app and its libraries
    are loaded, while the worker holds the GIL: a pause every request on that worker waits out.
    Frozen, they are never scanned again (as Instagram does with its Django workers).
    """
    gc.collect()
    gc.freeze()


def _worker_exited(server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # its gauges stop counting


def serve(host: str, port: int) -> None:
    """Blocks until SIGTERM or SIGINT; gunicorn then stops its workers gracefully.

    ``GRAPHSVC_WORKERS`` (default: one per core) and ``GRAPHSVC_THREADS`` (default 8) size it.
    Workers write their metrics to ``PROMETHEUS_MULTIPROC_DIR`` (a fresh temporary directory
    unless set), which /metrics adds up.
    """
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="graphsvc-metrics-")
    GraphsvcServer(
        {
            "bind": f"{host}:{port}",
            "workers": int(os.environ.get("GRAPHSVC_WORKERS") or os.cpu_count() or 2),
            "threads": int(os.environ.get("GRAPHSVC_THREADS") or 8),
            "worker_class": "gthread",
            "timeout": 60,
            "graceful_timeout": 10,
            "accesslog": None,
            "loglevel": "warning",
            "post_worker_init": _worker_ready,
            "child_exit": _worker_exited,
            # The heartbeat file each worker touches on every loop: in memory, not on disk.
            "worker_tmp_dir": "/dev/shm" if os.path.isdir("/dev/shm") else None,
        }
    ).run()
