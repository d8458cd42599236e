from __future__ import annotations

import pytest
from neo4j.exceptions import ConstraintError

from graphsvc import migrate
from graphsvc.db import MIGRATIONS
from graphsvc.model import NODE_LABELS
from graphsvc.store import Store
from tests.graphs import city


def test_migrations_run_once_and_are_recorded(store: Store) -> None:
    before = store.read("list_indexes")
    files = sorted(path.stem for path in MIGRATIONS.glob("*.cypher"))
    assert migrate.apply(store, MIGRATIONS) == files  # the emptied graph lost its records
    assert migrate.apply(store, MIGRATIONS) == []
    recorded = store.read("list_migrations")
    assert [r["name"] for r in recorded] == files and all(
        len(r["checksum"]) == 64 for r in recorded
    )
    after = store.read("list_indexes")
    assert [i["name"] for i in after] == [i["name"] for i in before]
    assert all(i["state"] == "ONLINE" for i in after)


def test_an_applied_migration_that_changed_is_refused(store: Store, tmp_path) -> None:
    (tmp_path / "001_a.cypher").write_text("CREATE INDEX t_a IF NOT EXISTS FOR (n:T) ON (n.a)")
    assert migrate.apply(store, tmp_path) == ["001_a"]
    (tmp_path / "001_a.cypher").write_text("CREATE INDEX t_b IF NOT EXISTS FOR (n:T) ON (n.b)")
    with pytest.raises(migrate.MigrationChanged, match=r"001_a\.cypher changed"):
        migrate.apply(store, tmp_path)
    store.run_autocommit("DROP INDEX t_a IF EXISTS")


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
