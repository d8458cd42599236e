"""The explorer's graph: a node and its neighbourhood, bounded per hop."""

from __future__ import annotations

from typing import Any

from graphsvc.errors import require
from graphsvc.store import Store

KINDS = ("member", "project", "skill", "city", "need")
# The relationship types a manager may walk (introductions and API records stay out).
TYPES = (
    "KNOWS",
    "MEMBER_OF",
    "HAS_SKILL",
    "LIVES_IN",
    "BASED_IN",
    "HAS_NEED",
    "REQUIRES",
    "BROADER",
)
MAX_NODES_PER_HOP = 250


def neighbourhood(store: Store, kind: str, node_id: str, **params: Any) -> dict[str, Any]:
    """``kind`` is a label from the fixed list the schema accepts, never a user's text."""
    rows = store.read("neighbourhood", kind=kind, id=node_id, **params)
    return require(rows[0] if rows else None, kind, node_id)
