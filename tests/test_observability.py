"""Operators' view: a JSON access-log line per request, and Prometheus metrics."""

from __future__ import annotations

import json

from graphsvc import create_app, observability
from tests.graphs import city, member


def test_a_request_leaves_a_json_log_line_and_metrics(neo4j_config, api_keys, load, tmp_path):
    load([city("toulouse"), *member("lea")])
    log = tmp_path / "access.log"
    app = create_app({**neo4j_config, "MIGRATE_ON_START": False, "RATELIMIT_ENABLED": False,
                      "ACCESS_LOG": str(log)})  # fmt: skip
    try:
        client = app.test_client()
        secret = api_keys["manager"]
        answer = client.get(
            "/members/lea", headers={"Authorization": f"Bearer {secret}", "X-Request-Id": "obs-1"}
        )
        assert answer.status_code == 200
        observability.flush_access_log()
        line = json.loads(log.read_text().splitlines()[-1])
        assert line["request_id"] == "obs-1" and line["route"] == "/members/<member_id>"
        assert line["status"] == 200 and line["method"] == "GET" and line["duration_ms"] > 0
        assert line["key_id"] and secret not in log.read_text() and "time" in line
        metrics = client.get("/metrics").get_data(as_text=True)
        assert (
            'graphsvc_request_seconds_count{method="GET",route="/members/<member_id>",status="200"}'
            in metrics
        )
        assert 'graphsvc_query_seconds_count{query="get_member"}' in metrics
        assert "graphsvc_neo4j_breaker_open" in metrics
    finally:
        app.extensions["graphsvc.store"].driver.close()
        observability._log_to("")  # closes the file
