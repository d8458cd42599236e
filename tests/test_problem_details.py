"""Every error answer is an RFC 9457 problem: application/problem+json with type, title, status
(an integer, the HTTP status) and detail, and the per-field errors where there are some."""

from __future__ import annotations

import http
from typing import Any

from graphsvc import create_app
from tests.graphs import city, member, skill


def check(response, status: int) -> dict[str, Any]:
    assert response.status_code == status, (status, response.get_data(as_text=True)[:300])
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["status"] == status and problem["title"] == http.HTTPStatus(status).phrase
    assert problem["type"] == f"http://localhost/problems/{status}" and problem["detail"]
    assert "Retry-After" not in response.headers or status in (429, 503)
    return problem


def test_every_error_status_is_a_problem_document(client, auth, load, neo4j_config, api_keys):
    load([city("toulouse"), *member("lea")])
    admin = auth("admin")
    check(client.post("/members", data="[" * 40 + "]" * 40, headers=admin,
                      content_type="application/json"), 400)  # fmt: skip
    check(client.get("/members"), 401)
    check(client.get("/keys", headers=auth("frontend")), 403)
    check(client.get("/members/nobody", headers=admin), 404)
    check(client.put("/members", headers=admin), 405)
    body = {"id": "lea", "name": "Léa", "consent": True, "city_id": "toulouse"}
    check(client.post("/members", json=body, headers=admin), 409)
    check(client.post("/members", data="x" * 300_000, headers=admin,
                      content_type="application/json"), 413)  # fmt: skip
    check(client.post("/members", data="name=Léa", headers=admin, content_type="text/plain"), 415)
    invalid = check(client.post("/members", json={"name": ""}, headers=admin), 422)
    assert set(invalid["errors"]["json"]) >= {"name", "consent", "city_id"}

    limited = create_app({**neo4j_config, "MIGRATE_ON_START": False,
                          "RATELIMIT_DEFAULT": "1 per minute"})  # fmt: skip
    try:
        flood = limited.test_client()
        headers = {"Authorization": f"Bearer {api_keys['manager']}"}
        flood.get("/cities", headers=headers)
        check(flood.get("/cities", headers=headers), 429)
    finally:
        limited.extensions["graphsvc.store"].driver.close()


def test_problem_types_resolve_to_what_they_mean(client):
    for status in (400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503):
        page = client.get(f"/problems/{status}")
        assert page.status_code == 200, status
        assert page.get_json()["status"] == status and page.get_json()["meaning"]
    check(client.get("/problems/299"), 404)


def test_created_resources_say_where_they_are_and_successes_never_ask_to_retry(client, auth, load):
    load([city("toulouse"), *member("lea"), *skill("compta")])
    admin = auth("admin")
    body = {"id": "zoe", "name": "Zoé", "consent": True, "city_id": "toulouse"}
    created = client.post("/members", json=body, headers=admin)
    assert created.status_code == 201 and created.headers["Location"] == "/members/zoe"
    assert client.get(created.headers["Location"], headers=admin).status_code == 200
    need = client.post("/members/zoe/needs", json={"title": "Compta", "skill_ids": ["compta"]},
                       headers=admin)  # fmt: skip
    assert need.status_code == 201, need.get_json()
    assert need.headers["Location"] == f"/needs/{need.get_json()['id']}"
    for response in (created, client.get("/members", headers=admin)):
        assert "Retry-After" not in response.headers
    metrics = client.get("/metrics")
    assert metrics.headers["Content-Type"].count("charset") <= 1


def test_the_openapi_document_says_so(client):
    spec = client.get("/openapi.json").get_json()
    responses = spec["components"]["responses"]
    assert "application/problem+json" in responses["NOT_FOUND"]["content"]
    operation = spec["paths"]["/members/{member_id}"]["patch"]
    assert {"401", "403", "404", "409", "413", "422", "429", "503"} <= set(operation["responses"])
    ids = [op["operationId"] for ops in spec["paths"].values() for m, op in ops.items()
           if m in ("get", "post", "put", "patch", "delete")]  # fmt: skip
    assert len(ids) == len(set(ids)) >= 40


def test_cors_answers_only_the_configured_origins(neo4j_config):
    app = create_app({**neo4j_config, "MIGRATE_ON_START": False, "RATELIMIT_ENABLED": False,
                      "CORS_ORIGINS": ["https://app.example.org"]})  # fmt: skip
    try:
        client = app.test_client()
        asked = {"Access-Control-Request-Method": "GET",
                 "Access-Control-Request-Headers": "Authorization, X-Acting-Member"}  # fmt: skip
        allowed = client.options("/members", headers={"Origin": "https://app.example.org", **asked})
        assert allowed.headers["Access-Control-Allow-Origin"] == "https://app.example.org"
        assert "x-acting-member" in allowed.headers["Access-Control-Allow-Headers"].lower()
        other = client.options("/members", headers={"Origin": "https://evil.example", **asked})
        assert "Access-Control-Allow-Origin" not in other.headers
    finally:
        app.extensions["graphsvc.store"].driver.close()


def test_reads_carry_an_etag_and_answer_304_when_unchanged(client, auth, load):
    load([city("toulouse"), *member("lea")])
    admin = auth("admin")
    first = client.get("/members/lea", headers=admin)
    etag = first.headers["ETag"]
    assert (
        first.status_code == 200 and etag and first.headers["Cache-Control"] == "private, no-cache"
    )
    unchanged = client.get("/members/lea", headers={**admin, "If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.data == b""
    assert client.patch("/members/lea", json={"bio": "Comptable"}, headers=admin).status_code == 200
    changed = client.get("/members/lea", headers={**admin, "If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert "Comptable" in changed.get_data(as_text=True)
