from __future__ import annotations

import io
import json
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphsvc import bulk, cli
from graphsvc.config import from_environment
from graphsvc.db import store_for
from graphsvc.store import Store
from graphsvc.tools import firstload, localneo4j
from graphsvc.tools.seed import generate
from tests.graphs import city, knows, member, need, project, skill


def _export(store: Store) -> str:
    out = io.StringIO()
    bulk.export(store, out)
    return out.getvalue()


def test_export_then_import_into_an_empty_database_round_trips(store: Store, tmp_path) -> None:
    bulk.import_records(store, generate(300, seed=7), progress=False)
    first = _export(store)
    store.run_autocommit(store.queries["delete_everything"].text)
    (tmp_path / "export.jsonl").write_text(first, encoding="utf-8")
    bulk.import_file(store, tmp_path / "export.jsonl", progress=False)
    assert _export(store) == first
    assert len(first.splitlines()) == len(list(generate(300, seed=7)))


def test_importing_twice_is_importing_once(store: Store, load) -> None:
    records = [city("toulouse"), *skill("compta"), *member("a", skills={"compta": 3}),
               *member("b"), knows("a", "b")]  # fmt: skip
    load(records)
    once = _export(store)
    counts = store.read("count_graph")[0]
    load(records)
    assert store.read("count_graph")[0] == counts == {"nodes": 4, "relationships": 4}
    assert _export(store) == once


def test_a_malformed_line_is_reported_with_its_number_and_nothing_is_written(
    store: Store, tmp_path: Path
) -> None:
    good = [city("toulouse"), *member("a"), *member("b")]
    lines = [json.dumps(r) for r in good]
    lines.insert(2, '{"node": "Member", "id": "c", "properties": {"name": "C"}}')  # no consent
    lines.insert(4, '{"rel": "KNOWS", "start": {"label": "Member", "id": "a"},')  # cut short
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(bulk.BulkFormatError) as raised:
        bulk.import_file(store, path, progress=False)
    assert [line for line, _ in raised.value.errors] == [3, 5]
    assert "properties.consent: Field required" in raised.value.errors[0][1]
    assert "not valid JSON" in raised.value.errors[1][1]
    assert "line 3" in str(raised.value)
    assert store.read("count_graph")[0] == {"nodes": 0, "relationships": 0}


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"node": "Planet", "id": "x"}, "node: Input should be"),
        ({"node": "Member", "id": "", "properties": {"name": "A", "consent": True}}, "id: String should have at least 1"),
        ({"node": "Member", "id": "a", "properties": {"name": "A", "consent": True, "age": 3}}, "properties.age: Extra inputs"),
        ({"rel": "KNOWS", "start": {"label": "Member", "id": "a"}, "end": {"label": "City", "id": "t"}}, "is not in the model"),
        ({"rel": "HAS_SKILL", "start": {"label": "Member", "id": "a"}, "end": {"label": "Skill", "id": "s"}, "properties": {"level": 9}}, "properties.level: Input should be less than or equal to 5"),
        ({"id": "a"}, 'needs a "node" or a "rel" key'),
        ([1, 2], "must be a JSON object"),
    ],
)  # fmt: skip
def test_each_kind_of_malformed_record_says_what_is_wrong(record, message: str) -> None:
    with pytest.raises(bulk.BulkFormatError) as raised:
        bulk.parse([(1, record)])
    assert message in raised.value.errors[0][1]


def test_a_reference_to_an_unknown_node_writes_nothing(store: Store) -> None:
    records = [city("toulouse"), *member("a"), knows("a", "ghost")]
    with pytest.raises(bulk.BulkFormatError) as raised:
        bulk.import_records(store, records, progress=False)
    assert raised.value.errors == [
        (4, "refers to Member 'ghost', which is neither in the file nor the database")
    ]
    assert store.read("count_graph")[0]["nodes"] == 0


def test_references_may_point_at_nodes_already_in_the_database(store: Store, load) -> None:
    load([city("toulouse"), *member("a"), *member("b")])
    load([knows("a", "b")])
    assert store.read("count_graph")[0]["relationships"] == 3


def test_batches_are_written_in_several_transactions(store: Store, monkeypatch) -> None:
    monkeypatch.setattr(bulk, "BATCH_SIZE", 2)
    records = [city("toulouse"), *(r for i in range(5) for r in member(f"m{i}"))]
    assert bulk.import_records(store, records, progress=False) == 11
    assert store.read("count_graph")[0] == {"nodes": 6, "relationships": 5}


