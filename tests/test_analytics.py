from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from graphsvc.config import ROOT
from graphsvc.tools.analytics import city_graph, city_report, city_tables, social_graph
from tests.graphs import city, knows, member, need, project, skill


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


@pytest.fixture
def notebook_graph(load, neo4j_config, monkeypatch) -> None:
    """Two cities: Toulouse's project needs compta (Léa holds it) and web (only Blagnac's Zoé)."""
    load([
        city("toulouse"), city("blagnac"), *skill("compta"), *skill("web"),
        *member("a", name="Léa Martin", skills={"compta": 3}), *member("b", name="Bruno Petit"),
        *member("c", name="Chloé Roy"), *member("w", consent=False, name="Wanda Withdrawn"),
        *member("z", "blagnac", name="Zoé Web", skills={"web": 4}),
        knows("a", "b"), knows("b", "c"), *project("jardin", holder="a"),
        *need("n1", ("Project", "jardin"), "compta"), *need("n2", ("Project", "jardin"), "web"),
    ])  # fmt: skip
    monkeypatch.setenv("NEO4J_URI", neo4j_config["NEO4J_URI"])
    monkeypatch.setenv("NEO4J_USER", neo4j_config["NEO4J_USER"] or "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_config["NEO4J_PASSWORD"] or "")
    monkeypatch.setenv("GRAPHSVC_CITY", "toulouse")


def run(name: str) -> tuple[str, int]:
    """Executes the notebook top to bottom; its printed text and how many pictures it drew."""
    notebook = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    text = "".join(
        o.get("text", "") + str(o.get("data", {}).get("text/plain", "")) for o in outputs
    )
    pictures = sum("image/png" in o.get("data", {}) for o in outputs)
    return text, pictures


@pytest.mark.slow
def test_the_network_health_notebook_runs_and_draws(notebook_graph) -> None:
    text, pictures = run("network_health.ipynb")
    assert "Toulouse: 4 members (1 withdrew consent), 2 ties, 1 communities, 1 isolated" in text
    assert "Bruno Petit" in text and "Wanda" not in text
    assert pictures == 3


@pytest.mark.slow
def test_the_skills_gap_notebook_runs_and_draws(notebook_graph) -> None:
    text, pictures = run("skills_gap.ipynb")
    assert "lacking: Web" in text and "Blagnac" in text and "web" in text
    assert pictures == 2


def test_notebooks_are_kept_without_outputs() -> None:
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name


def test_city_tables_hide_withdrawn_names(store, notebook_graph) -> None:
    tables = city_tables(store, "toulouse")
    members = tables["members"].set_index("id")
    assert members["name"].isna().to_dict() == {"a": False, "b": False, "c": False, "w": True}
    assert tables["needs"].set_index("skill_id")["met_in_city"].to_dict() == {
        "compta": True,
        "web": False,
    }
    skills = tables["skills"].set_index("skill_id")
    assert skills.loc["compta", "supply"] == 1 and skills.loc["web", "supply"] == 0
    graph = city_graph(store, "toulouse")
    assert graph.nodes["w"]["name"] is None and graph.has_edge("a", "b")
