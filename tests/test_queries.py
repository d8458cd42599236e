"""Every .cypher file: a described header, declared parameters, parses on the real Neo4j,
path queries bounded and limited."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphsvc import queries
from graphsvc.config import ROOT
from graphsvc.store import Store

CYPHER = ROOT / "cypher"
FILES = sorted(CYPHER.glob("*.cypher"))
VARIABLE_LENGTH = re.compile(r"\[[^\]]*\*[^\]]*\]|\)\s*\{\d*,\s*\d*\}|\+\)|\*\)")
UNBOUNDED = re.compile(r"\*\s*(\d+)?\s*\]|\*\s*\d*\s*\.\.\s*\]|\{\s*\d*\s*,\s*\}")


def test_registry_loads_every_file() -> None:
    registry = queries.load(CYPHER)
    assert set(registry) == {path.stem for path in FILES}


def test_a_file_without_header_is_refused() -> None:
    with pytest.raises(queries.QueryFileError, match="must open with"):
        queries.parse("bare", "MATCH (n) RETURN n")


def test_undeclared_parameters_are_refused() -> None:
    text = "// Returns n.\n// Params: $a\nMATCH (n {id: $a, name: $b}) RETURN n"
    with pytest.raises(queries.QueryFileError, match="declares \\['a'\\] but uses \\['a', 'b'\\]"):
        queries.parse("sloppy", text)


def test_declared_parameters_match_usage() -> None:
    text = (
        "// Returns n.\n// Params: $a, $b (list)\nMATCH (n) WHERE n.id = $a OR n.id IN $b RETURN n"
    )
    assert queries.parse("tidy", text).declared_params == {"a", "b"}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_query_parses_on_neo4j(path: Path, session_store: Store) -> None:
    query = session_store.queries[path.stem]
    with session_store.driver.session() as session:
        summary = session.run("EXPLAIN " + query.text).consume()
    assert summary.plan is not None


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_path_queries_are_bounded_and_limited(path: Path) -> None:
    body = "\n".join(
        line for line in path.read_text().splitlines() if not line.lstrip().startswith("//")
    )
    if VARIABLE_LENGTH.search(body):
        assert not UNBOUNDED.search(body), (
            f"{path.name}: a variable-length pattern has no upper bound"
        )
        assert re.search(r"\bLIMIT\b", body), f"{path.name}: a path query must end in LIMIT"
    assert "Cost:" in path.read_text(), f"{path.name}: the header should say what the query costs"
