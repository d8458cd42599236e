"""A member who withdrew consent is named to nobody but managers, admins and themselves.

Wendy takes part in everything while she consents (a team, acquaintances, a filled need, her
own need, introductions as target and as go-between), then withdraws through the API. Every
read of every other role must then be free of her id and name.
"""

from __future__ import annotations

import pytest

from tests.graphs import city, knows, member, need, project, skill


@pytest.fixture
def wendy_withdrew(client, auth, load) -> dict[str, str]:
    load([
        city("toulouse"), *skill("compta", name="Comptabilité"), *skill("web", name="Web"),
        *member("ana", skills={"web": 3}, name="Ana"), *member("bob", skills={"compta": 2}, name="Bob"),
        *member("wendy", skills={"compta": 5, "web": 4}, name="Wendy Zeta"),
        knows("ana", "wendy"), knows("bob", "wendy"),
        *project("jardin", holder="ana", name="Jardin"),
        *need("n0", ("Project", "jardin"), "compta"), *need("n1", ("Project", "jardin"), "compta"),
        *need("nw", ("Member", "wendy"), "web"), *need("nb", ("Member", "bob"), "compta"),
    ])  # fmt: skip
    ana, wendy = auth("frontend", acting="ana"), auth("frontend", acting="wendy")
    joined = client.put("/projects/jardin/members/wendy", json={}, headers=wendy)
    assert joined.status_code == 201, joined.get_json()
    steps = [
        client.post("/needs/n0/fill", json={"member_id": "wendy"}, headers=ana),
        client.post("/introductions", json={"target_id": "wendy", "need_id": "n1"}, headers=ana),
        client.post(
            "/introductions",
            json={"target_id": "bob", "project_id": "jardin", "through_id": "wendy"},
            headers=ana,
        ),
    ]
    assert [s.status_code for s in steps] == [200, 201, 201], [s.get_json() for s in steps]
    assert "wendy" in str(client.get("/projects/jardin", headers=ana).get_json())
    withdrawn = client.patch("/members/wendy", json={"consent": False}, headers=wendy)
    assert withdrawn.status_code == 200, withdrawn.get_json()
    return {"target": steps[1].get_json()["id"], "through": steps[2].get_json()["id"]}


def reads(records: dict[str, str]) -> list[str]:
    return [
        "/members", "/members?q=Wendy", "/members/ana", "/members/bob", "/members/wendy",
        "/members/ana/acquaintances", "/members/bob/acquaintances", "/members/ana/memberships",
        "/members/wendy/acquaintances", "/members/wendy/memberships", "/members/wendy/needs",
        "/projects", "/projects/jardin", "/projects/jardin/needs", "/needs", "/needs?status=filled",
        "/needs/n0", "/needs/nw", "/members/bob/needs", "/search?q=wendy", "/search?q=Zeta",
        "/projects/jardin/introductions?limit=50", "/members/ana/projects", "/members/ana/matches",
        "/members/bob/matches", "/members/bob/projects", "/members/wendy/matches",
        f"/introductions/{records['target']}", f"/introductions/{records['through']}",
        "/members/ana/introductions", "/members/bob/introductions", "/cities", "/cities/toulouse",
        "/skills", "/skills/compta",
    ]  # fmt: skip


@pytest.mark.parametrize("acting", [None, "ana", "bob"])
def test_no_withdrawn_name_in_any_read_but_staff_and_self(client, auth, wendy_withdrew, acting):
    headers = auth("frontend", acting=acting)
    swept = 0
    for path in reads(wendy_withdrew):
        response = client.get(path, headers=headers)
        assert response.status_code < 500, (path, response.get_json())
        text = response.get_data(as_text=True)
        if "/wendy" in path:  # she reads as an unknown id, the same answer as for one
            ghost = client.get(path.replace("/wendy", "/ghost"), headers=headers)
            assert (response.status_code, text) == (
                ghost.status_code, ghost.get_data(as_text=True).replace("ghost", "wendy"),
            ), path  # fmt: skip
            text = text.replace("'wendy'", "")
        assert "wendy" not in text.lower() and "zeta" not in text.lower(), (path, acting, text)
        swept += 1
    assert swept == len(reads(wendy_withdrew))


def test_staff_and_wendy_herself_still_see_her(client, auth, wendy_withdrew) -> None:
    for headers in (auth("manager"), auth("admin"), auth("frontend", acting="wendy")):
        assert "Wendy Zeta" in client.get("/members/wendy", headers=headers).get_data(as_text=True)
    filled = client.get("/needs/n0", headers=auth("manager")).get_json()
    assert filled["filled_by"] == "wendy"


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_only_frontend_keys_act_for_a_member(client, auth, wendy_withdrew, role) -> None:
    """A staff key naming a member would borrow that member's rights (and read their e-mail)."""
    response = client.get("/members/ana", headers=auth(role, acting="ana"))
    assert response.status_code == 403 and "X-Acting-Member" in response.get_json()["message"]
    joined = client.put(
        "/projects/jardin/members/bob",
        json={"role": "contributor"},
        headers=auth(role, acting="bob"),
    )
    assert joined.status_code == 403
