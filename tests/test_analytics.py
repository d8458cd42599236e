from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from graphsvc.analytics import city_report, social_graph
from graphsvc.config import ROOT
from tests.graphs import city, knows, member, project


def test_city_report_finds_the_isolated_and_the_bridge(store, load) -> None:
    # a - b - c - d in a line, e alone: c and b bridge; e is isolated; lyon's f is elsewhere.
    load([
        city("toulouse"), city("lyon"), *member("a"), *member("b"), *member("c"), *member("d"),
        *member("e"), *member("f", "lyon"), knows("a", "b"), knows("b", "c"), *project("q", holder="c", contributors=("d",)),
    ])  # fmt: skip
    graph = social_graph(store)
    assert graph.has_edge("c", "d") and not graph.has_edge("a", "c")
    report = city_report(store, "toulouse", top=2)
    assert report["members"] == 5 and [m["id"] for m in report["isolated"]] == ["e"]
    assert [m["id"] for m in report["connectors"]] == ["b", "c"]
    assert report["components"] == 1  # e has no tie, so it is not in the social graph


def test_the_notebook_runs_on_the_real_graph(store, load, neo4j_config, monkeypatch) -> None:
    load([city("toulouse"), *member("a"), *member("b"), knows("a", "b")])
    monkeypatch.setenv("NEO4J_URI", neo4j_config["NEO4J_URI"])
    monkeypatch.setenv("NEO4J_USER", neo4j_config["NEO4J_USER"] or "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_config["NEO4J_PASSWORD"] or "")
    monkeypatch.setenv("GRAPHSVC_CITY", "toulouse")
    notebook = nbformat.read(ROOT / "notebooks" / "city_explorer.ipynb", as_version=4)
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    outputs = "".join(
        o.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for o in cell.outputs
    )
    assert "toulouse: 2 members, 0 isolated, 1 groups" in outputs
