"""The audit log, Idempotency-Key on POST, request ids and revocation across workers."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from graphsvc import create_app
from graphsvc.keys import data as keys
from tests.graphs import city, skill
from tests.test_races import count

NEW_MEMBER = {"name": "Léa Idem", "consent": True, "city_id": "toulouse"}


@pytest.fixture
def toulouse(load):
    load([city("toulouse"), *skill("compta")])


def audit(client, auth, **filters) -> list[dict]:
    response = client.get(
        "/audit", query_string={"page_size": 100, **filters}, headers=auth("manager")
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_every_committed_write_has_one_audit_entry_and_failed_ones_none(client, auth, toulouse):
    headers = {**auth("admin"), "X-Request-Id": "req-create-lea"}
    created = client.post("/members", json={**NEW_MEMBER, "id": "lea"}, headers=headers)
    assert created.status_code == 201 and created.headers["X-Request-Id"] == "req-create-lea"
    duplicate = client.post("/members", json={**NEW_MEMBER, "id": "lea"}, headers=auth("admin"))
    assert duplicate.status_code == 409
    invalid = client.post("/members", json={"name": "x"}, headers=auth("admin"))
    assert invalid.status_code == 422
    changed = client.patch("/members/lea", json={"bio": "Comptable"}, headers=auth("admin"))
    assert changed.status_code == 200 and changed.headers["X-Request-Id"] != "req-create-lea"

    entries = audit(client, auth, path_prefix="/members/lea")
    assert [(e["method"], e["path"]) for e in entries] == [("PATCH", "/members/lea")]
    entries = audit(client, auth)
    assert [(e["method"], e["path"]) for e in entries] == [
        ("PATCH", "/members/lea"),
        ("POST", "/members"),
    ]
    first = entries[1]
    assert first["request_id"] == "req-create-lea" and first["role"] == "admin"
    assert first["endpoint"] == "/members" and first["key_id"]
    assert audit(client, auth, key_id="no-such-key") == []
    assert audit(client, auth, since="2999-01-01T00:00:00+00:00") == []
    assert client.get("/audit", headers=auth("frontend")).status_code == 403


def test_a_retried_post_with_its_idempotency_key_writes_once_and_gets_the_same_answer(
    client, auth, store, toulouse
):
    headers = {**auth("admin"), "Idempotency-Key": str(uuid.uuid4())}
    first = client.post("/members", json=NEW_MEMBER, headers=headers)
    again = client.post("/members", json=NEW_MEMBER, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json() and again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert count(store, "MATCH (m:Member {name: 'Léa Idem'}) RETURN count(m)") == 1
    assert len(audit(client, auth)) == 1  # the replay wrote nothing

    reused = client.post("/members", json={**NEW_MEMBER, "name": "Autre"}, headers=headers)
    assert reused.status_code == 422 and "Idempotency-Key" in reused.get_json()["message"]
    # The same idempotency key from another API key is another request.
    other = {**auth("manager"), "Idempotency-Key": headers["Idempotency-Key"]}
    assert client.post("/skills", json={"name": "Droit"}, headers=other).status_code == 201
    # Without the header, two POSTs are two members.
    for _ in range(2):
        assert client.post("/members", json=NEW_MEMBER, headers=auth("admin")).status_code == 201
    assert count(store, "MATCH (m:Member {name: 'Léa Idem'}) RETURN count(m)") == 3
    assert len(audit(client, auth)) == 4
    bad = {**auth("admin"), "Idempotency-Key": "x" * 256}
    assert client.post("/members", json=NEW_MEMBER, headers=bad).status_code == 422


def forget_answers(store, *, age: str) -> None:
    """What a ``kill -9`` after a commit leaves: the claim and its steps, but no answer."""
    store.driver.execute_query(
        "MATCH (r:IdempotencyRecord) REMOVE r.status, r.body, r.location "
        "SET r.created_at = datetime() - duration($age)",
        {"age": age}, database_=store.database,
    )  # fmt: skip


def test_a_write_that_committed_but_died_before_its_answer_is_answered_on_retry(
    client, auth, store, toulouse
):
    headers = {**auth("admin"), "Idempotency-Key": str(uuid.uuid4())}
    first = client.post("/members", json=NEW_MEMBER, headers=headers)  # the server picks the id
    assert first.status_code == 201
    forget_answers(store, age="PT5S")
    running = client.post("/members", json=NEW_MEMBER, headers=headers)
    assert running.status_code == 409  # it may still be running: nothing to say yet
    forget_answers(store, age="PT2M")  # now it is surely dead
    retried = client.post("/members", json=NEW_MEMBER, headers=headers)
    assert retried.status_code == 201 and retried.get_json() == first.get_json()
    assert retried.headers["Location"] == first.headers["Location"]
    assert retried.headers["Idempotent-Replayed"] == "true"
    again = client.post("/members", json=NEW_MEMBER, headers=headers)
    assert again.status_code == 201 and again.get_json()["id"] == first.get_json()["id"]
    assert count(store, "MATCH (m:Member {name: 'Léa Idem'}) RETURN count(m)") == 1
    assert len(audit(client, auth)) == 1  # the retries wrote nothing


def test_a_new_keys_secret_is_never_stored_for_a_retry(client, auth, store):
    headers = {**auth("admin"), "Idempotency-Key": str(uuid.uuid4())}
    created = client.post("/keys", json={"role": "frontend", "name": "app"}, headers=headers)
    assert created.status_code == 201
    secret = created.get_json()["secret"]
    stored = store.driver.execute_query(
        "MATCH (r:IdempotencyRecord) RETURN r.body + reduce(s = '', x IN r.steps | s + x) AS text",
        database_=store.database,
    ).records[0]["text"]
    assert secret not in stored and created.get_json()["id"] in stored
    replayed = client.post("/keys", json={"role": "frontend", "name": "app"}, headers=headers)
    assert replayed.status_code == 201 and replayed.get_json()["id"] == created.get_json()["id"]
    assert "secret" not in replayed.get_json() or replayed.get_json()["secret"] is None


def test_concurrent_posts_with_one_idempotency_key_write_once(app, auth, store, toulouse):
    headers = {**auth("admin"), "Idempotency-Key": str(uuid.uuid4())}
    clients = 20
    barrier = threading.Barrier(clients)

    def send(_: int) -> tuple[int, str | None]:
        client = app.test_client()
        barrier.wait()
        response = client.post("/members", json=NEW_MEMBER, headers=headers)
        return response.status_code, (response.get_json() or {}).get("id")

    with ThreadPoolExecutor(max_workers=clients) as pool:
        answers = list(pool.map(send, range(clients)))
    statuses = Counter(status for status, _ in answers)
    assert set(statuses) <= {201, 409} and statuses[201] >= 1, statuses
    assert len({member_id for status, member_id in answers if status == 201}) == 1
    assert count(store, "MATCH (m:Member {name: 'Léa Idem'}) RETURN count(m)") == 1
    retry = app.test_client().post("/members", json=NEW_MEMBER, headers=headers)
    assert retry.status_code == 201 and retry.headers["Idempotent-Replayed"] == "true"


def test_a_revoked_key_stops_working_at_once_in_another_worker(neo4j_config, app, store, tmp_path):
    """Two apps stand for two service workers: each has its own key cache."""
    config = {**neo4j_config, "TESTING": True, "MIGRATE_ON_START": False,
              "RATELIMIT_ENABLED": False, "KEY_STAMP": str(tmp_path / "stamp")}  # fmt: skip
    first, second = create_app(config), create_app(config)
    try:
        admin = keys.create_key(store, name="revoker", role="admin")["secret"]
        doomed = keys.create_key(store, name="doomed", role="manager")
        headers = {"Authorization": f"Bearer {doomed['secret']}"}
        assert second.test_client().get("/audit", headers=headers).status_code == 200  # cached
        revoked = first.test_client().delete(
            f"/keys/{doomed['id']}", headers={"Authorization": f"Bearer {admin}"}
        )
        assert revoked.status_code == 204
        assert second.test_client().get("/audit", headers=headers).status_code == 401
    finally:
        for worker in (first, second):
            worker.extensions["graphsvc.store"].driver.close()


def test_the_openapi_documents_request_ids_everywhere_and_idempotency_keys_on_posts(client):
    spec = client.get("/openapi.json").get_json()
    posts = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            refs = {p.get("$ref", "").rsplit("/", 1)[-1] for p in operation.get("parameters", [])}
            assert "RequestId" in refs, (method, path)
            assert ("IdempotencyKey" in refs) == (method == "post"), (method, path)
            assert "ActingMember" in refs and operation["operationId"].startswith(method)
            posts += method == "post"
    assert posts >= 8
    assert spec["components"]["parameters"]["IdempotencyKey"]["name"] == "Idempotency-Key"


def test_erasing_a_member_drops_the_recorded_steps_that_name_them(client, auth, store, toulouse):
    headers = {**auth("admin"), "Idempotency-Key": str(uuid.uuid4())}
    created = client.post("/members", json=NEW_MEMBER, headers=headers).get_json()
    forget_answers(store, age="PT2M")  # only the steps name the member now
    assert count(store, "MATCH (r:IdempotencyRecord) RETURN count(r)") == 1
    assert client.delete(f"/members/{created['id']}", headers=auth("admin")).status_code == 204
    assert count(store, "MATCH (r:IdempotencyRecord) RETURN count(r)") == 0
