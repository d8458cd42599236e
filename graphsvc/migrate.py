"""Schema migrations: constraints and indexes, applied idempotently at every start.

``cypher/migrations/NNN_name.cypher`` files hold schema statements separated by ``;``; each uses
``IF NOT EXISTS`` so that applying them twice is the same as once.
"""

from __future__ import annotations

from pathlib import Path

from graphsvc.store import Store


def statements(directory: Path) -> list[tuple[str, str]]:
    found = []
    for path in sorted(directory.glob("*.cypher")):
        text = "\n".join(
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith("//")
        )
        found.extend((path.stem, part.strip()) for part in text.split(";") if part.strip())
    return found


def apply(store: Store, directory: Path) -> int:
    """Apply every schema statement, wait for the indexes to come online; returns the count."""
    applied = statements(directory)
    for _, statement in applied:
        store.run_autocommit(statement)
    store.run_autocommit(store.queries["await_indexes"].text)
    return len(applied)
