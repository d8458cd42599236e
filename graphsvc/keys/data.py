"""API keys: random secrets shown once, stored as SHA-256 hashes.

The secrets are 256-bit random tokens, so a fast hash is enough (no password stretching: there is
nothing to brute-force); only the hash is stored, so a database dump reveals no usable key.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from pathlib import Path
from typing import Any

from graphsvc.store import Store

ROLES = ("frontend", "manager", "admin")
PREFIX = "gsk"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(
    store: Store, *, name: str, role: str, member_id: str | None = None
) -> dict[str, Any]:
    """Create a key; the returned ``secret`` is the only copy there will ever be."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    key_id = secrets.token_hex(6)
    secret = f"{PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"
    row = store.write(
        "create_api_key",
        id=key_id,
        hash=hash_secret(secret),
        name=name,
        role=role,
        member_id=member_id,
    )[0]
    return {**row["key"], "secret": secret}


def find_key(store: Store, secret: str) -> dict[str, Any] | None:
    rows = store.read("find_api_key", hash=hash_secret(secret))
    return rows[0]["key"] if rows else None


def list_keys(store: Store) -> list[dict[str, Any]]:
    return [row["key"] for row in store.read("list_api_keys")]


def announce_revocation(stamp: str) -> None:
    """Tell every process on this host that serves the same database to drop its cached keys."""
    path = Path(stamp)
    spare = path.with_name(f"{path.name}.{os.getpid()}")
    spare.write_text(str(time.time_ns()))
    spare.replace(path)  # atomic: a reader never sees a half-written stamp


def revoke_key(store: Store, key_id: str) -> dict[str, Any] | None:
    rows = store.write("revoke_api_key", id=key_id)
    return rows[0]["key"] if rows else None
