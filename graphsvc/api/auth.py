"""Who is calling: API keys with roles, and the member a frontend key acts for.

    Authorization: Bearer gsk_...        (or X-API-Key: gsk_...)
    X-Acting-Member: m000123             (frontend keys: the member whose session this is)

Roles are ordered: ``frontend`` < ``manager`` < ``admin``. Only frontend keys name an acting
member (a manager key naming one would borrow that member's rights). A frontend key reads
recommendations and public profiles and writes only for the member it acts for (the frontend
authenticates its users; a key created with ``--member`` is bound to that one member). A manager
reads everything and curates skills and cities; an admin does everything, keys included.

Key look-ups are cached per process (``KEY_CACHE_SECONDS``, 30 s), and a revocation takes effect
at once in every worker of the host: revoking (through the API, ``graphsvc keys revoke``, erasure
or archiving) rewrites a stamp file (``KEY_STAMP``), and each request compares the stamp's time
with the one its process last saw (a ``stat``, a few microseconds) and drops the cache when it
changed. Processes on other hosts drop revoked keys within ``KEY_CACHE_SECONDS``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from cachetools import TTLCache
from flask import Flask, current_app, g, request

from graphsvc import credentials
from graphsvc.access import ACTING_HEADER, Principal, Role
from graphsvc.api.errors import http_error
from graphsvc.db import get_store
from graphsvc.errors import Forbidden

__all__ = ["ACTING_HEADER", "current_principal", "forget_cached_keys", "init_app", "requires"]

EXTENSION = "graphsvc.keys"

F = TypeVar("F", bound=Callable[..., Any])


def presented_secret() -> str | None:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return request.headers.get("X-API-Key") or None


class KeyCache:
    """This process's key look-ups, dropped whenever the revocation stamp changes."""

    def __init__(self, seconds: float, stamp: str) -> None:
        self._keys: TTLCache[str, dict[str, Any] | None] = TTLCache(maxsize=4096, ttl=seconds)
        self._stamp = stamp
        self._seen = self._stamp_time()

    def _stamp_time(self) -> int:
        try:
            return os.stat(self._stamp).st_mtime_ns
        except FileNotFoundError:
            return 0

    def find(self, secret: str) -> dict[str, Any] | None:
        stamp = self._stamp_time()
        if stamp != self._seen:
            self._keys.clear()
            self._seen = stamp
        digest = credentials.hash_secret(secret)
        if digest not in self._keys:
            self._keys[digest] = credentials.find_key(get_store(), secret)
        return self._keys[digest]

    def revoked(self) -> None:
        """After a revocation committed: this process and every other one on the host forget."""
        self._keys.clear()
        credentials.announce_revocation(self._stamp)


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = KeyCache(app.config["KEY_CACHE_SECONDS"], app.config["KEY_STAMP"])


def forget_cached_keys() -> None:
    current_app.extensions[EXTENSION].revoked()


def current_principal() -> Principal:
    if "principal" in g:
        return g.principal
    secret = presented_secret()
    unauthenticated = {"WWW-Authenticate": 'Bearer realm="graphsvc"'}
    if secret is None:
        raise http_error(
            401,
            "An API key is required: send 'Authorization: Bearer <key>'.",
            headers=unauthenticated,
        )
    key = current_app.extensions[EXTENSION].find(secret)
    if key is None:
        raise http_error(401, "This API key is unknown or revoked.", headers=unauthenticated)
    acting = request.headers.get(ACTING_HEADER) or None
    role = Role(key["role"])
    if acting and role is not Role.FRONTEND:
        raise Forbidden(
            f"Only frontend keys act for a member: a {key['role']} key acts as itself, so send "
            f"no {ACTING_HEADER} header with it."
        )
    if key.get("member_id"):
        if acting not in (None, key["member_id"]):
            raise Forbidden(f"This key is bound to member {key['member_id']!r}.")
        acting = key["member_id"]
    g.principal = Principal(key_id=key["id"], role=role, acting_member=acting)
    return g.principal


def requires(role: Role | str) -> Callable[[F], F]:
    """The view needs a key of at least ``role`` (401 without a key, 403 below the role)."""

    def decorate(view: F) -> F:
        @wraps(view)
        def checked(*args: Any, **kwargs: Any) -> Any:
            principal = current_principal()
            if not principal.at_least(role):
                raise Forbidden(f"This needs a {role} key; yours is a {principal.role} key.")
            return view(*args, **kwargs)

        return checked  # type: ignore[return-value]

    return decorate
