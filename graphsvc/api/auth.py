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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from cachetools import TTLCache
from flask import Flask, current_app, g, request

from graphsvc.api.errors import http_error
from graphsvc.db import get_store
from graphsvc.errors import Forbidden
from graphsvc.keys import data as keys

RANK = {role: rank for rank, role in enumerate(keys.ROLES)}
ACTING_HEADER = "X-Acting-Member"
EXTENSION = "graphsvc.keys"

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Principal:
    key_id: str
    role: str
    acting_member: str | None

    def at_least(self, role: str) -> bool:
        return RANK[self.role] >= RANK[role]

    @property
    def is_staff(self) -> bool:
        """Managers and admins see members who withdrew consent."""
        return self.at_least("manager")

    def may_see(self, member: Mapping[str, Any]) -> bool:
        """A member who withdrew consent is named to staff and to themselves only."""
        return bool(member["consent"]) or self.is_staff or self.acting_member == member["id"]

    def sees_contact_of(self, member_id: str) -> bool:
        return self.role == "admin" or self.acting_member == member_id

    def require_member(self, member_id: str) -> None:
        """Writes about a member: the admin, or a frontend key acting for that very member."""
        if self.role == "admin":
            return
        if self.role == "frontend" and self.acting_member == member_id:
            return
        raise Forbidden(
            f"This key may not act for member {member_id!r}: a frontend key writes only for the "
            f"member named in {ACTING_HEADER}; managers curate skills and cities only."
        )


def require_holder(principal: Principal, project: dict[str, Any]) -> None:
    """Writes about a project: the admin, or a frontend key acting for one of its holders."""
    holders = {m["id"] for m in project["team"] if m["role"] == "holder"}
    if principal.role == "admin" or (
        principal.role == "frontend" and principal.acting_member in holders
    ):
        return
    raise Forbidden(
        f"Only a holder of project {project['id']!r} (acting through a frontend key) or an admin "
        "may change it."
    )


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
        digest = keys.hash_secret(secret)
        if digest not in self._keys:
            self._keys[digest] = keys.find_key(get_store(), secret)
        return self._keys[digest]

    def revoked(self) -> None:
        """After a revocation committed: this process and every other one on the host forget."""
        self._keys.clear()
        keys.announce_revocation(self._stamp)


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
    if acting and key["role"] != "frontend":
        raise Forbidden(
            f"Only frontend keys act for a member: a {key['role']} key acts as itself, so send "
            f"no {ACTING_HEADER} header with it."
        )
    if key.get("member_id"):
        if acting not in (None, key["member_id"]):
            raise Forbidden(f"This key is bound to member {key['member_id']!r}.")
        acting = key["member_id"]
    g.principal = Principal(key_id=key["id"], role=key["role"], acting_member=acting)
    return g.principal


def requires(role: str) -> Callable[[F], F]:
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
