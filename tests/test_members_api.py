from __future__ import annotations

import json

import pytest

from tests.conftest import follow_links
from tests.graphs import city, knows, member, project, skill


@pytest.fixture
def graph(load):
    load([
        city("toulouse"), city("lyon"), *skill("compta"), *skill("web"),
        *member("lea", skills={"compta": 4}, email="lea@example.org", name="Léa"),
        *member("karim", "lyon", skills={"web": 2}, name="Karim"),
        *member("sophie", consent=False, name="Sophie", email="sophie@example.org"),
        knows("lea", "karim"), knows("sophie", "lea"),
        *project("jardin", holder="lea", name="Jardin"),
    ])  # fmt: skip


def test_a_frontend_registers_a_member_with_skills(client, auth, graph) -> None:
    body = {"name": "Nadia", "consent": True, "city_id": "lyon", "email": "n@example.org",
            "skills": [{"id": "web", "level": 5}]}  # fmt: skip
    response = client.post("/members", json=body, headers=auth("frontend"))
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert created["id"].startswith("m-") and created["city"] == {"id": "lyon", "name": "Lyon"}
    assert created["skills"] == [{"id": "web", "name": "Web", "level": 5}]
    again = client.get(f"/members/{created['id']}", headers=auth("manager")).get_json()
    assert again["name"] == "Nadia" and again["email"] is None  # contact only for admin/self


def test_registration_with_an_unknown_skill_writes_nothing(client, auth, graph, store) -> None:
    before = store.read("count_graph")[0]
    body = {"id": "x1", "name": "X", "consent": True, "city_id": "lyon",
            "skills": [{"id": "web", "level": 1}, {"id": "ghost", "level": 1}]}  # fmt: skip
    response = client.post("/members", json=body, headers=auth("admin"))
    assert response.status_code == 404
    assert "ghost" in response.get_json()["message"]
    assert store.read("count_graph")[0] == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"consent": True, "city_id": "lyon"}, "name"),
        ({"name": "", "consent": True, "city_id": "lyon"}, "name"),
        ({"name": "A", "consent": "maybe", "city_id": "lyon"}, "consent"),
        ({"name": "A", "consent": True, "city_id": "lyon", "email": "nope"}, "email"),
        ({"name": "A", "consent": True, "city_id": "lyon", "age": 3}, "age"),
        ({"name": "A", "consent": True, "city_id": "lyon", "skills": [{"id": "web", "level": 7}]}, "skills"),
        ({"name": "A" * 201, "consent": True, "city_id": "lyon"}, "name"),
        ({"id": "bad id!", "name": "A", "consent": True, "city_id": "lyon"}, "id"),
    ],
)  # fmt: skip
def test_invalid_registrations_get_field_errors(client, auth, graph, body, field) -> None:
    response = client.post("/members", json=body, headers=auth("admin"))
    assert response.status_code == 422
    error = response.get_json()
    assert error["code"] == 422 and field in error["errors"]["json"]


def test_a_duplicate_id_is_a_conflict(client, auth, graph) -> None:
    body = {"id": "lea", "name": "Other Léa", "consent": True, "city_id": "lyon"}
    response = client.post("/members", json=body, headers=auth("admin"))
    assert response.status_code == 409
    assert response.get_json()["message"].startswith("Something with this id already exists")


def test_unknown_city_is_not_found(client, auth, graph) -> None:
    body = {"name": "A", "consent": True, "city_id": "atlantis"}
    assert client.post("/members", json=body, headers=auth("admin")).status_code == 404


def test_oversized_and_malformed_bodies(client, auth, graph) -> None:
    big = json.dumps({"name": "A", "bio": "x" * 300_000, "consent": True, "city_id": "lyon"})
    response = client.post(
        "/members", data=big, content_type="application/json", headers=auth("admin")
    )
    assert response.status_code == 413 and response.get_json()["code"] == 413
    response = client.post(
        "/members", data="{nope", content_type="application/json", headers=auth("admin")
    )
    assert response.status_code in (400, 422) and "message" in response.get_json()


