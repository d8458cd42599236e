"""The audit log: committed writes, one entry per write transaction."""

from __future__ import annotations

from typing import Any

from graphsvc.store import Store


def list_audit(store: Store, **params: Any) -> tuple[int, list[dict[str, Any]]]:
    """A page of entries, newest first, with the number of entries that match."""
    return store.read_page("list_audit", **params)
