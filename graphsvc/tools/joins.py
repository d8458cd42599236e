"""Joins hidden from the graph, for tuning and evaluating the ranking on the graph's own history.

A join is a contributor membership. Hiding one (inside a transaction that is always rolled
back) deletes the membership, reopens the needs that member filled and deletes the
acquaintances with the team that only the join explains (dated on or after it), so the graph
looks as it did before they joined.

Projects are split once, by a hash of their id, into ``fit`` and ``validate`` (used by
``graphsvc tune``) and ``evaluate`` (used by ``graphsvc evaluate``): the model is never scored
on a join it was fitted on, whatever the sample sizes and seeds.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from graphsvc.store import Store, Tx

SPLITS = (("fit", 0.5), ("validate", 0.2), ("evaluate", 0.3))


def split_of(project_id: str) -> str:
    """The split a project belongs to, the same on every machine and every run."""
    fraction = int(hashlib.sha256(project_id.encode()).hexdigest()[:8], 16) / 16**8
    for name, share in SPLITS:
        if fraction < share:
            return name
        fraction -= share
    return SPLITS[-1][0]


def sample_joins(store: Store, split: str, sample: int, seed: int) -> dict[str, list[str]]:
    """A seeded sample of the contributor memberships of the split's projects, by project."""
    pairs = [
        (r["member_id"], r["project_id"])
        for r in store.read("list_contributions")
        if split_of(r["project_id"]) == split
    ]
    chosen = random.Random(seed).sample(pairs, min(sample, len(pairs)))
    by_project: dict[str, list[str]] = defaultdict(list)
    for member, project in sorted(chosen):
        by_project[project].append(member)
    return dict(sorted(by_project.items()))


@contextmanager
def hidden(
    store: Store, project_id: str, members: list[str]
) -> Iterator[tuple[Tx, dict[str, Any]]]:
    """A transaction in which the joins are undone; it is rolled back, whatever happens."""
    with store.driver.session(database=store.database) as session:
        transaction = session.begin_transaction()
        try:
            tx = Tx(transaction, store.queries)  # type: ignore[arg-type]  # run() is all Tx uses
            yield tx, tx.one("hide_memberships", project_id=project_id, member_ids=members)
        finally:
            transaction.rollback()
