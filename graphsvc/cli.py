"""The ``graphsvc`` command: local Neo4j, schema, data, and the service itself."""

from __future__ import annotations

import importlib
import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click

from graphsvc import bulk, migrate
from graphsvc.config import from_environment
from graphsvc.db import MIGRATIONS, Neo4jUnavailable, store_for
from graphsvc.keys import data as key_data
from graphsvc.members import data as member_data
from graphsvc.store import Store
from graphsvc.tools import firstload, localneo4j

DEFAULT_BOLT_PORT = 7687


def _fail(message: str) -> None:
    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(1)


@click.group()
@click.version_option(package_name="graphsvc", prog_name="graphsvc")
def main() -> None:
    """graphsvc: recommendations for civic-engagement networks, on Neo4j."""


# --- the local Neo4j -------------------------------------------------------------------------


@main.group()
def neo4j() -> None:
    """Run a local Neo4j 5.26 Community (no Docker needed: Maven and Java 17)."""


def _data_dir_option(function):
    return click.option(
        "--data-dir",
        type=click.Path(path_type=Path),
        default=lambda: localneo4j.default_home() / "demo",
        show_default=".neo4j/demo",
        help="Folder for the store, log, pid and port of this instance.",
    )(function)


@neo4j.command("start")
@_data_dir_option
@click.option("--port", type=int, default=None, help="Bolt port (default 7687, or a free one).")
@click.option("--heap-mb", type=int, default=None, help="Default: from the machine's memory.")
@click.option("--pagecache-mb", type=int, default=None, help="Default: from the store's size.")
def neo4j_start(
    data_dir: Path, port: int | None, heap_mb: int | None, pagecache_mb: int | None
) -> None:
    """Start the local Neo4j (resolving it with Maven the first time) and wait for Bolt."""
    try:
        instance = _start_local(data_dir, port, heap_mb, pagecache_mb)
    except localneo4j.LauncherError as error:
        _fail(str(error))
    click.echo(f"Neo4j ready: export NEO4J_URI={instance.uri}   (log: {instance.log})")


def _start_local(
    data_dir: Path, port: int | None, heap_mb: int | None = None, pagecache_mb: int | None = None
):
    if port is None and localneo4j.status(data_dir.resolve()) is None:
        port = DEFAULT_BOLT_PORT if _port_free(DEFAULT_BOLT_PORT) else localneo4j.free_port()
    return localneo4j.start(data_dir, port=port, heap_mb=heap_mb, pagecache_mb=pagecache_mb)


def _port_free(port: int) -> bool:
    import socket

    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


@neo4j.command("build")
def neo4j_build() -> None:
    """Resolve Neo4j with Maven and compile the launcher, without starting anything (for CI)."""
    try:
        classes, classpath = localneo4j.build()
    except localneo4j.LauncherError as error:
        _fail(str(error))
    click.echo(f"Neo4j resolved: {len(classpath.split(os.pathsep))} jars; launcher in {classes}")


@neo4j.command("stop")
@_data_dir_option
def neo4j_stop(data_dir: Path) -> None:
    """Stop the local Neo4j cleanly."""
    click.echo("stopped" if localneo4j.stop(data_dir) else "not running")


@neo4j.command("status")
@_data_dir_option
@click.option("--uri", "uri_only", is_flag=True, help="Print only its Bolt URI (for scripts).")
def neo4j_status(data_dir: Path, uri_only: bool) -> None:
    """Say whether the local Neo4j runs, and where; exit 1 if it does not."""
    instance = localneo4j.status(data_dir.resolve())
    if instance is None:
        click.echo("not running", err=uri_only)
        sys.exit(1)
    click.echo(
        instance.uri if uri_only else f"running: pid {instance.pid}, NEO4J_URI={instance.uri}"
    )


# --- schema and data -------------------------------------------------------------------------