@pytest.mark.slow
def test_a_restored_export_gives_every_recommendation_endpoint_the_same_answers(
    store: Store, client, auth
) -> None:
    """Introductions are part of the export: the declined pairs and the load they carry change
    the rankings, so a restore that lost them would answer differently."""
    bulk.import_records(store, generate(300, seed=7), progress=False)
    admin = auth("admin")
    projects = [f"p{i:05d}" for i in range(8)]
    decided = Counter()
    for project_id in projects:
        found = client.get(f"/projects/{project_id}/introductions?limit=3", headers=admin)
        others = [c for c in found.get_json()["introductions"] if c["member"]["id"] != "m000000"]
        for rank, candidate in enumerate(others):
            made = client.post(
                "/introductions",
                json={"target_id": candidate["member"]["id"], "project_id": project_id,
                      "requester_id": "m000000"},
                headers=admin,
            )  # fmt: skip
            assert made.status_code == 201, made.get_json()
            if rank < 2:
                status = ("declined", "accepted")[rank]
                answer = client.patch(
                    f"/introductions/{made.get_json()['id']}",
                    json={"status": status}, headers=admin,
                )  # fmt: skip
                assert answer.status_code == 200, answer.get_json()
                decided[status] += 1
    assert decided["declined"] >= 5 and decided["accepted"] >= 5
    paths = [f"/projects/{p}/introductions?limit=20" for p in projects] + [
        f"/members/m{i:06d}/{kind}" for i in range(0, 300, 15) for kind in ("projects", "matches")
    ]

    def answers() -> dict[str, object]:
        return {path: client.get(path, headers=admin).get_json() for path in paths}

    before, exported = answers(), _export(store)
    assert '"node": "Introduction"' in exported and '"rel": "ABOUT"' in exported
    store.run_autocommit(store.queries["delete_everything"].text)
    assert answers() != before  # the comparison can tell an empty graph from the real one
    bulk.import_records(store, [json.loads(line) for line in exported.splitlines()], progress=False)
    assert answers() == before
    assert _export(store) == exported


