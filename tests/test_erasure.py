"""The right of access and the right to erasure.

Wendy takes part in everything (see the consent sweep); she exports her data, then erases
herself. A walk of every read, as an admin who sees everything, then finds no trace of her, and
neither does a scan of every node and relationship property in the graph.
"""

from __future__ import annotations

import pytest

from tests.test_consent_sweep import reads
from tests.test_consent_sweep import wendy_withdrew as wendy_took_part  # noqa: F401 - a fixture

TRACES = ("wendy", "zeta")


@pytest.fixture
def wendy_active(client, auth, wendy_took_part):  # noqa: F811
    """The sweep's Wendy, consenting again, with an e-mail address."""
    changed = client.patch(
        "/members/wendy", json={"consent": True, "email": "wendy.zeta@example.org"},
        headers=auth("frontend", acting="wendy"),
    )  # fmt: skip
    assert changed.status_code == 200, changed.get_json()
    return wendy_took_part


def test_a_member_exports_everything_held_about_them(client, auth, wendy_active) -> None:
    exported = client.get("/members/wendy/export", headers=auth("frontend", acting="wendy"))
    assert exported.status_code == 200
    data = exported.get_json()
    assert data["email"] == "wendy.zeta@example.org" and data["city"]["id"] == "toulouse"
    assert {s["id"] for s in data["skills"]} == {"compta", "web"}
    assert [n["id"] for n in data["needs"]] == ["nw"] and [n["id"] for n in data["filled"]] == [
        "n0"
    ]
    assert {a["id"] for a in data["acquaintances"]} == {"ana", "bob"}
    assert [m["project"]["id"] for m in data["memberships"]] == ["jardin"]
    assert {i["id"] for i in data["introductions"]} == set(wendy_active.values())
    # The audit log's entries naming her: at least the change of consent just made, as her.
    mine = [a for a in data["audit"] if a["acting_member"] == "wendy"]
    assert any(a["method"] == "PATCH" and a["path"] == "/members/wendy" for a in mine)
    assert all("wendy" in (a["acting_member"], *a["path"].split("/")) for a in data["audit"])
    assert data["keys"] == []  # none is bound to her yet
    bound = client.post("/keys", json={"name": "wendy's app", "role": "frontend",
                                       "member_id": "wendy"}, headers=auth("admin"))  # fmt: skip
    assert bound.status_code == 201, bound.get_json()
    again = client.get("/members/wendy/export", headers=auth("admin")).get_json()
    assert [k["name"] for k in again["keys"]] == ["wendy's app"] and "hash" not in again["keys"][0]
    assert client.get("/members/wendy/export", headers=auth("admin")).status_code == 200
    for headers in (auth("frontend", acting="ana"), auth("manager")):
        assert client.get("/members/wendy/export", headers=headers).status_code == 403


def test_erasure_leaves_no_trace_in_any_answer_or_in_the_graph(client, auth, store, wendy_active):
    assert (
        client.delete("/members/wendy", headers=auth("frontend", acting="ana")).status_code == 403
    )
    erased = client.delete("/members/wendy", headers=auth("frontend", acting="wendy"))
    assert erased.status_code == 204
    admin = auth("admin")
    for path in reads(wendy_active):
        response = client.get(path, headers=admin)
        assert response.status_code < 500, (path, response.get_json())
        text = response.get_data(as_text=True)
        if "/wendy" in path:  # as for an id that never existed
            ghost = client.get(path.replace("/wendy", "/ghost"), headers=admin)
            assert response.status_code == ghost.status_code == 404, path
            text = text.replace("'wendy'", "")
        assert not any(trace in text.lower() for trace in TRACES), (path, text)
    # Introductions stay (the network's statistics), their other parties intact.
    kept = client.get(f"/introductions/{wendy_active['through']}", headers=admin).get_json()
    assert kept["requester"]["id"] == "ana" and kept["through"] is None
    leftovers = store.driver.execute_query(
        "MATCH (n) WHERE any(k IN keys(n) WHERE toLower(toString(n[k])) CONTAINS $trace) "
        "RETURN labels(n) AS labels, n.id AS id UNION "
        "MATCH ()-[r]->() WHERE any(k IN keys(r) WHERE toLower(toString(r[k])) CONTAINS $trace) "
        "RETURN [type(r)] AS labels, null AS id",
        {"trace": "wendy"}, database_=store.database,
    ).records  # fmt: skip
    assert leftovers == []
    assert client.delete("/members/wendy", headers=admin).status_code == 404