def _tool(module: str, extra: str) -> Any:
    """A tool's module, or a clear exit when its extra is not installed (the service's own
    install leaves generators and model fitting out)."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        _fail(f"this command needs {error.name}: pip install 'graphsvc[{extra}]'")


@contextmanager
def _store() -> Iterator[Store]:
    try:
        store = store_for(from_environment())
    except Neo4jUnavailable as error:
        _fail(str(error))
    try:
        yield store
    finally:
        store.driver.close()


@main.command("migrate")
def migrate_command() -> None:
    """Apply the schema migrations not applied yet (the service also runs this at start)."""
    with _store() as store:
        try:
            applied = migrate.apply(store, MIGRATIONS)
        except migrate.MigrationChanged as error:
            _fail(str(error))
    click.echo(f"applied: {', '.join(applied)}" if applied else "schema up to date")


@main.command()
@click.option("--members", type=click.IntRange(1, 1_000_000), default=40_000, show_default=True)
@click.option("--seed", "seed_value", type=int, default=42, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), help="Write JSON Lines here instead.")
@click.option(
    "--first-load",
    is_flag=True,
    help="Replace the whole database of the local Neo4j in --data-dir by Neo4j's import tool "
    "(several times faster; stops and restarts that instance).",
)
@_data_dir_option
def seed(members: int, seed_value: int, out: Path | None, first_load: bool, data_dir: Path) -> None:
    """Generate a realistic network (deterministic for a given seed) and import it."""
    generate = _tool("graphsvc.tools.seed", "seed").generate
    started = time.perf_counter()
    if out:
        with out.open("w", encoding="utf-8") as handle:
            for record in generate(members, seed_value):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        click.echo(f"wrote {out} in {time.perf_counter() - started:.1f}s")
        return
    if first_load:
        summary = _first_load(enumerate(generate(members, seed_value), start=1), data_dir)
        click.echo(summary)
        click.echo(f"seeded {members} members in {time.perf_counter() - started:.1f}s")
        return
    with _store() as store:
        migrate.apply(store, MIGRATIONS)
        written = bulk.import_records(store, generate(members, seed_value))
        counts = store.read("count_graph")[0]
    elapsed = time.perf_counter() - started
    click.echo(
        f"seeded {members} members ({written} records) in {elapsed:.1f}s: "
        f"{counts['nodes']} nodes, {counts['relationships']} relationships in the graph"
    )


def _first_load(records, data_dir: Path) -> str:
    """The local instance in ``data_dir`` gets exactly ``records`` and the schema; it is left
    running if it ran (on the same port), stopped otherwise."""
    running = localneo4j.status(data_dir.resolve())
    if running:
        localneo4j.stop(data_dir)
    try:
        summary = firstload.first_load(records, data_dir)
    except (bulk.BulkFormatError, localneo4j.LauncherError) as error:
        if running:  # a bad record stops everything before the import tool runs
            localneo4j.start(data_dir, port=running.port)
        _fail(str(error))
    instance = localneo4j.start(data_dir, port=running.port if running else None)
    try:
        store = store_for({**from_environment(), "NEO4J_URI": instance.uri, "NEO4J_PASSWORD": ""})
        migrate.apply(store, MIGRATIONS)
        store.driver.close()
    finally:
        if not running:
            localneo4j.stop(data_dir)
    return summary


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--first-load",
    is_flag=True,
    help="Replace the whole database of the local Neo4j in --data-dir by Neo4j's import tool "
    "(the file must be self-contained; stops and restarts that instance).",
)
@_data_dir_option
def import_command(file: Path, first_load: bool, data_dir: Path) -> None:
    """Import a JSON Lines bulk file (idempotent; nothing is written if a record is malformed)."""
    if first_load:
        with file.open(encoding="utf-8", errors="surrogateescape") as lines:
            click.echo(_first_load(bulk.read_lines(lines), data_dir))
        return
    with _store() as store:
        migrate.apply(store, MIGRATIONS)
        try:
            written = bulk.import_file(store, file)
        except bulk.BulkFormatError as error:
            _fail(f"{file}: {error}")
    click.echo(f"imported {written} records from {file}")


@main.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_command(file: Path) -> None:
    """Export the whole graph as a JSON Lines bulk file (stable order)."""
    temporary = file.with_name(file.name + ".tmp")
    try:
        with _store() as store, temporary.open("w", encoding="utf-8") as out:
            count = bulk.export(store, out)
    except bulk.ExportNotConsistent as error:
        temporary.unlink(missing_ok=True)
        _fail(str(error))
    temporary.replace(file)
    click.echo(f"exported {count} records to {file}")


@main.command()
@click.option("--inactive-days", type=click.IntRange(1), required=True,
              help="Erase members with no activity for this many days.")  # fmt: skip
@click.option("--dry-run", is_flag=True, help="List them; erase nothing.")
def archive(inactive_days: int, dry_run: bool) -> None:
    """Erase inactive members, as DELETE /members/{id} does (GDPR storage limitation)."""
    before = datetime.now(UTC) - timedelta(days=inactive_days)
    with _store() as store:
        inactive = [row["id"] for row in store.read("inactive_members", before=before)]
        for member_id in [] if dry_run else inactive:
            member_data.delete_member(store, member_id)
    if inactive and not dry_run:
        key_data.announce_revocation(from_environment()["KEY_STAMP"])  # their bound keys
    verb = "would erase" if dry_run else "erased"
    click.echo(f"{verb} {len(inactive)} member(s) inactive for {inactive_days} days")
    for member_id in inactive if dry_run else []:
        click.echo(member_id)


@main.command()
@click.confirmation_option(prompt="Delete every node and relationship?")
def reset() -> None:
    """Delete the whole graph (the schema stays)."""
    with _store() as store:
        store.run_autocommit(store.queries["delete_everything"].text)
    click.echo("graph emptied")


@main.group()
def keys() -> None:
    """API keys: create, list, revoke."""


@keys.command("create")
@click.option("--role", type=click.Choice(key_data.ROLES), required=True)
@click.option("--name", required=True, help="What the key is for.")
@click.option("--member", "member_id", help="Bind a frontend key to one member.")
def keys_create(role: str, name: str, member_id: str | None) -> None:
    """Create a key and print its secret (shown once; only its hash is stored)."""
    with _store() as store:
        migrate.apply(store, MIGRATIONS)
        key = key_data.create_key(store, name=name, role=role, member_id=member_id)
    click.echo(f"{key['role']} key {key['id']}: {key['secret']}")


@keys.command("list")
def keys_list() -> None:
    """List keys (never their secrets)."""
    with _store() as store:
        for key in key_data.list_keys(store):
            state = "revoked" if key["revoked"] else "active"
            click.echo(f"{key['id']}  {key['role']:<8}  {state:<7}  {key['name']}")


@keys.command("revoke")
@click.argument("key_id")
def keys_revoke(key_id: str) -> None:
    """Revoke a key."""
    with _store() as store:
        if key_data.revoke_key(store, key_id) is None:
            _fail(f"no key has id {key_id!r}")
    key_data.announce_revocation(from_environment()["KEY_STAMP"])
    click.echo(f"revoked {key_id}")


def _demo_keys(store: Store) -> dict[str, str]:
    """One fresh key per role for the demo, printed like Jupyter prints its token. Only hashes
    of keys are kept, so earlier demo keys cannot be shown again: they are revoked instead, and
    the demo says so, so that keys do not pile up with every start."""
    names = {f"demo {role}" for role in key_data.ROLES}
    earlier = [k for k in key_data.list_keys(store) if k["name"] in names and not k["revoked"]]
    for key in earlier:
        key_data.revoke_key(store, key["id"])
    if earlier:
        click.echo(f"revoked the {len(earlier)} keys of the previous demo start; new ones below")
    return {
        role: key_data.create_key(store, name=f"demo {role}", role=role)["secret"]
        for role in key_data.ROLES
    }


def _join_lines(path: Path) -> list[dict[str, Any]]:
    """The joins file, read as the bulk format is (bulk.read_lines); a bad line stops with its
    number and what is wrong."""
    joins = []
    with path.open(encoding="utf-8", errors="surrogateescape") as lines:
        for number, join in bulk.read_lines(lines):
            try:
                if isinstance(join, bulk.NotJson):
                    raise ValueError(join.message)
                join["also_joined"] = list(join.get("also_joined", []))
                if not isinstance(join["project_id"], str) or not isinstance(
                    join["member_id"], str
                ):
                    raise TypeError("project_id and member_id are strings")
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                raise click.ClickException(
                    f"{path}:{number}: not a join ({error}); each line is a JSON object with "
                    "project_id and member_id"
                ) from error
            joins.append(join)
    return joins


@main.command()
@click.option("--sample", type=click.IntRange(1, 10_000), default=200, show_default=True)
@click.option("--seed", "seed_value", type=int, default=7, show_default=True)
@click.option(
    "--joins", "joins_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Score real joins from this file (JSON Lines: project_id, member_id, also_joined, "
    "within_2_hops, project_has_gap, fills_gap) instead of hiding the graph's own.",
)  # fmt: skip
def evaluate(sample: int, seed_value: int, joins_file: Path | None) -> None:
    """Hide joins of the evaluate projects (rolled back), or score real joins from a file:
    models next to classical baselines."""
    evaluation = _tool("graphsvc.tools.evaluate", "eval")
    from graphsvc.recommendations.model import active_model, default_model

    started = time.perf_counter()
    with _store() as store:
        models = {"default_model": default_model()}
        tuned = active_model(store)
        if tuned.source == "tuned":
            models["tuned_model"] = tuned
        if joins_file:
            joins = _join_lines(joins_file)
            click.echo(evaluation.joins_table(
                evaluation.evaluate_joins(store, joins, models=models, seed=seed_value)))  # fmt: skip
        else:
            report = evaluation.evaluate(store, sample=sample, seed=seed_value, models=models)
            click.echo(evaluation.table(report))
    click.echo(f"({time.perf_counter() - started:.0f} s)")


@main.command()
@click.option("--sample", type=click.IntRange(10, 10_000), default=400, show_default=True)
@click.option("--seed", "seed_value", type=int, default=11, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), help="Also write the model here (JSON).")
@click.option("--dry-run", is_flag=True, help="Fit and report, but do not store the model.")
def tune(sample: int, seed_value: int, out: Path | None, dry_run: bool) -> None:
    """Fit the introductions ranking on hidden joins of the graph and store it (used at start)."""
    from graphsvc.recommendations.model import active_model, save_model
    from graphsvc.recommendations.ranking import Ranking

    run_tune = _tool("graphsvc.tools.tune", "eval").tune

    started = time.perf_counter()
    with _store() as store:
        base = active_model(store)
        model, improved = run_tune(store, sample=sample, seed=seed_value,
                                   ranking=Ranking.from_settings(), base=base)  # fmt: skip
        if improved and not dry_run:
            save_model(store, model)
    click.echo(json.dumps(model.metrics["validation"], indent=2))
    click.echo("weights: " + ", ".join(f"{f} {w:+.3f}" for f, w in model.weights.items()))
    if out:
        out.write_text(model.to_json() + "\n", encoding="utf-8")
    seconds = f"({time.perf_counter() - started:.0f} s)"
    if not improved:
        click.echo(f"{model.version} validates worse than {base.version}, which stays in use; "
                   f"nothing stored {seconds}")  # fmt: skip
        return
    verb = "fitted (not stored)" if dry_run else "stored; restart the service to use it"
    click.echo(f"{model.version} {verb} {seconds}")


# --- the service -----------------------------------------------------------------------------


def _refuse_a_taken_port(host: str, port: int) -> None:
    """Stop with a clear message when something already listens there. Granian binds with
    SO_REUSEPORT, so a second server would otherwise share the port with the first, and
    requests would land on either (two databases, two sets of keys). SO_REUSEADDR, so that
    connections of a server that just stopped or crashed (TIME_WAIT, a minute) do not count:
    only a socket that listens does."""
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            _fail(
                f"port {port} on {host} is taken ({error.strerror}): another graphsvc or program "
                f"listens there. Stop it, or choose another port with --port."
            )


def _serve(host: str, port: int, demo_keys: dict[str, str] | None = None) -> None:
    from graphsvc.server import serve
    from graphsvc.warmup import warm

    _refuse_a_taken_port(host, port)
    # Fail here, with advice, rather than in every worker when Neo4j is not there.
    with _store() as store:
        migrate.apply(store, MIGRATIONS)
        click.echo("warming the recommendation statements...")
        first = warm(store)
    if first:
        click.echo("  first runs: " + ", ".join(f"{n} {s * 1000:.0f} ms" for n, s in first.items()))
    # Workers are new interpreters that read their Settings from the environment: it is the one
    # way to hand them a setting. Migrations ran once here, not again in every worker.
    os.environ["GRAPHSVC_MIGRATE_ON_START"] = "0"
    click.echo(f"graphsvc listening on http://{host}:{port}/  (docs: http://{host}:{port}/docs)")
    for role, secret in (demo_keys or {}).items():
        click.echo(f"  {role:<8} key: {secret}")
    if demo_keys:
        click.echo(
            f"  try: curl -H 'Authorization: Bearer {demo_keys['admin']}' http://{host}:{port}/members"
        )
    serve(host, port)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
def serve(host: str, port: int) -> None:
    """Run the API against NEO4J_URI (Granian, one worker per core)."""
    _serve(host, port)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--members", type=click.IntRange(1, 1_000_000), default=5000, show_default=True)
def demo(host: str, port: int, members: int) -> None:
    """Serve demo data: starts the local Neo4j unless NEO4J_URI is set, seeds an empty graph."""
    _refuse_a_taken_port(host, port)
    local_dir = None
    # `kill` and `docker stop` send SIGTERM: exit through `finally` so the local Neo4j stops too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if not os.environ.get("NEO4J_URI"):
        local_dir = localneo4j.default_home() / "demo"
        click.echo("starting the local Neo4j (the first time, Maven downloads about 150 MB)...")
        try:
            instance = _start_local(local_dir, None)
        except localneo4j.LauncherError as error:
            _fail(str(error))
        os.environ["NEO4J_URI"] = instance.uri  # for this process's Settings and the workers'
        click.echo(f"Neo4j ready at {instance.uri}")
    try:
        with _store() as store:
            migrate.apply(store, MIGRATIONS)
            if store.read("count_graph")[0]["nodes"] == 0:
                generate = _tool("graphsvc.tools.seed", "seed").generate

                click.echo(f"seeding {members} demo members...")
                bulk.import_records(store, generate(members, 42))
            demo_keys = _demo_keys(store)
        _serve(host, port, demo_keys)
    finally:
        if local_dir is not None:
            localneo4j.stop(local_dir)


if __name__ == "__main__":
    main()