@pytest.mark.slow
def test_a_first_load_gives_the_graph_transactions_give(store: Store, tmp_path: Path) -> None:
    """The import tool's first load and the transactional import of one file export alike,
    through every property type (points, times, dates, text with quotes and line breaks)."""
    records = [
        *generate(300, seed=7),
        city("toulouse"),
        *member("odd", name='Zoé "la" Tisserande', bio="Deux lignes,\nune virgule ; des « guillemets »"),
        *member("odd", name="Zoé Tisserande"),  # repeated: the last one wins, as MERGE and SET do
    ]  # fmt: skip
    bulk_file = tmp_path / "network.jsonl"
    bulk_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    bulk.import_file(store, bulk_file, progress=False)
    data_dir = tmp_path / "first-load"
    result = CliRunner().invoke(
        cli.main, ["import", str(bulk_file), "--first-load", "--data-dir", str(data_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "IMPORT DONE" in result.output and localneo4j.status(data_dir) is None  # left stopped
    instance = localneo4j.start(data_dir, heap_mb=512, pagecache_mb=128)
    try:
        loaded = store_for({**from_environment(), "NEO4J_URI": instance.uri, "NEO4J_PASSWORD": ""})
        assert _export(loaded) == _export(store)
        indexes = {row["name"] for row in loaded.read("list_indexes")}
        assert {"member_id", "member_name", "search_text"} <= indexes  # the schema came after
        loaded.driver.close()
    finally:
        localneo4j.stop(data_dir)


def test_a_first_load_refuses_a_file_that_is_not_self_contained(tmp_path: Path) -> None:
    records = [(1, city("toulouse")), (2, knows("a", "b"))]
    with pytest.raises(bulk.BulkFormatError, match="not in the file"):
        firstload.first_load(records, tmp_path / "never-started")
    assert not (tmp_path / "never-started").exists()  # refused before anything was written


@pytest.fixture
def fillable(load):
    load([city("toulouse"), *skill("compta"), *member("holder"), *member("helper", skills={"compta": 3}),
          *project("jardin", holder="holder", contributors=("helper",)),
          *need("n1", ("Project", "jardin"), "compta")])  # fmt: skip


def _write_during_reads(monkeypatch, store: Store, write, times: int) -> Counter:
    """Run ``write`` through the API right after the export read its nodes, ``times`` times."""
    reads, real_read = Counter(), store.read

    def read(name: str, /, **params):
        rows = real_read(name, **params)
        reads[name] += 1
        if name == "export_nodes" and reads[name] <= times:
            write(reads[name])
        return rows

    monkeypatch.setattr(store, "read", read)
    return reads


def test_api_writes_wait_out_an_export_and_none_is_half_in_it(
    store: Store, client, auth, fillable, monkeypatch
) -> None:
    """A fill between the export's reads would give an open need with a contributor who filled
    it: writes are paused for the export (503, Retry-After, nothing written), then work again."""
    holder = auth("frontend", acting="holder")
    answers = []

    def fill(_: int) -> None:
        answers.append(client.post("/needs/n1/fill", json={"member_id": "helper"}, headers=holder))

    reads = _write_during_reads(monkeypatch, store, fill, times=1)
    exported = _export(store)
    monkeypatch.undo()
    refused = answers[0]
    assert refused.status_code == 503 and int(refused.headers["Retry-After"]) >= 1
    assert "backup" in refused.get_json()["detail"]
    assert reads["export_nodes"] == 1 and '"status": "open"' in exported
    assert exported == _export(store)  # the refused fill left nothing behind
    filled = client.post("/needs/n1/fill", json={"member_id": "helper"}, headers=holder)
    assert filled.status_code == 200  # the export is over: writes are back


def test_an_export_reads_again_when_a_write_from_before_the_pause_commits(
    store: Store, fillable, monkeypatch
) -> None:
    def straggler(_: int) -> None:  # an API write that checked the gate before it closed
        store.driver.execute_query(
            "CREATE (:AuditEntry {id: randomUUID()})", database_=store.database
        )

    reads = _write_during_reads(monkeypatch, store, straggler, times=1)
    _export(store)
    assert reads["export_nodes"] == 2  # the first read was taken again
    _write_during_reads(monkeypatch, store, straggler, times=3)
    with pytest.raises(bulk.ExportNotConsistent, match="stop the service"):
        bulk.export(store, io.StringIO(), attempts=3)
    gate = "MATCH (g:WriteGate) RETURN count(g) AS closed"
    assert store.driver.execute_query(gate, database_=store.database).records[0]["closed"] == 0


def test_an_export_of_a_busy_service_imports_whole_and_loses_no_acknowledged_write(
    app, store: Store, auth, tmp_path
) -> None:
    bulk.import_records(store, generate(300, seed=7), progress=False)
    stop, answers = threading.Event(), []

    def write() -> None:
        client = app.test_client()
        while not stop.is_set():
            body = {"name": f"Écrit {len(answers)}", "consent": True, "city_id": "city-2967245"}
            answers.append(client.post("/members", json=body, headers=auth("admin")))

    with ThreadPoolExecutor(max_workers=2) as pool:
        writers = [pool.submit(write) for _ in range(2)]
        while len(answers) < 20:
            time.sleep(0.01)  # the writers are under way
        exported = _export(store)
        stop.set()
        for writer in writers:
            writer.result()
    statuses = Counter(answer.status_code for answer in answers)
    assert set(statuses) <= {201, 503} and statuses[201] >= 20, statuses
    acknowledged = {a.get_json()["id"] for a in answers if a.status_code == 201}
    found = store.driver.execute_query(
        "MATCH (m:Member) WHERE m.id IN $ids RETURN count(m)", {"ids": list(acknowledged)},
        database_=store.database,
    ).records[0][0]  # fmt: skip
    assert found == len(acknowledged)
    records = [json.loads(line) for line in exported.splitlines()]
    nodes = {(r["node"], r["id"]) for r in records if "node" in r}
    for r in (r for r in records if "rel" in r):
        assert (r["start"]["label"], r["start"]["id"]) in nodes
        assert (r["end"]["label"], r["end"]["id"]) in nodes
    store.run_autocommit(store.queries["delete_everything"].text)
    (tmp_path / "export.jsonl").write_text(exported, encoding="utf-8")
    assert bulk.import_file(store, tmp_path / "export.jsonl", progress=False) == len(records)