def test_consent_and_contact_visibility(client, auth, graph) -> None:
    assert client.get("/members/sophie", headers=auth("frontend")).status_code == 404
    assert client.get("/members/sophie", headers=auth("manager")).get_json()["email"] is None
    assert (
        client.get("/members/sophie", headers=auth("admin")).get_json()["email"]
        == "sophie@example.org"
    )
    own = client.get("/members/sophie", headers=auth("frontend", acting="sophie")).get_json()
    assert own["email"] == "sophie@example.org"
    listed = client.get("/members", headers=auth("frontend")).get_json()
    assert [m["id"] for m in listed] == ["karim", "lea"]  # by name: Karim, Léa; Sophie hidden
    assert all(m["email"] is None for m in listed)
    staff = client.get("/members", headers=auth("manager")).get_json()
    assert [m["id"] for m in staff] == ["karim", "lea", "sophie"]


def test_list_filters_sort_and_pagination(client, auth, graph) -> None:
    headers = auth("manager")
    assert [m["id"] for m in client.get("/members?city_id=lyon", headers=headers).get_json()] == [
        "karim"
    ]
    assert [
        m["id"] for m in client.get("/members?skill_id=compta", headers=headers).get_json()
    ] == ["lea"]
    assert [m["id"] for m in client.get("/members?text=SOPH", headers=headers).get_json()] == [
        "sophie"
    ]
    assert [m["id"] for m in client.get("/members?sort=-name", headers=headers).get_json()] == [
        "sophie",
        "lea",
        "karim",
    ]
    page = client.get("/members?page=2&page_size=2", headers=headers)
    assert [m["id"] for m in page.get_json()] == ["sophie"]
    meta = json.loads(page.headers["X-Pagination"])
    assert meta["total"] == 3 and meta["total_pages"] == 2 and meta["page"] == 2
    beyond = client.get("/members?page=5&page_size=2", headers=headers)
    assert beyond.status_code == 200 and beyond.get_json() == []  # past the last page: empty
    assert json.loads(beyond.headers["X-Pagination"])["total"] == 3
    for bad in ("page=0", "page_size=0", "page_size=101", "sort=email", "city_id=bad%20id"):
        assert client.get(f"/members?{bad}", headers=headers).status_code == 422, bad


@pytest.fixture
def namesakes(load):
    """Seven members, three of them named alike: a cursor must break ties by id."""
    load([
        city("toulouse"), city("lyon"),
        *member("m1", name="Anna"), *member("m2", name="Bruno"), *member("m3", name="Anna"),
        *member("m4", "lyon", name="Chloé"), *member("m5", name="Anna"),
        *member("m6", name="Bruno", consent=False), *member("m7", "lyon", name="David"),
    ])  # fmt: skip


def test_cursor_pages_walk_the_whole_list_in_order_both_ways(client, auth, namesakes) -> None:
    staff, frontend = auth("manager"), auth("frontend")
    ascending = ["m1", "m3", "m5", "m2", "m6", "m4", "m7"]  # by name, then id
    assert follow_links(client, staff, "/members?page_size=2") == (ascending, 4)
    assert follow_links(client, staff, "/members?page_size=2&sort=-name") == (ascending[::-1], 4)
    # Filters and visibility hold on every page; a page that is not full links to nothing.
    assert follow_links(client, frontend, "/members?page_size=2") == (
        ["m1", "m3", "m5", "m2", "m4", "m7"],
        3,
    )
    assert follow_links(client, staff, "/members?page_size=2&city_id=lyon") == (["m4", "m7"], 1)
    assert follow_links(client, staff, "/members?page_size=3&text=ann") == (["m1", "m3", "m5"], 1)
    first = client.get("/members?page_size=2", headers=staff)
    assert json.loads(first.headers["X-Pagination"])["total"] == 7  # numbered pages count
    following = client.get(first.headers["Link"][1:].split(">")[0], headers=staff)
    assert "X-Pagination" not in following.headers  # a cursor page skips the count
    # Members who join while a client pages are not served twice.
    client.post("/members", json={"id": "m0", "name": "Aaron", "consent": True,
                                  "city_id": "lyon"}, headers=auth("admin"))  # fmt: skip
    rest = client.get(first.headers["Link"][1:].split(">")[0], headers=staff).get_json()
    assert [m["id"] for m in rest] == ["m5", "m2"]


