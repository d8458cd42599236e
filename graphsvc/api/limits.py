"""Per-key rate limits (flask-limiter): 429 with ``Retry-After`` (at least 1 s) past them.

Each API key has its own budget, whatever ``X-Acting-Member`` says: a budget per acting member
let one key with a new member name on every request go unlimited. Callers with no key, or a
key that is unknown or revoked, share one budget per address, so new bogus keys buy nothing:
``GRAPHSVC_RATE_LIMIT`` for every operation, and a tighter ``GRAPHSVC_RATE_LIMIT_RECOMMENDATIONS``
on the recommendation endpoints, which cost the most. /health and the docs are exempt. Counts
live in each process's memory unless ``GRAPHSVC_RATELIMIT_STORAGE`` names a shared store
(``redis://...``), which a deployment with several workers or hosts should set.

Rates do not stop one caller from keeping the machine busy with a few slow requests at once.
Routes marked ``@costly`` (a city's stats, charts and dashboard: whole-city graph algorithms and
chart drawing, the GIL held) also run at most ``COSTLY_CONCURRENCY`` at a time per caller in
each worker process; another one at that moment gets a 429 at once (Retry-After 1), so the
caller's extra requests cost a refusal, not a thread and a core.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint, Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits.storage import MemoryStorage

from graphsvc.api.auth import EXTENSION, presented_secret
from graphsvc.api.errors import http_error

F = TypeVar("F", bound=Callable[..., Any])
RUNNING = "graphsvc.costly_running"


def caller() -> str:
    """The key's id (never the secret), or the address when there is no live key."""
    secret = presented_secret()
    key = current_app.extensions[EXTENSION].find(secret) if secret else None
    if key is None:
        return f"ip:{get_remote_address()}"
    return f"key:{key['id']}"


def _exempt() -> bool:
    return request.path.startswith(("/health", "/docs", "/openapi.json"))


class ThreadSafeMemoryStorage(MemoryStorage):
    """limits' memory storage, whose expiry timer two threads may start at once.

    In limits 5.8 (the newest on PyPI), two requests counted at the same moment can both find
    the timer stopped and start the same new one twice: ``RuntimeError: threads can only be
    started once``, a 500. Seen 4 times in some 130,000 requests of a flood of city stats
    with rate limits on, while a 0.5 ms switch interval was being tried; a race, so rarer at
    the default but there. Fixed upstream (alisaifee/limits#352) but not released; drop this
    class once it is."""

    STORAGE_SCHEME = ["graphsvc-memory"]  # noqa: RUF012  (limits registers schemes by this name)

    def __init__(self, uri: str | None = None, **options: Any) -> None:
        self._timer_lock = threading.Lock()
        super().__init__(uri, **options)

    def _MemoryStorage__schedule_expiry(self) -> None:  # the private method incr() calls
        with self._timer_lock:
            super()._MemoryStorage__schedule_expiry()  # type: ignore[misc]


def init_app(app: Flask, costly: Blueprint) -> None:
    """A limiter per app: its registry of limits must not outlive the app (tests make many)."""
    if app.config.get("RATELIMIT_STORAGE_URI", "memory://").startswith("memory://"):
        app.config["RATELIMIT_STORAGE_URI"] = "graphsvc-memory://"
    limiter = Limiter(key_func=caller, headers_enabled=True, default_limits_exempt_when=_exempt)
    limiter.limit(lambda: current_app.config["RATE_LIMIT_RECOMMENDATIONS"])(costly)
    limiter.init_app(app)
    app.extensions[RUNNING] = (threading.Lock(), {})


def costly(view: F) -> F:
    """At most ``COSTLY_CONCURRENCY`` of the caller's costly requests run at once in a process."""

    @functools.wraps(view)
    def limited(*args: Any, **kwargs: Any) -> Any:
        ceiling = current_app.config["COSTLY_CONCURRENCY"]
        lock, running = current_app.extensions[RUNNING]
        who = caller()
        with lock:
            if running.get(who, 0) >= ceiling:
                raise http_error(
                    429,
                    f"This key already runs {ceiling} city dashboard requests (stats, charts) "
                    "at once: wait for them to finish, then retry (stats are cached a minute, "
                    "so asking again is cheap).",
                    headers={"Retry-After": "1"},
                )
            running[who] = running.get(who, 0) + 1
        try:
            return view(*args, **kwargs)
        finally:
            with lock:
                running[who] -= 1
                if not running[who]:
                    del running[who]

    return limited  # type: ignore[return-value]
