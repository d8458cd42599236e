"""Writes that must happen once, raced by 50 clients released together on the real Neo4j."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.graphs import city, member, need, project, skill

CLIENTS = 50
TRIALS = 3


def race(app, requests: list[tuple[str, str, dict[str, Any] | None, dict[str, str]]]) -> Counter:
    """Send every request at once (one thread each, released by a barrier); count the statuses."""
    barrier = threading.Barrier(len(requests))

    def send(request: tuple[str, str, dict[str, Any] | None, dict[str, str]]) -> int:
        method, path, body, headers = request
        client = app.test_client()
        barrier.wait()
        return client.open(path, method=method, json=body, headers=headers).status_code

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return Counter(pool.map(send, requests))


def count(store, query: str, **params: Any) -> int:
    """How many rows a test's own read finds (the checks must not trust the API's answers)."""
    return store.driver.execute_query(query, params, database_=store.database).records[0][0]


@pytest.fixture
def crowd(load):
    load([
        city("toulouse"), *skill("compta"),
        *member("holder"),
        *[record for i in range(CLIENTS) for record in member(f"m{i:02d}")],
        *[record for i in range(CLIENTS) for record in member(f"f{i:02d}")],  # on every team
        *[record for t in range(TRIALS) for record in project(
            f"p{t}", holder="holder", contributors=tuple(f"f{i:02d}" for i in range(CLIENTS)))],
        *[record for t in range(TRIALS) for record in need(f"n{t}", ("Project", f"p{t}"), "compta")],
    ])  # fmt: skip


@pytest.mark.parametrize("trial", range(TRIALS))
def test_fifty_members_fill_one_need_once(app, store, auth, crowd, trial) -> None:
    statuses = race(app, [
        ("POST", f"/needs/n{trial}/fill", {"member_id": f"f{i:02d}"}, auth("frontend", acting="holder"))
        for i in range(CLIENTS)
    ])  # fmt: skip
    assert statuses == Counter({200: 1, 409: CLIENTS - 1})
    filled_by = store.read("get_need", id=f"n{trial}")[0]["need"]["filled_by"]
    assert filled_by in {f"f{i:02d}" for i in range(CLIENTS)}
    filled = "MATCH (n:Need {id: $n}) WHERE n.filled_at IS NOT NULL RETURN count(n)"
    assert count(store, filled, n=f"n{trial}") == 1
    team = "MATCH (:Member)-[r:MEMBER_OF]->(:Project {id: $p}) RETURN count(r)"
    assert count(store, team, p=f"p{trial}") == CLIENTS + 1  # the team is unchanged


def test_fifty_joins_of_one_member_make_one_membership(app, store, auth, crowd) -> None:
    for trial in range(TRIALS):
        statuses = race(app, [
            ("PUT", f"/projects/p{trial}/members/m00", {"role": "contributor"}, auth("frontend", acting="m00"))
        ] * CLIENTS)  # fmt: skip
        assert statuses == Counter({201: 1, 409: CLIENTS - 1})
        memberships = count(
            store, "MATCH (:Member {id: 'm00'})-[r:MEMBER_OF]->(:Project {id: $p}) RETURN count(r)",
            p=f"p{trial}",
        )  # fmt: skip
        assert memberships == 1


def test_acquaintances_raced_both_ways_make_one_link_per_pair(app, store, auth, crowd) -> None:
    pairs = [(f"m{i:02d}", f"m{i + 1:02d}") for i in range(0, 10, 2)]
    requests = []
    for a, b in pairs:
        requests += [
            ("PUT", f"/members/{a}/acquaintances/{b}", None, auth("frontend", acting=a))
        ] * 5
        requests += [
            ("PUT", f"/members/{b}/acquaintances/{a}", None, auth("frontend", acting=b))
        ] * 5
    statuses = race(app, requests)
    assert statuses == Counter({201: len(pairs), 409: len(requests) - len(pairs)})
    assert count(store, "MATCH ()-[k:KNOWS]->() RETURN count(k)") == len(pairs)


def test_accepts_racing_declines_leave_one_consistent_decision(app, store, auth, crowd) -> None:
    for trial in range(TRIALS):
        created = app.test_client().post(
            "/introductions", json={"target_id": "m01", "need_id": f"n{trial}"},
            headers=auth("frontend", acting="holder"),
        )  # fmt: skip
        assert created.status_code == 201, created.get_json()
        introduction = created.get_json()["id"]
        target = auth("frontend", acting="m01")
        statuses = race(app, [
            ("PATCH", f"/introductions/{introduction}", {"status": status}, target)
            for status in ["accepted", "declined"] * (CLIENTS // 2)
        ])  # fmt: skip
        assert statuses == Counter({200: 1, 409: CLIENTS - 1})
        decided = store.read("get_introduction", id=introduction, expired_before=None)[0][
            "introduction"
        ]["status"]
        joined = count(
            store, "MATCH (:Member {id: 'm01'})-[r:MEMBER_OF]->(:Project {id: $p}) RETURN count(r)",
            p=f"p{trial}",
        )  # fmt: skip
        acquainted = count(
            store, "MATCH (:Member {id: 'm01'})-[k:KNOWS]-(:Member {id: 'holder'}) RETURN count(k)"
        )
        assert joined == (1 if decided == "accepted" else 0)
        assert acquainted == 1 if decided == "accepted" else acquainted <= 1


@pytest.mark.parametrize("trial", range(TRIALS))
def test_fifty_editors_with_one_etag_change_a_project_once(app, store, auth, crowd, trial) -> None:
    headers = auth("frontend", acting="holder")
    etag = app.test_client().get(f"/projects/p{trial}", headers=headers).headers["ETag"]
    statuses = race(app, [
        ("PATCH", f"/projects/p{trial}", {"description": f"edit {i}"}, {**headers, "If-Match": etag})
        for i in range(CLIENTS)
    ])  # fmt: skip
    assert statuses == Counter({200: 1, 412: CLIENTS - 1})
    kept = count(store, "MATCH (p:Project {id: $p}) RETURN p.description", p=f"p{trial}")
    assert kept.startswith("edit ")  # one editor's change, whole
