from __future__ import annotations

import json

import pytest

from tests.graphs import city, member, need, project, skill


@pytest.fixture
def graph(load):
    load([
        city("toulouse"), city("lyon"), *skill("compta"), *skill("web"),
        *member("lea", name="Léa"), *member("karim", "lyon", name="Karim"),
        *member("sophie", consent=False, name="Sophie"), *member("zoe", name="Zoé"),
        *project("jardin", holder="lea", contributors=("sophie",), name="Jardin partagé"),
        *project("velo", "lyon", holder="karim", name="Vélo-école"),
        *need("n1", ("Project", "jardin"), "compta"),
        *need("n2", ("Project", "velo"), "web", remote=True, created_at="2026-02-01T10:00:00+00:00"),
        *need("n3", ("Member", "sophie"), "web"),
    ])  # fmt: skip


def test_publish_a_project_as_its_holder(client, auth, graph) -> None:
    body = {"name": "Repair Café", "city_id": "toulouse", "description": "On répare."}
    response = client.post("/projects", json=body, headers=auth("frontend", acting="zoe"))
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert created["team"] == [{"id": "zoe", "name": "Zoé", "role": "holder"}]
    assert created["city"]["id"] == "toulouse" and created["open_needs"] == 0
    assert client.post("/projects", json=body, headers=auth("frontend")).status_code == 403
    assert client.post("/projects", json=body, headers=auth("manager")).status_code == 403
    assert (
        client.post("/projects", json=body, headers=auth("admin")).status_code == 422
    )  # no holder
    as_admin = client.post(
        "/projects", json={**body, "holder_id": "karim", "id": "rc"}, headers=auth("admin")
    )
    assert as_admin.status_code == 201 and as_admin.get_json()["id"] == "rc"
    assert (
        client.post(
            "/projects", json={**body, "holder_id": "karim", "id": "rc"}, headers=auth("admin")
        ).status_code
        == 409
    )
    assert (
        client.post(
            "/projects", json={**body, "city_id": "nowhere"}, headers=auth("frontend", acting="zoe")
        ).status_code
        == 404
    )


def test_project_lists_filter_and_hide_withdrawn_team_members(client, auth, graph) -> None:
    headers = auth("frontend")
    assert [p["id"] for p in client.get("/projects", headers=headers).get_json()] == [
        "jardin",
        "velo",
    ]
    assert [p["id"] for p in client.get("/projects?city_id=lyon", headers=headers).get_json()] == [
        "velo"
    ]
    assert [
        p["id"] for p in client.get("/projects?skill_id=compta", headers=headers).get_json()
    ] == ["jardin"]
    assert [
        p["id"] for p in client.get("/projects?text=v%C3%A9lo", headers=headers).get_json()
    ] == ["velo"]
    assert client.get("/projects?need_status=filled", headers=headers).get_json() == []
    assert client.get("/projects?need_status=lost", headers=headers).status_code == 422
    jardin = client.get("/projects/jardin", headers=headers).get_json()
    assert [m["id"] for m in jardin["team"]] == ["lea"]
    staff = client.get("/projects/jardin", headers=auth("manager")).get_json()
    assert [m["id"] for m in staff["team"]] == ["lea", "sophie"]
    assert client.get("/projects/ghost", headers=headers).status_code == 404


def test_only_holders_and_admins_change_a_project(client, auth, graph) -> None:
    change = {"name": "Jardin des Lilas", "city_id": "lyon"}
    assert (
        client.patch(
            "/projects/jardin", json=change, headers=auth("frontend", acting="karim")
        ).status_code
        == 403
    )
    assert client.patch("/projects/jardin", json=change, headers=auth("manager")).status_code == 403
    response = client.patch("/projects/jardin", json=change, headers=auth("frontend", acting="lea"))
    assert response.status_code == 200 and response.get_json()["city"]["id"] == "lyon"
    assert (
        client.patch("/projects/jardin", json={"nom": "x"}, headers=auth("admin")).status_code
        == 422
    )
    assert (
        client.delete("/projects/velo", headers=auth("frontend", acting="lea")).status_code == 403
    )
    assert (
        client.delete("/projects/velo", headers=auth("frontend", acting="karim")).status_code == 204
    )
    assert client.get("/needs/n2", headers=auth("admin")).status_code == 404  # its needs went too
    assert client.delete("/projects/velo", headers=auth("admin")).status_code == 404
    assert client.patch("/projects/velo", json=change, headers=auth("admin")).status_code == 404


def test_join_and_leave(client, auth, graph) -> None:
    zoe = auth("frontend", acting="zoe")
    response = client.put("/projects/velo/members/zoe", json={}, headers=zoe)
    assert response.status_code == 201 and response.get_json()["role"] == "contributor"
    again = client.put("/projects/velo/members/zoe", json={}, headers=zoe)
    assert again.status_code == 409 and "already a contributor" in again.get_json()["message"]
    assert (
        client.put(
            "/projects/velo/members/zoe",
            json={"role": "holder"},
            headers=auth("frontend", acting="lea"),
        ).status_code
        == 403
    )
    assert client.put("/projects/velo/members/lea", json={}, headers=zoe).status_code == 403
    assert (
        client.put("/projects/velo/members/ghost", json={}, headers=auth("admin")).status_code
        == 404
    )
    assert client.delete("/projects/velo/members/zoe", headers=zoe).status_code == 204
    assert client.delete("/projects/velo/members/zoe", headers=zoe).status_code == 404


