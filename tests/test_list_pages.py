"""Lists that grow without bound (the audit log, introductions) read one page from their time
index, newest first, instead of collecting every match: pages follow one another with no gap
or repeat, ties on time fall back to the id, and the total counts every match."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graphsvc.store import Store
from tests.conftest import plan_operators

START = datetime(2026, 1, 1, tzinfo=UTC)
# Eight entries; two pairs share a time, so the id decides their order.
TIMES = [0, 1, 1, 2, 3, 3, 4, 5]


def _create(store: Store, text: str) -> None:
    """Test nodes straight through the driver (hand-built, like the graphs of tests/graphs.py)."""
    with store.driver.session(database=store.database) as session:
        session.run(text, times=TIMES, start=START).consume()


def _pages(store: Store, name: str, params: dict, size: int) -> tuple[list[int], list]:
    totals, items = [], []
    for skip in range(0, 12, size):
        total, page = store.read_page(name, **params, skip=skip, limit=size)
        totals.append(total)
        items.extend(page)
    return totals, items


AUDIT = {"since": None, "until": None, "key_id": None, "acting_member": None,
         "path_prefix": None}  # fmt: skip


def test_the_audit_log_pages_newest_first_from_its_index(store: Store) -> None:
    _create(
        store,
        "UNWIND range(0, size($times) - 1) AS k "
        "CREATE (:AuditEntry {id: 'a' + k, at: $start + duration({minutes: $times[k]}), "
        "method: 'POST', path: CASE WHEN k % 2 = 0 THEN '/members' ELSE '/projects' END})",
    )
    expected = sorted(
        range(len(TIMES)), key=lambda k: (-TIMES[k], f"a{k}")
    )  # newest first, then id
    totals, items = _pages(store, "list_audit", AUDIT, 3)
    assert totals == [8, 8, 8, 8] and [e["id"] for e in items] == [f"a{k}" for k in expected]
    total, page = store.read_page("list_audit", **{**AUDIT, "path_prefix": "/projects"},
                                  skip=1, limit=2)  # fmt: skip
    assert total == 4 and [e["path"] for e in page] == ["/projects", "/projects"]
    since = START + timedelta(minutes=3)
    total, page = store.read_page("list_audit", **{**AUDIT, "since": since}, skip=0, limit=10)
    assert total == 4 and {e["id"] for e in page} == {"a4", "a5", "a6", "a7"}
    # Read in the index's order and cut at the page: a bounded sort, never a sort of everything.
    operators = plan_operators(store, "list_audit", {**AUDIT, "skip": 0, "limit": 3})
    assert "NodeIndexSeekByRange" in operators and operators & {"PartialTop", "PartialSort"}
    assert "Sort" not in operators and "Top" not in operators


@pytest.mark.parametrize("size", [2, 5])
def test_introductions_page_newest_first_from_their_index(store: Store, size: int) -> None:
    _create(
        store,
        "UNWIND range(0, size($times) - 1) AS k "
        "CREATE (:Introduction {id: 'i' + k, created_at: $start + duration({minutes: $times[k]}), "
        "status: CASE WHEN k < 3 THEN 'declined' ELSE 'accepted' END, project_id: 'p', "
        "requester_id: 'r' + (k % 2)})",
    )
    params = {"status": None, "expired_before": START, "city_id": None, "project_id": None,
              "requester_id": None, "since": None, "until": None}  # fmt: skip
    expected = [f"i{k}" for k in sorted(range(len(TIMES)), key=lambda k: (-TIMES[k], f"i{k}"))]
    totals, items = _pages(store, "list_introductions", params, size)
    assert set(totals) == {8} and items == expected
    total, page = store.read_page(
        "list_introductions", **{**params, "status": "declined"}, skip=0, limit=10
    )
    assert total == 3 and page == [i for i in expected if i in ("i0", "i1", "i2")]
    operators = plan_operators(store, "list_introductions", {**params, "skip": 0, "limit": 2})
    assert "NodeIndexSeekByRange" in operators and operators & {"PartialTop", "PartialSort"}
    assert "Sort" not in operators and "Top" not in operators
