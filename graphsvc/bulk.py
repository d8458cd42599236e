"""The bulk format: JSON Lines, one node or relationship per line.

    {"node": "Member", "id": "m000001", "properties": {"name": "Léa Martin", "consent": true}}
    {"rel": "HAS_SKILL", "start": {"label": "Member", "id": "m000001"},
     "end": {"label": "Skill", "id": "comptabilite"}, "properties": {"level": 4}}

(each record on one line). The whole file is validated before anything is written, references
included, so a malformed record writes nothing at all; then it is written in batches, each batch
one transaction, nodes before relationships. Writes MERGE on ids: importing twice is importing
once, and an export imported into an empty database exports to the same bytes.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import IO, Annotated, Any, Literal

from neo4j.spatial import WGS84Point
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
)
from tqdm import tqdm

from graphsvc import limits
from graphsvc.limits import NOT_TEXT
from graphsvc.model import (
    INTRODUCTION_STATUSES,
    NEED_STATUSES,
    NODE_LABELS,
    REL_TYPES,
    RELATION_BY_KEY,
    ROLES,
    SKILL_LEVELS,
    node_import_query,
)
from graphsvc.store import Store, Tx

Record = dict[str, Any]
BATCH_SIZE = 5000
MAX_REPORTED_ERRORS = 20


# pydantic rather than marshmallow here: a 40,000-member seed is 375,000 records, and pydantic's
# compiled validators check them in seconds where marshmallow takes about a minute.
def _a_number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a JSON number")
    return value


def _text(value: str) -> str:
    if NOT_TEXT.search(value):
        raise ValueError("holds a control character or a lone UTF-16 surrogate: send valid text")
    return value


Id = Annotated[str, Field(min_length=1, max_length=limits.ID_MAX, pattern=limits.ID_PATTERN)]
Name = Annotated[str, Field(min_length=1, max_length=limits.NAME_MAX), AfterValidator(_text)]


Bio = Annotated[str, Field(min_length=1, max_length=limits.BIO_MAX), AfterValidator(_text)]
Description = Annotated[
    str, Field(min_length=1, max_length=limits.DESCRIPTION_MAX), AfterValidator(_text)
]
SkillDescription = Annotated[
    str, Field(min_length=1, max_length=limits.SKILL_DESCRIPTION_MAX), AfterValidator(_text)
]
Message = Annotated[str, Field(min_length=1, max_length=limits.MESSAGE_MAX), AfterValidator(_text)]
Email = Annotated[str, Field(max_length=limits.EMAIL_MAX, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]


# Types as strict as the API's: no "yes" for true, no "3" for 3, no 4.5 stored as 4. A JSON
# number is still a float where one is expected (43 is a latitude).
Flag = Annotated[bool, Field(strict=True)]
Whole = Annotated[int, Field(strict=True)]
Number = Annotated[float, BeforeValidator(_a_number)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CityProperties(Strict):
    name: Name
    population: Annotated[Whole, Field(ge=0, le=100_000_000)] | None = None
    region: Annotated[str, Field(max_length=limits.REGION_MAX)] | None = None
    latitude: Annotated[Number, Field(ge=-90, le=90)]
    longitude: Annotated[Number, Field(ge=-180, le=180)]


class SkillProperties(Strict):
    name: Name
    name_en: Name | None = None
    description: SkillDescription | None = None


class MemberProperties(Strict):
    name: Name
    email: Email | None = None
    bio: Bio | None = None
    consent: Flag
    joined_at: AwareDatetime | None = None


class ProjectProperties(Strict):
    name: Name
    description: Description | None = None
    created_at: AwareDatetime | None = None


class NeedProperties(Strict):
    title: Name
    description: Description | None = None
    status: Literal[NEED_STATUSES]  # type: ignore[valid-type]
    remote: Flag
    created_at: AwareDatetime
    filled_at: AwareDatetime | None = None
    filled_by: Id | None = None


class IntroductionProperties(Strict):
    status: Literal[INTRODUCTION_STATUSES]  # type: ignore[valid-type]
    created_at: AwareDatetime
    decided_at: AwareDatetime | None = None
    requester_id: Id | None = None
    target_id: Id | None = None
    through_id: Id | None = None
    project_id: Id | None = None
    need_id: Id | None = None
    message: Message | None = None
    erased_party: Flag | None = None


class NoProperties(Strict):
    pass


class HasSkillProperties(Strict):
    level: Annotated[Whole, Field(ge=min(SKILL_LEVELS), le=max(SKILL_LEVELS))]


class SinceProperties(Strict):
    since: date | None = None


class MemberOfProperties(SinceProperties):
    role: Literal[ROLES]  # type: ignore[valid-type]


NODE_PROPERTIES: dict[str, type[Strict]] = {
    "City": CityProperties,
    "Skill": SkillProperties,
    "Member": MemberProperties,
    "Project": ProjectProperties,
    "Need": NeedProperties,
    "Introduction": IntroductionProperties,
}
REL_PROPERTIES: dict[str, type[Strict]] = {
    "HAS_SKILL": HasSkillProperties,
    "KNOWS": SinceProperties,
    "MEMBER_OF": MemberOfProperties,
}


class Endpoint(Strict):
    label: Literal[NODE_LABELS]  # type: ignore[valid-type]
    id: Id


class NodeRecord(Strict):
    node: Literal[NODE_LABELS]  # type: ignore[valid-type]
    id: Id
    properties: dict[str, Any] = {}


class RelRecord(Strict):
    rel: Literal[REL_TYPES]  # type: ignore[valid-type]
    start: Endpoint
    end: Endpoint
    properties: dict[str, Any] = {}


def node(label: str, node_id: str, **properties: Any) -> Record:
    """A node record; ``node("Member", "m1", name="Léa", consent=True)``."""
    return {"node": label, "id": node_id, "properties": properties}


def rel(kind: str, start: tuple[str, str], end: tuple[str, str], **properties: Any) -> Record:
    """A relationship record; ``rel("KNOWS", ("Member", "m1"), ("Member", "m2"))``."""
    return {
        "rel": kind,
        "start": {"label": start[0], "id": start[1]},
        "end": {"label": end[0], "id": end[1]},
        "properties": properties,
    }


class RecordError(ValueError):
    """One record is malformed; the message says what and where."""


class BulkFormatError(ValueError):
    """Malformed records (``errors``: ``(line, message)`` pairs); nothing was written."""

    def __init__(self, errors: list[tuple[int, str]], total: int):
        self.errors = errors
        self.total = total
        shown = "\n".join(f"  line {line}: {message}" for line, message in errors)
        more = f"\n  ... and {total - len(errors)} more" if total > len(errors) else ""
        super().__init__(f"{total} malformed record(s), nothing was imported:\n{shown}{more}")


def _describe(error: ValidationError, prefix: str = "") -> str:
    parts = []
    for item in error.errors(include_url=False):
        where = ".".join(str(part) for part in (prefix, *item["loc"]) if part != "")
        parts.append(f"{where}: {item['msg']}" if where else item["msg"])
    return "; ".join(parts)


def _to_neo4j(label: str, properties: dict[str, Any]) -> dict[str, Any]:
    if label == "City":
        properties = dict(properties)
        lat, lon = properties.pop("latitude"), properties.pop("longitude")
        properties["location"] = WGS84Point((lon, lat))
    return properties


def _from_neo4j(properties: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in sorted(properties.items()):
        if key == "id":
            continue
        if key == "location" and isinstance(value, dict):
            out.update(value)
        elif isinstance(value, datetime | date):
            out[key] = value.isoformat()
        else:
            out[key] = value
    return dict(sorted(out.items()))


@dataclass
class Parsed:
    """Validated records grouped by what writes them, with the line each came from."""

    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    lines: dict[tuple[str, str], int] = field(default_factory=dict)  # (label, id) -> line

    @property
    def count(self) -> int:
        return sum(map(len, self.nodes.values())) + sum(map(len, self.rels.values()))


def _properties(schema: type[Strict], properties: dict[str, Any]) -> dict[str, Any]:
    try:
        return schema.model_validate(properties).model_dump(exclude_none=True)
    except ValidationError as error:
        raise RecordError(_describe(error, "properties")) from None


def _parse_node(record: dict[str, Any], parsed: Parsed, line: int) -> None:
    node = NodeRecord.model_validate(record)
    properties = _to_neo4j(node.node, _properties(NODE_PROPERTIES[node.node], node.properties))
    parsed.nodes[node.node].append({"id": node.id, "properties": properties})
    parsed.lines.setdefault((node.node, node.id), line)


def _parse_rel(record: dict[str, Any], parsed: Parsed, line: int) -> None:
    rel = RelRecord.model_validate(record)
    key = (rel.rel, rel.start.label, rel.end.label)
    if key not in RELATION_BY_KEY:
        allowed = ", ".join(f"({r.start})-[:{r.type}]->({r.end})" for r in RELATION_BY_KEY.values())
        raise RecordError(f"({key[1]})-[:{key[0]}]->({key[2]}) is not in the model ({allowed})")
    properties = _properties(REL_PROPERTIES.get(rel.rel, NoProperties), rel.properties)
    row = {"start": rel.start.id, "end": rel.end.id, "properties": properties, "line": line}
    parsed.rels[key].append(row)


def _parse_record(record: Any, parsed: Parsed, line: int) -> None:
    if isinstance(record, NotJson):
        raise RecordError(record.message)
    if not isinstance(record, dict):
        raise RecordError("a record must be a JSON object")
    try:
        if "node" in record:
            _parse_node(record, parsed, line)
        elif "rel" in record:
            _parse_rel(record, parsed, line)
        else:
            raise RecordError('a record needs a "node" or a "rel" key')
    except ValidationError as error:
        raise RecordError(_describe(error)) from None


def parse(records: Iterable[tuple[int, Any]]) -> Parsed:
    """Validate every ``(line, record)``; raise ``BulkFormatError`` listing the bad ones."""
    parsed = Parsed()
    errors: list[tuple[int, str]] = []
    total_errors = 0
    for line, record in records:
        try:
            _parse_record(record, parsed, line)
        except RecordError as error:
            total_errors += 1
            if len(errors) < MAX_REPORTED_ERRORS:
                errors.append((line, str(error)))
    if total_errors:
        raise BulkFormatError(errors, total_errors)
    return parsed


@dataclass(frozen=True)
class NotJson:
    """Stands for a line that is not JSON, so it is reported with the other errors."""

    message: str


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(set(keys)) < len(keys):
        twice = sorted({key for key in keys if keys.count(key) > 1})
        raise ValueError(f"a key appears twice in one object: {', '.join(twice)}")
    return dict(pairs)


INVALID_BYTES = re.compile("[\udc80-\udcff]")  # what surrogateescape makes of bytes not UTF-8


def read_lines(lines: Iterable[str]) -> Iterator[tuple[int, Any]]:
    """Decoded JSON Lines with their line numbers (from 1); blank lines are skipped. Open the
    file with ``errors="surrogateescape"``: a line that is not UTF-8 is then reported with the
    others, instead of stopping the read."""
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        if INVALID_BYTES.search(text):
            yield number, NotJson("not valid UTF-8: save the file as UTF-8")
            continue
        try:
            yield number, json.loads(text, object_pairs_hook=_unique_keys)
        except json.JSONDecodeError as error:
            yield number, NotJson(f"not valid JSON ({error.msg} at column {error.colno})")
        except RecursionError:
            yield number, NotJson("JSON nested too deeply")
        except ValueError as error:  # a duplicate key: which value was meant is unknown
            yield number, NotJson(str(error))


def _check_references(store: Store, parsed: Parsed) -> None:
    """Every relationship's endpoints must be in the file or already in the database."""
    wanted: dict[str, dict[str, int]] = defaultdict(dict)
    for (_, start_label, end_label), rows in parsed.rels.items():
        for row in rows:
            for label, node_id in ((start_label, row["start"]), (end_label, row["end"])):
                if (label, node_id) not in parsed.lines:
                    wanted[label].setdefault(node_id, row["line"])
    errors: list[tuple[int, str]] = []
    for label, ids in wanted.items():
        existing = {r["id"] for r in store.read("existing_node_ids", label=label, ids=list(ids))}
        errors.extend(
            (line, f"refers to {label} {node_id!r}, which is neither in the file nor the database")
            for node_id, line in ids.items()
            if node_id not in existing
        )
    if errors:
        errors.sort()
        raise BulkFormatError(errors[:MAX_REPORTED_ERRORS], len(errors))


