"""API keys: random secrets shown once, stored as SHA-256 hashes (see ``credentials``)."""

from __future__ import annotations

import secrets
from typing import Any

from graphsvc.access import ROLES
from graphsvc.credentials import announce_revocation, find_key, hash_secret
from graphsvc.store import Store

__all__ = ["ROLES", "announce_revocation", "create_key", "find_key", "list_keys", "revoke_key"]

PREFIX = "gsk"


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


def list_keys(store: Store) -> list[dict[str, Any]]:
    return [row["key"] for row in store.read("list_api_keys")]


def revoke_key(store: Store, key_id: str) -> dict[str, Any] | None:
    rows = store.write("revoke_api_key", id=key_id)
    return rows[0]["key"] if rows else None
