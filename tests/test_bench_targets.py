"""``make bench`` judges its own figures against the introductions issue's targets."""

from __future__ import annotations

from graphsvc.tools.bench import ENDPOINTS, check_targets


def _runs() -> dict:
    """An endpoint's runs, every figure within its target."""
    return {
        "1": {"p50_ms": 8.0, "p99_ms": 20.0},
        "ratio_p50_endpoint_over_driver": 1.4,
        "20": {"per_second": 250.0, "errors": 0},
        "open@100/s": {"p99_ms": 40.0},
    }


def test_every_figure_within_its_target_is_met() -> None:
    verdicts = check_targets({name: _runs() for name in ENDPOINTS})
    assert len(verdicts) == 6 * len(ENDPOINTS)
    assert all(v["met"] for v in verdicts)


def test_each_figure_past_its_bound_is_missed_and_only_that_one() -> None:
    latency = {name: _runs() for name in ENDPOINTS}
    latency["matches"]["20"]["per_second"] = 199.9
    latency["matches"]["ratio_p50_endpoint_over_driver"] = 1.51
    latency["introductions"]["1"]["p99_ms"] = 30.0  # on the bound: met
    missed = [(v["endpoint"], v["what"]) for v in check_targets(latency) if not v["met"]]
    assert missed == [
        ("matches", "endpoint / driver p50"),
        ("matches", "20 clients (requests/s)"),
    ]


def test_a_run_that_was_not_made_is_not_judged() -> None:
    latency = {name: _runs() for name in ENDPOINTS}
    del latency["projects_for_member"]["open@100/s"]
    judged = {v["what"] for v in check_targets(latency) if v["endpoint"] == "projects_for_member"}
    assert "open loop 100/s p99 (ms)" not in judged and len(judged) == 5
