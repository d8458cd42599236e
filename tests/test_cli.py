"""The graphsvc command on the test Neo4j: import, export, migrate, keys."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from graphsvc.cli import main
from tests.graphs import city, member


@pytest.fixture
def run(neo4j_config, store, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_config["NEO4J_URI"])
    monkeypatch.setenv("NEO4J_USER", neo4j_config["NEO4J_USER"] or "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_config["NEO4J_PASSWORD"] or "")
    return lambda *args: CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_import_export_round_trip_through_the_command(run, tmp_path, store) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in [city("toulouse"), *member("a")]))
    result = run("import", str(source))
    assert result.exit_code == 0 and "imported 3 records" in result.output
    out = tmp_path / "out.jsonl"
    assert run("export", str(out)).exit_code == 0
    assert len(out.read_text().splitlines()) == 3
    assert not (tmp_path / "out.jsonl.tmp").exists()


def test_a_malformed_file_fails_with_line_numbers_and_writes_nothing(run, tmp_path, store) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(json.dumps(city("toulouse")) + "\n{not json\n")
    result = run("import", str(source))
    assert result.exit_code == 1
    assert "line 2: not valid JSON" in result.output and "nothing was imported" in result.output
    assert store.read("count_graph")[0]["nodes"] == 0


def test_a_hostile_file_is_reported_line_by_line_and_writes_nothing(run, tmp_path, store) -> None:
    """Bytes that are not UTF-8, 10,000 levels of nesting, a key twice, a NUL in a name, "yes"
    for a boolean, "3" and 4.5 for a level: each line is named, nothing is written."""
    lines = [
        json.dumps(city("toulouse")).encode(),
        b'{"node": "Member", "id": "m1", "properties": {"name": "L\xe9a", "consent": true}}',
        b"[" * 10_000 + b"]" * 10_000,
        b'{"node": "Member", "id": "m2", "id": "m3", "properties": {"name": "Zo", "consent": true}}',
        json.dumps(member("m4", name="Nul\u0000")[0]).encode(),
        json.dumps({"node": "Member", "id": "m5", "properties": {"name": "Yes", "consent": "yes"}}).encode(),
        *(json.dumps({"rel": "HAS_SKILL", "start": {"label": "Member", "id": "m6"},
                      "end": {"label": "Skill", "id": "s"}, "properties": {"level": level}}).encode()
          for level in ("3", 4.5)),
    ]  # fmt: skip
    source = tmp_path / "hostile.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    result = CliRunner().invoke(main, ["import", str(source)])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert "line 2: not valid UTF-8" in result.output
    assert "line 3: JSON nested too deeply" in result.output
    assert "line 4: a key appears twice in one object: id" in result.output
    for line in (5, 6, 7, 8):
        assert f"line {line}:" in result.output, line
    assert store.read("count_graph")[0]["nodes"] == 0


def test_migrate_and_keys(run) -> None:
    assert "applied: 001_constraints, 002_indexes" in run("migrate").output
    assert run("migrate").output.strip() == "schema up to date"
    version = run("--version")
    assert version.exit_code == 0 and version.output.startswith("graphsvc, version ")
    created = run("keys", "create", "--role", "manager", "--name", "cli test")
    assert created.exit_code == 0 and "gsk_" in created.output
    key_id = created.output.split()[2].rstrip(":")
    assert key_id in run("keys", "list").output
    assert run("keys", "revoke", key_id).exit_code == 0
    assert run("keys", "revoke", "nope").exit_code == 1


def test_an_absent_neo4j_is_explained(monkeypatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    result = CliRunner().invoke(main, ["migrate"])
    assert result.exit_code == 1 and "graphsvc neo4j start" in result.output


def test_archive_erases_members_inactive_for_n_days_only(run, load, client, auth) -> None:
    long_ago = "2020-01-01T00:00:00+00:00"
    load([
        city("toulouse"), *member("old", joined_at=long_ago), *member("busy", joined_at=long_ago),
        *member("fresh", joined_at="2026-11-01T00:00:00+00:00"), *member("undated"),
    ])  # fmt: skip
    linked = client.put(
        "/members/busy/acquaintances/fresh", headers=auth("frontend", acting="busy")
    )
    assert linked.status_code == 201
    listed = run("archive", "--inactive-days", "365", "--dry-run")
    assert listed.exit_code == 0 and listed.output.splitlines()[1:] == ["old"], listed.output
    assert client.get("/members/old", headers=auth("admin")).status_code == 200
    erased = run("archive", "--inactive-days", "365")
    assert "erased 1 member(s)" in erased.output
    assert [
        client.get(f"/members/{m}", headers=auth("admin")).status_code
        for m in ("old", "busy", "fresh", "undated")
    ] == [404, 200, 200, 200]


def test_a_taken_port_is_refused_before_anything_starts(run) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for command in ("serve", "demo"):
            result = CliRunner().invoke(main, [command, "--port", str(port)])
            assert result.exit_code != 0, result.output
            assert f"port {port} on 127.0.0.1 is taken" in result.output


def test_a_port_whose_last_server_just_died_is_free_again() -> None:
    """After a crash or a stop under load, the old server's connections linger a minute in
    TIME_WAIT; a restart must not take them for a server that still listens."""
    import socket

    from graphsvc.cli import _refuse_a_taken_port

    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = listener.accept()
        accepted.close()  # the server side closes first: its end of the port waits in TIME_WAIT
        client.close()
    _refuse_a_taken_port("127.0.0.1", port)  # no SystemExit: nothing listens there


def test_the_warm_up_plans_for_every_id_length_the_api_accepts() -> None:
    """Neo4j keys a cached plan by the size bucket of each string parameter (the next power of
    ten of its length): an id in a bucket the warm-up missed is planned on its first call."""
    import math

    from graphsvc.api.common import ID_FIELD
    from graphsvc.warmup import BUCKET_IDS

    def bucket(length: int) -> int:
        return 10 ** math.ceil(math.log10(length))

    pattern = ID_FIELD["validate"].regex
    accepted = [n for n in range(1, 200) if pattern.match("a" * n)]
    assert accepted == list(range(1, 101))
    assert {bucket(n) for n in accepted} <= {bucket(len(id_)) for id_ in BUCKET_IDS}


def test_the_warm_up_runs_each_recommendation_statement(store, load, caplog) -> None:
    from graphsvc.warmup import warm
    from tests.graphs import knows, need, project, skill

    assert store.read("sample_ids") == [
        {"project_id": None, "member_id": None, "need_id": None, "remote_need_id": None}
    ]
    assert set(warm(store)) == {"store into the page cache"}  # an empty graph: nothing else
    before = store.read("touch_store")[0]  # the API keys, no relationship
    assert before["relationships"] == 0
    load([
        city("toulouse"), *skill("compta"), *member("lea"), *member("zoe", consent=False),
        *member("karim", skills={"compta": 2}), knows("lea", "karim"),
        *project("jardin", holder="lea"), *need("n1", ("Project", "jardin"), "compta"),
        *need("n2", ("Project", "jardin"), "compta", status="filled"),
        *need("n3", ("Project", "jardin"), "compta", remote=True),
    ])  # fmt: skip
    ids = store.read("sample_ids")[0]
    assert ids["project_id"] == "jardin" and ids["need_id"] in {"n1", "n3"}
    assert ids["remote_need_id"] == "n3"
    assert ids["member_id"] in {"lea", "karim"}  # consenting members only
    first = warm(store)
    assert set(first) == {"store into the page cache", "introductions", "introductions by place",
                          "introductions for a need", "introductions for a remote need",
                          "projects for a member", "mutual help",
                          "plans for ids of other lengths", "the explorer's reads"}  # fmt: skip
    assert not [r for r in caplog.records if r.name == "graphsvc.warmup"]  # nothing failed
    # 1 city, 1 skill, 3 members, 1 project, 3 needs; LIVES_IN 3, HAS_SKILL 1, KNOWS 1,
    # MEMBER_OF 1, BASED_IN 1, HAS_NEED 3, REQUIRES 3, counted once and with their properties.
    touched = store.read("touch_store")[0]
    assert touched["nodes"] - before["nodes"] == 9 and touched["relationships"] >= 13


def test_each_demo_start_revokes_the_previous_demo_keys(store) -> None:
    from graphsvc.cli import _demo_keys
    from graphsvc.keys import data as keys

    first = _demo_keys(store)
    second = _demo_keys(store)
    live = [k for k in keys.list_keys(store) if k["name"].startswith("demo") and not k["revoked"]]
    assert len(live) == len(first) == len(second) == len(keys.ROLES)
    assert all(keys.find_key(store, secret) is None for secret in first.values())
    assert all(keys.find_key(store, secret) for secret in second.values())


def test_neo4j_status_gives_the_uri_scripts_follow(tmp_path) -> None:
    """`make notebooks` follows the demo's Neo4j, whatever its port, through this."""
    from graphsvc.tools import localneo4j

    folder = tmp_path / "demo"
    folder.mkdir()
    stopped = CliRunner().invoke(main, ["neo4j", "status", "--uri", "--data-dir", str(folder)])
    assert stopped.exit_code == 1 and stopped.stdout == ""
    (folder / "neo4j.pid").write_text(str(os.getpid()))  # a live process, standing in
    (folder / "neo4j.port").write_text("7999")
    running = CliRunner().invoke(main, ["neo4j", "status", "--uri", "--data-dir", str(folder)])
    assert running.exit_code == 0
    assert running.stdout.strip() == localneo4j.status(folder.resolve()).uri
    assert running.stdout.strip().endswith(":7999")
