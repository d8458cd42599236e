"""Operators' view: a JSON access-log line per request, and Prometheus metrics."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from graphsvc import create_app, observability
from graphsvc.server import _forget_dead_workers
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


def test_a_new_worker_drops_the_in_flight_gauge_of_a_worker_that_died(tmp_path):
    """Else /metrics would count forever the requests a crashed worker was answering."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = os.getpid()
    for name in (f"gauge_livesum_{dead.pid}.db", f"gauge_livesum_{alive}.db",
                 f"histogram_{dead.pid}.db"):  # fmt: skip
        (tmp_path / name).write_bytes(b"")
    _forget_dead_workers(tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        f"gauge_livesum_{alive}.db",
        f"histogram_{dead.pid}.db",  # counters and histograms of the dead still add up
    ]