def test_numbered_pages_in_name_order_agree_with_the_cursor(client, auth, namesakes) -> None:
    staff = auth("manager")
    pages = [client.get(f"/members?page={n}&page_size=3&sort=-name", headers=staff).get_json()
             for n in (1, 2, 3)]  # fmt: skip
    by_number = [m["id"] for page in pages for m in page]
    assert by_number == follow_links(client, staff, "/members?page_size=3&sort=-name")[0]
    by_join = client.get("/members?sort=joined_at&page_size=100", headers=staff)
    assert by_join.status_code == 200 and "Link" not in by_join.headers  # no cursor there
    assert sorted(m["id"] for m in by_join.get_json()) == sorted(by_number)


@pytest.mark.parametrize(
    "query",
    [
        "after=garbage!",
        "after=WyJhIl0",
        "after=WyJBbm5hIiwgIm0xIl0&page=2",
        "after=WyJBbm5hIiwgIm0xIl0&sort=joined_at",
    ],
)
def test_a_bad_cursor_is_a_422(client, auth, namesakes, query: str) -> None:
    response = client.get(f"/members?{query}", headers=auth("manager"))
    assert response.status_code == 422, response.get_json()


def test_if_match_changes_only_the_version_the_client_saw(client, auth, graph) -> None:
    lea = auth("frontend", acting="lea")
    etag = client.get("/members/lea", headers=lea).headers["ETag"]
    first = client.patch(
        "/members/lea", json={"bio": "Comptable"}, headers={**lea, "If-Match": etag}
    )
    assert first.status_code == 200 and first.headers["ETag"] != etag
    stale = client.patch("/members/lea", json={"bio": "Juriste"}, headers={**lea, "If-Match": etag})
    assert stale.status_code == 412 and "GET it again" in stale.get_json()["detail"]
    assert client.get("/members/lea", headers=lea).get_json()["bio"] == "Comptable"  # unchanged
    assert client.get("/members/lea", headers=lea).headers["ETag"] == first.headers["ETag"]
    fresh = first.headers["ETag"]
    for accepted in (fresh, f'"other", {fresh}', "*"):
        response = client.patch("/members/lea", json={"bio": "Comptable"},
                                headers={**lea, "If-Match": accepted})  # fmt: skip
        assert response.status_code == 200, accepted
    # The ETag is of what this caller sees: a manager (no e-mail) saw another version.
    manager_etag = client.get("/members/lea", headers=auth("manager")).headers["ETag"]
    mixed = client.patch(
        "/members/lea", json={"bio": "X"}, headers={**lea, "If-Match": manager_etag}
    )
    assert mixed.status_code == 412


def test_update_profile_consent_and_city(client, auth, graph) -> None:
    response = client.patch("/members/karim", json={"city_id": "toulouse", "bio": "Dev"},
                            headers=auth("frontend", acting="karim"))  # fmt: skip
    assert response.status_code == 200
    assert response.get_json()["city"]["id"] == "toulouse" and response.get_json()["bio"] == "Dev"
    withdrawn = client.patch(
        "/members/karim", json={"consent": False}, headers=auth("frontend", acting="karim")
    )
    assert withdrawn.get_json()["consent"] is False
    assert client.get("/members/karim", headers=auth("frontend")).status_code == 404
    assert (
        client.patch(
            "/members/karim", json={"city_id": "atlantis"}, headers=auth("admin")
        ).status_code
        == 404
    )
    assert (
        client.patch("/members/ghost", json={"bio": "x"}, headers=auth("admin")).status_code == 404
    )


