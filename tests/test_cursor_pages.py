"""Lists followed by `Link: rel="next"` cursors, read from an index: needs newest first (by
created_at), projects by name. Every item once, in order, ties broken by id, filters kept on
every page; numbered pages agree; a cursor page skips the count."""

from __future__ import annotations

import base64
import json

import pytest

from graphsvc.needs.data import BEFORE_EVERY_NEED, NO_FILTERS
from tests.conftest import follow_links, plan_operators
from tests.graphs import city, member, need, project, skill

# need id -> minutes after 10:00; n2, n3 and n5 were published in the same minute.
PUBLISHED = {"n1": 1, "n2": 4, "n3": 4, "n4": 2, "n5": 4, "n6": 7, "n7": 3}


@pytest.fixture
def needs(load):
    load([
        city("toulouse"), city("lyon"), *skill("compta"), *skill("droit"),
        *member("ana"), *member("ben", "lyon"), *member("gone", consent=False),
        *project("jardin", holder="ana"),
        *need("n1", ("Project", "jardin"), "compta", created_at=_at("n1")),
        *need("n2", ("Member", "ben"), "droit", created_at=_at("n2")),
        *need("n3", ("Project", "jardin"), "droit", created_at=_at("n3")),
        *need("n4", ("Member", "gone"), "compta", created_at=_at("n4")),
        *need("n5", ("Member", "ana"), "compta", created_at=_at("n5")),
        *need("n6", ("Member", "ben"), "compta", status="filled", created_at=_at("n6")),
        *need("n7", ("Project", "jardin"), "compta", created_at=_at("n7")),
    ])  # fmt: skip


def _at(need_id: str) -> str:
    return f"2026-03-01T10:{PUBLISHED[need_id]:02d}:00Z"


def _newest_first(ids) -> list[str]:
    return sorted(ids, key=lambda i: (-PUBLISHED[i], i))


def test_cursor_pages_walk_every_need_newest_first(client, auth, needs) -> None:
    staff, frontend = auth("manager"), auth("frontend")
    assert follow_links(client, staff, "/needs?page_size=2") == (_newest_first(PUBLISHED), 4)
    visible = [i for i in _newest_first(PUBLISHED) if i != "n4"]  # its owner withdrew consent
    assert follow_links(client, frontend, "/needs?page_size=3") == (visible, 2)
    compta = [i for i in visible if i in ("n1", "n5", "n6", "n7")]
    assert follow_links(client, frontend, "/needs?page_size=1&skill_id=compta") == (compta, 4)
    assert follow_links(client, staff, "/projects/jardin/needs?page_size=2") == (
        _newest_first(["n1", "n3", "n7"]),
        2,
    )
    first = client.get("/needs?page_size=2", headers=staff)
    assert json.loads(first.headers["X-Pagination"])["total"] == 7
    following = client.get(first.headers["Link"][1:].split(">")[0], headers=staff)
    assert "X-Pagination" not in following.headers  # a cursor page skips the count


def test_newest_first_reads_the_index_and_stops_at_the_page(store) -> None:
    at, need_id = BEFORE_EVERY_NEED
    params = {**NO_FILTERS, "include_withdrawn": False, "before_at": at, "before_id": need_id,
              "skip": 0, "limit": 21}  # fmt: skip
    operators = plan_operators(store, "list_needs_newest", params)
    assert "NodeIndexSeekByRange" in operators and operators & {"PartialTop", "PartialSort"}
    assert "Sort" not in operators and "Top" not in operators


def test_numbered_pages_agree_with_the_cursor_and_other_orders_sort(client, auth, needs) -> None:
    staff = auth("manager")
    by_number = [
        n["id"]
        for page in (1, 2, 3)
        for n in client.get(f"/needs?page={page}&page_size=3", headers=staff).get_json()
    ]
    assert by_number == _newest_first(PUBLISHED)
    oldest = client.get("/needs?sort=created_at&page_size=100", headers=staff)
    assert "Link" not in oldest.headers
    assert [n["id"] for n in oldest.get_json()] == sorted(
        PUBLISHED, key=lambda i: (PUBLISHED[i], i)
    )


@pytest.mark.parametrize(
    "query",
    [
        "after=garbage!",
        "after=WyJub3QgYSB0aW1lIiwgIm4xIl0",  # ["not a time", "n1"]
        "after=WyIyMDI2LTAzLTAxVDEwOjA0OjAwIiwgIm4yIl0",  # a time without its offset
        "after=WyIyMDI2LTAzLTAxVDEwOjA0OjAwKzAwOjAwIiwgIm4yIl0&page=2",
        "after=WyIyMDI2LTAzLTAxVDEwOjA0OjAwKzAwOjAwIiwgIm4yIl0&sort=title",
    ],
)
def test_a_bad_needs_cursor_is_a_422(client, auth, needs, query: str) -> None:
    response = client.get(f"/needs?{query}", headers=auth("manager"))
    assert response.status_code == 422, response.get_json()


