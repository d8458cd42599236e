from __future__ import annotations

import pytest
from neo4j.exceptions import ConstraintError

from graphsvc import migrate
from graphsvc.db import MIGRATIONS
from graphsvc.model import NODE_LABELS
from graphsvc.store import Store
from tests.graphs import city


def test_migrations_are_idempotent(store: Store) -> None:
    before = store.read("list_indexes")
    applied = migrate.apply(store, MIGRATIONS)
    again = migrate.apply(store, MIGRATIONS)
    after = store.read("list_indexes")
    assert applied == again == len(migrate.statements(MIGRATIONS))
    assert [i["name"] for i in after] == [i["name"] for i in before]
    assert all(i["state"] == "ONLINE" for i in after)


def test_every_node_label_has_a_unique_id(store: Store) -> None:
    constrained = {
        c["labels"][0]
        for c in store.read("list_constraints")
        if c["type"] == "UNIQUENESS" and c["properties"] == ["id"]
    }
    assert set(NODE_LABELS) <= constrained


def test_search_index_folds_accents(store: Store) -> None:
    fulltext = [i for i in store.read("list_indexes") if i["type"] == "FULLTEXT"]
    assert [i["name"] for i in fulltext] == ["search_text"]


def test_a_duplicate_member_id_is_rejected(store: Store, load) -> None:
    load([city("toulouse")])
    member = {"id": "m1", "name": "Léa", "consent": True}
    store.write("create_member", member=member, city_id="toulouse")
    with pytest.raises(ConstraintError):
        store.write("create_member", member={**member, "name": "Other"}, city_id="toulouse")
    assert store.read("count_graph")[0]["nodes"] == 2