def test_frontend_writes_only_for_the_member_it_acts_for(client, auth, graph) -> None:
    for headers in (auth("frontend"), auth("frontend", acting="lea"), auth("manager")):
        response = client.patch("/members/karim", json={"bio": "hacked"}, headers=headers)
        assert response.status_code == 403
        assert "may not act for member 'karim'" in response.get_json()["message"]


def test_unauthenticated_and_unknown_keys(client, graph) -> None:
    response = client.get("/members/lea")
    assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")
    assert (
        client.get("/members/lea", headers={"Authorization": "Bearer gsk_nope"}).status_code == 401
    )
    assert client.get("/members/lea", headers={"X-API-Key": "gsk_nope"}).status_code == 401


def test_skills_of_a_member(client, auth, graph) -> None:
    headers = auth("frontend", acting="karim")
    response = client.put("/members/karim/skills/compta", json={"level": 3}, headers=headers)
    assert [s["id"] for s in response.get_json()["skills"]] == ["compta", "web"]
    response = client.put("/members/karim/skills/compta", json={"level": 5}, headers=headers)
    assert {s["id"]: s["level"] for s in response.get_json()["skills"]} == {"compta": 5, "web": 2}
    assert (
        client.put("/members/karim/skills/ghost", json={"level": 3}, headers=headers).status_code
        == 404
    )
    assert (
        client.put("/members/karim/skills/web", json={"level": 0}, headers=headers).status_code
        == 422
    )
    assert client.delete("/members/karim/skills/web", headers=headers).status_code == 204
    assert client.delete("/members/karim/skills/web", headers=headers).status_code == 404
    assert client.delete("/members/lea/skills/compta", headers=headers).status_code == 403


def test_acquaintances_are_symmetric(client, auth, graph) -> None:
    headers = auth("frontend", acting="karim")
    known = client.get("/members/lea/acquaintances", headers=auth("frontend")).get_json()
    assert [m["id"] for m in known] == ["karim"]  # Sophie withdrew consent
    staff = client.get("/members/lea/acquaintances", headers=auth("manager")).get_json()
    assert [m["id"] for m in staff] == ["karim", "sophie"]
    assert client.put("/members/karim/acquaintances/lea", headers=headers).status_code == 409
    assert client.put("/members/karim/acquaintances/karim", headers=headers).status_code == 422
    assert client.put("/members/karim/acquaintances/ghost", headers=headers).status_code == 404
    withdrawn = client.put("/members/karim/acquaintances/sophie", headers=headers)
    assert withdrawn.status_code == 404 and "Sophie" not in withdrawn.get_data(as_text=True)
    assert client.delete("/members/karim/acquaintances/lea", headers=headers).status_code == 204
    created = client.put("/members/lea/acquaintances/karim", headers=auth("frontend", acting="lea"))
    assert created.status_code == 201 and created.get_json()["id"] == "karim"
    assert client.delete("/members/karim/acquaintances/lea", headers=headers).status_code == 204
    assert [
        m["id"]
        for m in client.get("/members/lea/acquaintances", headers=auth("manager")).get_json()
    ] == ["sophie"]
    assert client.delete("/members/karim/acquaintances/lea", headers=headers).status_code == 404


def test_memberships(client, auth, graph) -> None:
    response = client.get("/members/lea/memberships", headers=auth("frontend"))
    assert response.get_json() == [
        {"project": {"id": "jardin", "name": "Jardin"}, "role": "holder", "since": None}
    ]
    assert client.get("/members/ghost/memberships", headers=auth("frontend")).status_code == 404


def test_only_admins_delete_members_and_deletion_takes_their_needs(
    client, auth, graph, store
) -> None:
    assert client.delete("/members/karim", headers=auth("manager")).status_code == 403
    assert client.delete("/members/karim", headers=auth("admin")).status_code == 204
    assert client.get("/members/karim", headers=auth("admin")).status_code == 404
    assert client.delete("/members/karim", headers=auth("admin")).status_code == 404