def test_a_forged_needs_cursor_with_the_right_scope_is_a_422(client, auth, needs) -> None:
    """The list and sort are right, the time is not: past year 9999, or an offset with seconds
    (which the driver cannot even send to Neo4j)."""
    staff = auth("manager")
    link = client.get("/needs?page_size=2", headers=staff).headers["Link"]
    real = link.split("after=")[1].split(">")[0].split("&")[0]
    scope, _, need_id = json.loads(base64.urlsafe_b64decode(real + "=" * (-len(real) % 4)))
    for forged in ("99999-12-31T00:00:00+00:00", "2026-03-01T10:04:00+01:00:30"):
        cursor = base64.urlsafe_b64encode(json.dumps([scope, forged, need_id]).encode()).decode()
        for path in ("/needs", "/projects/jardin/needs"):
            response = client.get(f"{path}?after={cursor.rstrip('=')}", headers=staff)
            assert response.status_code == 422, (path, forged, response.get_json())


@pytest.fixture
def projects(load):
    """Six projects, three named alike: a cursor must break ties by id."""
    load([
        city("toulouse"), city("lyon"), *skill("compta"), *member("ana"),
        *project("p1", name="Jardin"), *project("p2", name="Atelier"),
        *project("p3", name="Jardin"), *project("p4", "lyon", name="Café"),
        *project("p5", name="Jardin"), *project("p6", "lyon", name="Atelier"),
        *need("pn", ("Project", "p3"), "compta"),
    ])  # fmt: skip


def test_project_cursor_pages_walk_by_name_both_ways(client, auth, projects) -> None:
    headers = auth("frontend")
    by_name = ["p2", "p6", "p4", "p1", "p3", "p5"]  # Atelier, Café, Jardin; then id
    assert follow_links(client, headers, "/projects?page_size=2") == (by_name, 3)
    assert follow_links(client, headers, "/projects?page_size=4&sort=-name") == (by_name[::-1], 2)
    assert follow_links(client, headers, "/projects?page_size=1&city_id=lyon") == (["p6", "p4"], 2)
    assert follow_links(client, headers, "/projects?page_size=1&skill_id=compta") == (["p3"], 1)
    numbered = [
        p["id"]
        for page in (1, 2)
        for p in client.get(f"/projects?page={page}&page_size=3", headers=headers).get_json()
    ]
    assert numbered == by_name
    first = client.get("/projects?page_size=2", headers=headers)
    assert json.loads(first.headers["X-Pagination"])["total"] == 6
    following = client.get(first.headers["Link"][1:].split(">")[0], headers=headers)
    assert "X-Pagination" not in following.headers
    by_time = client.get("/projects?sort=created_at&page_size=2", headers=headers)
    assert by_time.status_code == 200 and "Link" not in by_time.headers
    assert client.get("/projects?after=WyJKYXJkaW4iLCAicDEiXQ&sort=created_at",
                      headers=headers).status_code == 422  # fmt: skip


def test_a_cursor_serves_only_its_own_list_and_sort(client, auth, projects) -> None:
    """A cursor names the list and the sort that made it: reused elsewhere it is a 422, never a
    page read in the wrong order. Forged cursors (a lone surrogate, deep nesting) are 422s too."""
    headers = auth("frontend")
    first = client.get("/projects?page_size=2", headers=headers)
    after = first.headers["Link"].split("after=")[1].split(">")[0].split("&")[0]
    assert client.get(f"/projects?page_size=2&after={after}", headers=headers).status_code == 200
    for elsewhere in (
        f"/projects?page_size=2&after={after}&sort=-name",  # another sort
        f"/members?page_size=2&after={after}",  # another list
        f"/needs?page_size=2&after={after}",
    ):
        response = client.get(elsewhere, headers=headers)
        assert response.status_code == 422, (elsewhere, response.get_json())
    forged = [
        base64.urlsafe_b64encode(b'["\\ud800", "x", "p1"]').decode(),
        base64.urlsafe_b64encode(b"[" * 5000 + b"]" * 5000).decode(),
        "WyJcdWQ4MDAiLCJtMSJd",  # ["\ud800", "m1"]
    ]
    for cursor in forged:
        for path in ("/projects", "/members", "/needs"):
            response = client.get(f"{path}?after={cursor}", headers=headers)
            assert response.status_code == 422, (path, cursor[:20], response.status_code)