def test_needs_list_filters_and_consent(client, auth, graph) -> None:
    headers = auth("frontend")
    assert [n["id"] for n in client.get("/needs", headers=headers).get_json()] == [
        "n2",
        "n1",
    ]  # newest first
    assert [n["id"] for n in client.get("/needs", headers=auth("manager")).get_json()] == [
        "n2",
        "n1",
        "n3",
    ]
    assert [n["id"] for n in client.get("/needs?remote=true", headers=headers).get_json()] == ["n2"]
    assert [n["id"] for n in client.get("/needs?city_id=toulouse", headers=headers).get_json()] == [
        "n1"
    ]
    assert [
        n["id"]
        for n in client.get("/needs?skill_id=web&sort=title", headers=auth("admin")).get_json()
    ] == ["n2", "n3"]
    n1 = client.get("/needs/n1", headers=headers).get_json()
    assert n1["owner"] == {"kind": "project", "id": "jardin", "name": "Jardin partagé"}
    assert n1["skills"] == [{"id": "compta", "name": "Compta"}] and n1["status"] == "open"
    assert client.get("/needs/n3", headers=headers).status_code == 404  # Sophie withdrew
    assert client.get("/needs/n3", headers=auth("frontend", acting="sophie")).status_code == 200
    page = client.get("/projects/jardin/needs?page_size=1", headers=headers)
    assert json.loads(page.headers["X-Pagination"])["total"] == 1


def test_publish_needs_for_a_project_and_for_a_member(client, auth, graph) -> None:
    body = {"title": "Un·e comptable", "skill_ids": ["compta", "web"], "remote": True}
    response = client.post(
        "/projects/jardin/needs", json=body, headers=auth("frontend", acting="lea")
    )
    assert response.status_code == 201, response.get_json()
    assert sorted(s["id"] for s in response.get_json()["skills"]) == ["compta", "web"]
    assert (
        client.post(
            "/projects/jardin/needs", json=body, headers=auth("frontend", acting="zoe")
        ).status_code
        == 403
    )
    assert (
        client.post(
            "/projects/jardin/needs", json={**body, "skill_ids": []}, headers=auth("admin")
        ).status_code
        == 422
    )
    assert (
        client.post(
            "/projects/jardin/needs", json={**body, "skill_ids": ["ghost"]}, headers=auth("admin")
        ).status_code
        == 404
    )
    mine = client.post(
        "/members/zoe/needs",
        json={"title": "Site web", "skill_ids": ["web"]},
        headers=auth("frontend", acting="zoe"),
    )
    assert mine.status_code == 201 and mine.get_json()["owner"]["kind"] == "member"
    assert [
        n["id"] for n in client.get("/members/zoe/needs", headers=auth("frontend")).get_json()
    ] == [mine.get_json()["id"]]
    assert (
        client.post(
            "/members/zoe/needs",
            json={"title": "x", "skill_ids": ["web"]},
            headers=auth("frontend", acting="lea"),
        ).status_code
        == 403
    )


def test_a_need_is_filled_by_a_member_of_the_team(client, auth, graph) -> None:
    """Nobody joins a team without an act of their own: a holder names a team member, and an
    outsider joins first (or accepts an introduction)."""
    lea = auth("frontend", acting="lea")
    outsider = client.post("/needs/n1/fill", json={"member_id": "zoe"}, headers=lea)
    assert outsider.status_code == 403 and "not on the team" in outsider.get_json()["message"]
    assert client.get("/needs/n1", headers=lea).get_json()["status"] == "open"
    joined = client.put(
        "/projects/jardin/members/zoe", json={}, headers=auth("frontend", acting="zoe")
    )
    assert joined.status_code == 201
    # Holders cannot add someone else, nor make them a holder: only an admin does that.
    for role in ("contributor", "holder"):
        added = client.put("/projects/jardin/members/karim", json={"role": role}, headers=lea)
        assert added.status_code == 403, role
    response = client.post("/needs/n1/fill", json={"member_id": "zoe"}, headers=lea)
    assert response.status_code == 200
    filled = response.get_json()
    assert filled["status"] == "filled" and filled["filled_by"] == "zoe" and filled["filled_at"]
    team = client.get("/projects/jardin", headers=auth("frontend")).get_json()["team"]
    assert {"id": "zoe", "name": "Zoé", "role": "contributor"} in team
    again = client.post("/needs/n1/fill", json={"member_id": "zoe"}, headers=lea)
    assert again.status_code == 409 and "already filled" in again.get_json()["message"]
    assert client.post("/needs/n2/fill", json={"member_id": "zoe"}, headers=lea).status_code == 403
    assert (
        client.post(
            "/needs/n2/fill", json={"member_id": "ghost"}, headers=auth("admin")
        ).status_code
        == 404
    )
    assert (
        client.post(
            "/needs/ghost/fill", json={"member_id": "zoe"}, headers=auth("admin")
        ).status_code
        == 404
    )


def test_edit_and_withdraw_needs(client, auth, graph) -> None:
    karim = auth("frontend", acting="karim")
    response = client.patch(
        "/needs/n2", json={"title": "Développeur·se web", "remote": False}, headers=karim
    )
    assert response.status_code == 200 and response.get_json()["remote"] is False
    assert client.patch("/needs/n2", json={"status": "filled"}, headers=karim).status_code == 422
    assert client.delete("/needs/n2", headers=auth("frontend", acting="lea")).status_code == 403
    assert client.delete("/needs/n2", headers=karim).status_code == 204
    assert client.delete("/needs/n2", headers=karim).status_code == 404
