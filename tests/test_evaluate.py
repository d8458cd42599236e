from __future__ import annotations

import io

from graphsvc import bulk
from graphsvc.evaluate import evaluate, table
from graphsvc.seed import generate


def _export(store) -> str:
    out = io.StringIO()
    bulk.export(store, out)
    return out.getvalue()


def test_evaluation_hides_in_a_rolled_back_transaction_and_reports_every_method(store) -> None:
    bulk.import_records(store, generate(600, seed=5), progress=False)
    before = _export(store)
    report = evaluate(store, sample=15, seed=1)
    assert _export(store) == before  # nothing hidden stays hidden
    assert report["hidden"] == 15 and 0 < report["filled_a_need"] <= 15
    assert set(report["methods"]) == {
        "introductions",
        "common_neighbours",
        "adamic_adar",
        "personalized_pagerank",
    }
    for metrics in report["methods"].values():
        assert 0 <= metrics["recall@5"] <= metrics["recall@10"] <= 1 and 0 <= metrics["mrr"] <= 1
    # Members who joined by filling a need are found again once that need is reopened.
    assert report["methods_filled"]["introductions"]["recall@10"] > 0
    assert "personalized_pagerank" in table(report)
    assert evaluate(store, sample=15, seed=1) == report  # seeded: the same sample, the same table
