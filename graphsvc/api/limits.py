"""Per-key rate limits (flask-limiter): 429 with ``Retry-After`` past them.

Each API key has its own budget, and a frontend key one per member it acts for, since one
frontend key serves all of its users (callers without a key share one per address):
``GRAPHSVC_RATE_LIMIT`` for every operation, and a tighter ``GRAPHSVC_RATE_LIMIT_RECOMMENDATIONS``
on the recommendation endpoints, which cost the most. /health and the docs are exempt. Counts
live in each process's memory unless ``GRAPHSVC_RATELIMIT_STORAGE`` names a shared store
(``redis://...``), which a deployment with several workers or hosts should set.
"""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from graphsvc.api.auth import ACTING_HEADER, presented_secret
from graphsvc.keys import data as keys


def caller() -> str:
    """The key's digest (never the secret itself) and the acting member, or the address."""
    secret = presented_secret()
    if not secret:
        return f"ip:{get_remote_address()}"
    return f"key:{keys.hash_secret(secret)[:16]}:{request.headers.get(ACTING_HEADER, '')}"


def _exempt() -> bool:
    return request.path.startswith(("/health", "/docs", "/openapi.json"))


def init_app(app: Flask, costly: Blueprint) -> None:
    """A limiter per app: its registry of limits must not outlive the app (tests make many)."""
    limiter = Limiter(key_func=caller, headers_enabled=True, default_limits_exempt_when=_exempt)
    limiter.limit(lambda: current_app.config["RATE_LIMIT_RECOMMENDATIONS"])(costly)
    limiter.init_app(app)
