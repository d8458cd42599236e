"""Per-key rate limits (flask-limiter): 429 with ``Retry-After`` (at least 1 s) past them.

Each API key has its own budget, whatever ``X-Acting-Member`` says: a budget per acting member
let one key with a new member name on every request go unlimited. Callers with no key, or a
key that is unknown or revoked, share one budget per address, so new bogus keys buy nothing:
``GRAPHSVC_RATE_LIMIT`` for every operation, and a tighter ``GRAPHSVC_RATE_LIMIT_RECOMMENDATIONS``
on the recommendation endpoints, which cost the most. /health and the docs are exempt. Counts
live in each process's memory unless ``GRAPHSVC_RATELIMIT_STORAGE`` names a shared store
(``redis://...``), which a deployment with several workers or hosts should set.
"""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from graphsvc.api.auth import EXTENSION, presented_secret


def caller() -> str:
    """The key's id (never the secret), or the address when there is no live key."""
    secret = presented_secret()
    key = current_app.extensions[EXTENSION].find(secret) if secret else None
    if key is None:
        return f"ip:{get_remote_address()}"
    return f"key:{key['id']}"


def _exempt() -> bool:
    return request.path.startswith(("/health", "/docs", "/openapi.json"))


def init_app(app: Flask, costly: Blueprint) -> None:
    """A limiter per app: its registry of limits must not outlive the app (tests make many)."""
    limiter = Limiter(key_func=caller, headers_enabled=True, default_limits_exempt_when=_exempt)
    limiter.limit(lambda: current_app.config["RATE_LIMIT_RECOMMENDATIONS"])(costly)
    limiter.init_app(app)
