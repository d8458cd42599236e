"""The statements `make probe` runs, on a small hand-built graph with a known answer."""

from __future__ import annotations

from tests.graphs import city, member, need, project, skill


def test_probe_targets_name_the_busiest_cities_a_member_with_needs_and_a_skill(store, load):
    load([
        city("toulouse"), city("blagnac"), city("paris"), *skill("web"), *skill("compta"),
        *member("ana"), *member("bob"), *member("lea", "blagnac"),
        *project("jardin", holder="bob"), *need("n1", ("Project", "jardin"), "compta"),
        *project("atelier", holder="ana"),
    ])  # fmt: skip
    targets = store.read("probe_targets")[0]
    assert targets["cities"] == ["toulouse", "blagnac", "paris"]
    assert (targets["member_id"], targets["project_id"]) == ("bob", "jardin")
    assert targets["skill_id"] == "compta"


def test_members_by_name_prefix_counts_each_name(store, load):
    load([city("toulouse"), *member("a", name="crash-1"), *member("b", name="crash-1"),
          *member("c", name="crash-2"), *member("d", name="Zoé")])  # fmt: skip
    rows = store.read("members_by_name_prefix", prefix="crash-", limit=10)
    assert rows == [{"name": "crash-1", "members": 2}, {"name": "crash-2", "members": 1}]


def test_hold_city_lock_holds_it_until_the_transaction_ends(store, load):
    load([city("toulouse")])
    with store.driver.session(database=store.database) as session:
        holder = session.begin_transaction()
        held = holder.run(store.queries["hold_city_lock"].text, id="toulouse").single()["held"]
        missing = holder.run(store.queries["hold_city_lock"].text, id="nowhere").single()["held"]
        holder.rollback()
    assert (held, missing) == (1, 0)
    assert store.read("get_city", id="toulouse")[0]["city"].get("held") is None  # rolled back
