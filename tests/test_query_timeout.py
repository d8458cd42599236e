"""Every transaction of the service has a timeout: a heavy request ends in a 503, not a hang."""

from __future__ import annotations

from typing import Any

from graphsvc import create_app
from graphsvc.db import get_store
from graphsvc.queries import parse

SLOW = parse(
    "count_to_a_billion",
    "// Returns `n`, after counting for a long time.\n// Params: none\n// Cost: seconds.\n"
    "UNWIND range(1, 1000000000) AS x RETURN count(x) AS n",
)


def test_a_query_past_the_timeout_is_stopped_and_answers_503(neo4j_config: dict[str, Any]) -> None:
    app = create_app({**neo4j_config, "QUERY_TIMEOUT": 7.0, "MIGRATE_ON_START": False})
    store = app.extensions["graphsvc.store"]
    assert store.timeout == 7.0  # from the configuration (GRAPHSVC_QUERY_TIMEOUT)
    store.timeout = 0.5  # now, not at start: planning a query the first time takes a while
    store.queries = {**store.queries, SLOW.name: SLOW}

    @app.get("/slow")
    def slow() -> dict[str, Any]:
        return get_store().read(SLOW.name)[0]

    response = app.test_client().get("/slow")
    store.driver.close()
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert "took longer" in response.get_json()["message"]


def _patch_while_locked(neo4j_config: dict[str, Any], manager_key: str, load, timeout=None):
    """PATCH Toulouse while another transaction holds its lock; the answer and the name after."""
    from tests.graphs import city

    load([city("toulouse")])
    app = create_app({**neo4j_config, "MIGRATE_ON_START": False, "RATELIMIT_ENABLED": False})
    store = app.extensions["graphsvc.store"]
    store.timeout = timeout or store.timeout
    with store.driver.session() as session:
        holder = session.begin_transaction()
        holder.run("MATCH (c:City {id: 'toulouse'}) SET c.name = 'Held'").consume()
        try:
            response = app.test_client().patch(
                "/cities/toulouse", json={"name": "Tolosa"},
                headers={"Authorization": f"Bearer {manager_key}"},
            )  # fmt: skip
        finally:
            holder.rollback()
    name = store.read("get_city", id="toulouse")[0]["city"]["name"]
    store.driver.close()
    return response, name


def test_a_write_stuck_behind_a_lock_answers_503_and_writes_nothing(
    neo4j_config: dict[str, Any], api_keys, load
) -> None:
    """Another transaction holds Toulouse's lock past the query timeout (1 s here, under the lock
    timeout): the PATCH that waits for it ends in a 503 with Retry-After (Neo4j says
    LockClientStopped or TransactionTimedOut), never a 500, and its change is not there."""
    response, name = _patch_while_locked(neo4j_config, api_keys["manager"], load, timeout=1.0)
    assert response.status_code == 503, response.get_json()
    assert response.headers["Retry-After"] and name == "Toulouse"


def test_a_write_behind_a_lock_gives_up_at_the_lock_timeout_with_a_503_that_says_so(
    neo4j_config: dict[str, Any], api_keys, load
) -> None:
    """With the service's own query timeout (10 s), Neo4j's lock timeout (2 s, the launcher's
    setting) ends the wait first: LockAcquisitionTimeout, a transient error, is a 503 that says a
    write holds the record, not that the database is down; nothing is written."""
    response, name = _patch_while_locked(neo4j_config, api_keys["manager"], load)
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert "Another write holds" in response.get_json()["detail"] and name == "Toulouse"
