"""Skills, cities, search and keys."""

from __future__ import annotations

import pytest

from graphsvc.search.views import lucene_query
from tests.graphs import city, member, need, project, skill


@pytest.fixture
def graph(load):
    load([
        city("toulouse"), city("lyon"),
        *skill("gestion", name="Gestion et finance"),
        *skill("comptabilite", broader="gestion", name="Comptabilité"),
        *skill("paie", broader="comptabilite", name="Paie"),
        *skill("web", name="Développement web"),
        *member("lea", skills={"comptabilite": 4}, name="Léa Martin", bio="Experte-comptable à Toulouse"),
        *member("sophie", consent=False, name="Sophie Comptable"),
        *project("jardin", holder="lea", name="Jardin partagé des Minimes"),
        *need("n1", ("Project", "jardin"), "web"),
    ])  # fmt: skip


def test_taxonomy_reads(client, auth, graph) -> None:
    headers = auth("frontend")
    compta = client.get("/skills/comptabilite", headers=headers).get_json()
    assert compta["broader"] == {"id": "gestion", "name": "Gestion et finance"}
    assert compta["narrower"] == [{"id": "paie", "name": "Paie"}] and compta["holders"] == 1
    top = client.get("/skills?top_level=true", headers=headers).get_json()
    assert [s["id"] for s in top] == ["web", "gestion"]  # by name: Développement…, Gestion…
    assert [
        s["id"] for s in client.get("/skills?broader_id=gestion", headers=headers).get_json()
    ] == ["comptabilite"]
    assert [s["id"] for s in client.get("/skills?text=PAIE", headers=headers).get_json()] == [
        "paie"
    ]
    assert client.get("/skills/ghost", headers=headers).status_code == 404


def test_managers_curate_skills_and_loops_are_refused(client, auth, graph) -> None:
    body = {"id": "fiscalite", "name": "Fiscalité", "broader_id": "gestion"}
    assert client.post("/skills", json=body, headers=auth("frontend")).status_code == 403
    created = client.post("/skills", json=body, headers=auth("manager"))
    assert created.status_code == 201 and created.get_json()["broader"]["id"] == "gestion"
    assert client.post("/skills", json=body, headers=auth("manager")).status_code == 409
    assert (
        client.post(
            "/skills", json={**body, "id": "x", "broader_id": "ghost"}, headers=auth("manager")
        ).status_code
        == 404
    )
    loop = client.patch("/skills/gestion", json={"broader_id": "paie"}, headers=auth("manager"))
    assert loop.status_code == 422 and "loop" in loop.get_json()["message"]
    assert (
        client.patch(
            "/skills/gestion", json={"broader_id": "gestion"}, headers=auth("manager")
        ).status_code
        == 422
    )
    moved = client.patch(
        "/skills/paie", json={"broader_id": None, "name_en": "Payroll"}, headers=auth("manager")
    )
    assert moved.get_json()["broader"] is None and moved.get_json()["name_en"] == "Payroll"
    assert client.delete("/skills/fiscalite", headers=auth("manager")).status_code == 403
    assert (
        client.delete("/skills/comptabilite", headers=auth("admin")).status_code == 409
    )  # held by Léa
    assert client.delete("/skills/fiscalite", headers=auth("admin")).status_code == 204
    assert client.delete("/skills/fiscalite", headers=auth("admin")).status_code == 404


def test_cities(client, auth, graph) -> None:
    headers = auth("frontend")
    toulouse = client.get("/cities/toulouse", headers=headers).get_json()
    assert toulouse["members"] == 2 and toulouse["projects"] == 1
    assert toulouse["location"] == {"latitude": 43.60426, "longitude": 1.44367}
    assert [c["id"] for c in client.get("/cities?text=lyo", headers=headers).get_json()] == ["lyon"]
    body = {
        "id": "albi",
        "name": "Albi",
        "latitude": 43.9289,
        "longitude": 2.1464,
        "population": 49000,
    }
    assert client.post("/cities", json=body, headers=headers).status_code == 403
    assert client.post("/cities", json=body, headers=auth("manager")).status_code == 201
    assert client.post("/cities", json=body, headers=auth("manager")).status_code == 409
    assert (
        client.post(
            "/cities", json={**body, "id": "x", "latitude": 91}, headers=auth("manager")
        ).status_code
        == 422
    )
    moved = client.patch(
        "/cities/albi", json={"latitude": 44.0, "longitude": 2.0}, headers=auth("manager")
    )
    assert moved.get_json()["location"] == {"latitude": 44.0, "longitude": 2.0}
    assert (
        client.patch("/cities/ghost", json={"name": "x"}, headers=auth("manager")).status_code
        == 404
    )
    assert [c["id"] for c in client.get("/cities?sort=-name", headers=headers).get_json()] == [
        "toulouse",
        "lyon",
        "albi",
    ]


def test_search_ignores_accents_and_case_and_respects_consent(client, auth, graph) -> None:
    headers = auth("frontend")
    hits = client.get("/search?q=comptabilite", headers=headers).get_json()
    assert ("skill", "comptabilite") in [(h["kind"], h["id"]) for h in hits]
    assert [
        h["id"] for h in client.get("/search?q=LEA&kind=member", headers=headers).get_json()
    ] == ["lea"]
    assert [
        h["id"] for h in client.get("/search?q=jard&kind=project", headers=headers).get_json()
    ] == ["jardin"]
    assert client.get("/search?q=sophie", headers=headers).get_json() == []
    assert [
        h["id"] for h in client.get("/search?q=sophie", headers=auth("manager")).get_json()
    ] == ["sophie"]
    for hostile in ('"', "a AND (", "*", "\\", "title:x OR", "~~"):
        response = client.get("/search", query_string={"q": hostile}, headers=headers)
        assert response.status_code == 200, hostile
    assert client.get("/search?q=x&kind=planet", headers=headers).status_code == 422
    assert client.get("/search", headers=headers).status_code == 422


def test_lucene_query_escapes_everything_the_user_types() -> None:
    assert lucene_query("Comptabilité") == '("Comptabilité"^2 OR comptabilite*)'
    assert lucene_query('a" OR b:(') == (
        r'("a\""^2 OR a\"*) AND ("OR"^2 OR or*) AND ("b:("^2 OR b\:\(*)'
    )


def test_keys_are_admin_only_shown_once_and_revocable(client, auth, graph) -> None:
    assert client.get("/keys", headers=auth("manager")).status_code == 403
    created = client.post(
        "/keys", json={"name": "app", "role": "frontend", "member_id": "lea"}, headers=auth("admin")
    )
    assert created.status_code == 201
    secret = created.get_json()["secret"]
    listed = client.get("/keys", headers=auth("admin")).get_json()
    assert all("secret" not in k and "hash" not in k for k in listed)
    bound = {"Authorization": f"Bearer {secret}"}
    assert client.get("/members/lea", headers=bound).status_code == 200
    assert client.patch("/members/lea", json={"bio": "Hello"}, headers=bound).status_code == 200
    assert (
        client.get("/members/lea", headers={**bound, "X-Acting-Member": "sophie"}).status_code
        == 403
    )
    assert (
        client.post("/keys", json={"name": "x", "role": "god"}, headers=auth("admin")).status_code
        == 422
    )
    assert (
        client.delete(f"/keys/{created.get_json()['id']}", headers=auth("admin")).status_code == 204
    )
    assert client.get("/members/lea", headers=bound).status_code == 401
    assert client.delete("/keys/ghost", headers=auth("admin")).status_code == 404
