"""A first load into an empty local Neo4j, through Neo4j's offline import tool.

Transactional import (``bulk.write``) MERGEs batch by batch: each row seeks both ends and checks
that the relationship is not there yet, and the commits are serial. It measured about 10,000
relationships/s at 400,000 members, 35,000-45,000 at best for one relationship type (CREATE
instead of MERGE, warm); two writers in parallel deadlock on the skills' relationship groups.
A first load has nothing to merge with, so ``neo4j-admin database import`` writes the store
files directly from CSV. The records go through the same validation first (``bulk.parse``), and
must be self-contained: the database is replaced, so every relationship's ends are in the file.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from neo4j.spatial import WGS84Point

from graphsvc import bulk
from graphsvc.tools import localneo4j

# Python value type -> the import tool's column type, in the order they are tested (bool first:
# it is an int too).
COLUMN_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),
    (int, "long"),
    (float, "double"),
    (datetime, "datetime"),
    (date, "date"),
    (WGS84Point, "point{crs:WGS-84}"),
    (str, "string"),
)


def _column_type(values: Iterable[Any]) -> str:
    sample = next((v for v in values if v is not None), "")
    return next(name for kind, name in COLUMN_TYPES if isinstance(sample, kind))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, WGS84Point):
        return f"{{latitude: {value.latitude}, longitude: {value.longitude}}}"
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    return str(value)


def _write(path: Path, id_columns: list[str], rows: list[tuple[list[str], dict[str, Any]]]) -> None:
    keys = sorted({key for _, properties in rows for key in properties})
    types = {key: _column_type(p.get(key) for _, p in rows) for key in keys}
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([*id_columns, *(f"{key}:{types[key]}" for key in keys)])
        for ids, properties in rows:
            writer.writerow([*ids, *(_cell(properties.get(key)) for key in keys)])


def write_csv(
    parsed: bulk.Parsed, directory: Path
) -> tuple[dict[str, list[Path]], dict[str, list[Path]]]:
    """One CSV per node label and per (type, start label, end label). A record repeated in the
    file counts once, the last one winning, as the transactional import's MERGE and SET do."""
    nodes: dict[str, list[Path]] = {}
    for label, rows in parsed.nodes.items():
        last = {row["id"]: row["properties"] for row in rows}
        nodes[label] = [directory / f"nodes-{label}.csv"]
        _write(nodes[label][0], [f"id:ID({label})"], [([i], p) for i, p in last.items()])
    relationships: dict[str, list[Path]] = {}
    for (kind, start, end), rows in parsed.rels.items():
        last = {(row["start"], row["end"]): row["properties"] for row in rows}
        path = directory / f"rels-{kind}-{start}-{end}.csv"
        relationships.setdefault(kind, []).append(path)
        columns = [f":START_ID({start})", f":END_ID({end})"]
        _write(path, columns, [([a, b], p) for (a, b), p in last.items()])
    return nodes, relationships


def _check_self_contained(parsed: bulk.Parsed) -> None:
    errors = [
        (row["line"], f"refers to {label} {node_id!r}, which is not in the file "
                      "(a first load replaces the database)")
        for (_, start, end), rows in parsed.rels.items()
        for row in rows
        for label, node_id in ((start, row["start"]), (end, row["end"]))
        if (label, node_id) not in parsed.lines
    ]  # fmt: skip
    if errors:
        errors.sort()
        raise bulk.BulkFormatError(errors[: bulk.MAX_REPORTED_ERRORS], len(errors))


def first_load(records: Iterable[tuple[int, Any]], data_dir: Path) -> str:
    """Validate ``(line, record)`` pairs and make them the whole database of the local
    instance in ``data_dir``, which must be stopped. Nothing is touched if a record is bad.
    Returns the import tool's summary; the caller starts Neo4j and applies the schema."""
    parsed = bulk.parse(records)
    _check_self_contained(parsed)
    with tempfile.TemporaryDirectory(prefix="graphsvc-first-load-") as scratch:
        nodes, relationships = write_csv(parsed, Path(scratch))
        return localneo4j.import_csv(data_dir, nodes, relationships)
