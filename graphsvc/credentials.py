"""API keys as credentials: how a presented secret is hashed and found, and how a revocation
reaches every process on the host.

The secrets are 256-bit random tokens, so a fast hash is enough (no password stretching: there is
nothing to brute-force); only the hash is stored, so a database dump reveals no usable key. Both
the keys resource (``keys/``) and the request's authentication (``api/auth.py``) use this, so
neither imports the other.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Any

from graphsvc.store import Store


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def find_key(store: Store, secret: str) -> dict[str, Any] | None:
    rows = store.read("find_api_key", hash=hash_secret(secret))
    return rows[0]["key"] if rows else None


def announce_revocation(stamp: str) -> None:
    """Tell every process on this host that serves the same database to drop its cached keys."""
    path = Path(stamp)
    spare = path.with_name(f"{path.name}.{os.getpid()}")
    spare.write_text(str(time.time_ns()))
    spare.replace(path)  # atomic: a reader never sees a half-written stamp
