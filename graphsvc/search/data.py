"""Full-text search over names, titles, descriptions and bios."""

from __future__ import annotations

from typing import Any

from graphsvc.store import Store


def search(
    store: Store, query: str, *, kinds: list[str], limit: int, include_withdrawn: bool
) -> list[dict[str, Any]]:
    """``query`` is a Lucene query built from the user's words (``views.lucene_query``)."""
    return store.read(
        "search", query=query, kinds=kinds, limit=limit, include_withdrawn=include_withdrawn
    )
