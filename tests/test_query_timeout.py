"""Every transaction of the service has a timeout: a heavy request ends in a 503, not a hang."""

from __future__ import annotations

import time
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

    started = time.perf_counter()
    response = app.test_client().get("/slow")
    seconds = time.perf_counter() - started
    store.driver.close()
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert "took longer" in response.get_json()["message"]
    assert seconds < 5, f"stopped after {seconds:.1f} s"