def _batches(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for offset in range(0, len(rows), BATCH_SIZE):
        yield rows[offset : offset + BATCH_SIZE]


def _write_batch(tx: Tx, query: str, batch: list[dict[str, Any]]) -> int:
    rows = [{k: v for k, v in row.items() if k != "line"} for row in batch]
    written = tx.single(query, rows=rows)["written"]  # type: ignore[index]
    if written != len(batch):
        # Only possible if a node was deleted since the reference check: roll the batch back.
        raise RuntimeError(f"{query}: wrote {written} of {len(batch)} rows, batch rolled back")
    return written


def write(store: Store, parsed: Parsed, *, progress: bool | None = None) -> int:
    """Write validated records in batches (nodes first); returns how many records were written."""
    _check_references(store, parsed)
    work = [
        *((node_import_query(label), rows) for label, rows in parsed.nodes.items()),
        *((RELATION_BY_KEY[key].import_query, rows) for key, rows in parsed.rels.items()),
    ]
    done = 0
    disable = None if progress is None else not progress  # None: only on a terminal
    with tqdm(total=parsed.count, unit="rec", disable=disable) as bar:
        for query, rows in work:
            for batch in _batches(rows):
                done += store.write_unit(partial(_write_batch, query=query, batch=batch))
                bar.update(len(batch))
    return done


def import_records(store: Store, records: Iterable[dict[str, Any]], **kwargs: Any) -> int:
    return write(store, parse(enumerate(records, start=1)), **kwargs)


def import_file(store: Store, path: Path, **kwargs: Any) -> int:
    with path.open(encoding="utf-8", errors="surrogateescape") as lines:
        return write(store, parse(read_lines(lines)), **kwargs)


class ExportNotConsistent(RuntimeError):
    """API writes kept committing while the export read the graph; the message says what to do."""


def export(store: Store, out: IO[str], attempts: int = 5, pause_seconds: int = 600) -> int:
    """Write the whole graph as bulk records, nodes then relationships, in a stable order.

    While the service takes writes: Neo4j reads at read-committed isolation (a transaction sees
    each write once it commits, not a snapshot), so a write that commits between the reads could
    be in the export in part, say a need marked filled without the membership the fill made.
    So the export pauses API writes (each API write transaction reads the WriteGate and rolls
    back with a 503 while it is closed; at most ``pause_seconds``, should the export die), and
    counts the audit entries every API write commits before and after reading: a write that
    began before the pause and committed during the read makes it read again. What it writes is
    the graph of one instant. Writes by the CLI (import, archive) are not gated: run those
    apart. After ``attempts`` busy tries it gives up rather than write a mixed copy.
    """
    store.write("pause_api_writes", seconds=pause_seconds, reason="a backup (graphsvc export) runs")
    try:
        for _ in range(attempts):
            before = store.read("count_api_writes")[0]["writes"]
            nodes = store.read("export_nodes", labels=list(NODE_LABELS))
            rels = store.read(
                "export_relationships", types=list(REL_TYPES), labels=list(NODE_LABELS)
            )
            if store.read("count_api_writes")[0]["writes"] == before:
                return _write_records(nodes, rels, out)
    finally:
        store.write("resume_api_writes")
    raise ExportNotConsistent(
        f"API writes committed during each of {attempts} reads of the graph: stop the service "
        "for the export, or run it again."
    )


def _write_records(nodes: list[dict[str, Any]], rels: list[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    exported: set[tuple[str, str]] = set()
    for row in nodes:
        record = {
            "node": row["label"],
            "id": row["id"],
            "properties": _from_neo4j(row["properties"]),
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        exported.add((row["label"], row["id"]))
        count += 1
    for row in rels:
        start, end = (row["start_label"], row["start"]), (row["end_label"], row["end"])
        if start not in exported or end not in exported:
            continue  # only a CLI write during the export can leave one (see export)
        record = {
            "rel": row["type"],
            "start": {"label": start[0], "id": start[1]},
            "end": {"label": end[0], "id": end[1]},
            "properties": _from_neo4j(row["properties"]),
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
