"""Schema migrations: constraints and indexes, each file applied once and recorded in the graph.

``cypher/migrations/NNN_name.cypher`` files hold schema statements separated by ``;``. A file
that ran is recorded as a ``(:Migration {name, checksum, applied_at})`` node and is not run
again; a recorded file whose text changed is refused (write a new migration instead). Every
statement also says ``IF NOT EXISTS``, so a file run twice (a database emptied but for its
schema, say) does no harm.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from graphsvc.store import Store


class MigrationChanged(RuntimeError):
    """A migration that already ran was edited; the message says which and what to do."""


def file_statements(path: Path) -> list[str]:
    text = "\n".join(
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("//")
    )
    return [part.strip() for part in text.split(";") if part.strip()]


def statements(directory: Path) -> list[tuple[str, str]]:
    return [
        (path.stem, statement)
        for path in sorted(directory.glob("*.cypher"))
        for statement in file_statements(path)
    ]


def apply(store: Store, directory: Path) -> list[str]:
    """Apply the files not applied yet, in name order, then wait for the indexes to come
    online; returns the names of the files applied now."""
    done = {row["name"]: row["checksum"] for row in store.read("list_migrations")}
    applied = []
    for path in sorted(directory.glob("*.cypher")):
        checksum = hashlib.sha256(path.read_bytes()).hexdigest()
        if path.stem in done:
            if done[path.stem] != checksum:
                raise MigrationChanged(
                    f"Migration {path.name} changed after it was applied: restore it and put "
                    "the change in a new migration file."
                )
            continue
        for statement in file_statements(path):
            store.run_autocommit(statement)
        store.write("record_migration", name=path.stem, checksum=checksum)
        applied.append(path.stem)
    store.run_autocommit(store.queries["await_indexes"].text)
    return applied
