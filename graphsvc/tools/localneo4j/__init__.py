"""A real Neo4j 5.26 Community on machines without Docker.

Maven resolves the embedded DBMS from Maven Central once (about 150 MB into ``~/.m2``), javac
compiles the tiny ``GraphsvcNeo4j.java`` launcher once, and each instance runs in its own JVM with
the Bolt connector on 127.0.0.1. An instance lives in a data folder that holds its store, its log,
its pid and its port, so several instances (the demo, a test run) never collide.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import ServiceUnavailable

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
LAUNCHER_SOURCE = HERE / "GraphsvcNeo4j.java"
JAVA17 = Path("/usr/lib/jvm/java-17-openjdk-amd64")
# Neo4j's own build opens these; without java.nio it fails to link DirectByteBuffer on Java 17.
JVM_OPENS = (
    "java.base/java.nio",
    "java.base/sun.nio.ch",
    "java.base/java.io",
    "java.base/java.lang",
)


_children: dict[int, subprocess.Popen[bytes]] = {}


class LauncherError(RuntimeError):
    """The local Neo4j could not be resolved, built, started or stopped; the message says why."""


@dataclass(frozen=True)
class Instance:
    data_dir: Path
    port: int
    pid: int

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.data_dir / "neo4j.log"


def default_home() -> Path:
    """Where the launcher keeps its build cache and the demo's data (ignored by git)."""
    return Path(os.environ.get("GRAPHSVC_NEO4J_HOME", Path.cwd() / ".neo4j")).resolve()


def java_home() -> Path:
    """Java 17 explicitly: some machines also carry a Java 25 that Neo4j 5.26 does not support."""
    configured = os.environ.get("GRAPHSVC_JAVA_HOME")
    if configured:
        return Path(configured)
    if JAVA17.exists():
        return JAVA17
    if os.environ.get("JAVA_HOME"):
        return Path(os.environ["JAVA_HOME"])
    java = shutil.which("java")
    if not java:
        raise LauncherError("no Java found: install Java 17 or set GRAPHSVC_JAVA_HOME")
    return Path(java).resolve().parent.parent


def _build_key() -> str:
    digest = hashlib.sha256(POM.read_bytes() + LAUNCHER_SOURCE.read_bytes()).hexdigest()
    return digest[:12]


def build(home: Path | None = None) -> tuple[Path, str]:
    """Resolve Neo4j with Maven and compile the launcher; cached per pom/launcher content."""
    home = home or default_home()
    build_dir = home / "build" / _build_key()
    classpath_file = build_dir / "classpath.txt"
    classes = build_dir / "classes"
    env = {**os.environ, "JAVA_HOME": str(java_home())}
    if not classpath_file.exists():
        build_dir.mkdir(parents=True, exist_ok=True)
        mvn = shutil.which("mvn")
        if not mvn:
            raise LauncherError("Maven (mvn) is not installed: apt-get install maven")
        result = subprocess.run(
            [
                mvn,
                "-q",
                "-B",
                "-f",
                str(POM),
                "dependency:build-classpath",
                f"-Dmdep.outputFile={classpath_file}",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            classpath_file.unlink(missing_ok=True)
            raise LauncherError(f"Maven could not resolve Neo4j:\n{result.stdout}\n{result.stderr}")
    classpath = classpath_file.read_text().strip()
    if not (classes / "GraphsvcNeo4j.class").exists():
        classes.mkdir(parents=True, exist_ok=True)
        javac = java_home() / "bin" / "javac"
        result = subprocess.run(
            [str(javac), "-proc:none", "-cp", classpath, "-d", str(classes), str(LAUNCHER_SOURCE)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise LauncherError(f"javac failed:\n{result.stderr}")
    return classes, classpath


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child still answers kill(0); check its state when we can.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


def status(data_dir: Path) -> Instance | None:
    """The instance running in ``data_dir``, or None when nothing runs there."""
    pid_file, port_file = data_dir / "neo4j.pid", data_dir / "neo4j.port"
    if not (pid_file.exists() and port_file.exists()):
        return None
    pid = int(pid_file.read_text())
    if not _alive(pid):
        child = _children.pop(pid, None)
        if child is not None:
            child.wait()  # one of ours that died (killed, say): reap it
        return None
    return Instance(data_dir=data_dir, port=int(port_file.read_text()), pid=pid)


def wait_for_bolt(uri: str, timeout: float = 120.0, pid: int | None = None) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with GraphDatabase.driver(uri) as driver:
                driver.verify_connectivity()
            return
        except (ServiceUnavailable, OSError) as error:
            if pid is not None and not _alive(pid):
                raise LauncherError("Neo4j exited during start-up") from error
            if time.monotonic() > deadline:
                raise LauncherError(
                    f"Neo4j did not answer on {uri} within {timeout:.0f}s"
                ) from error
            time.sleep(0.5)


def _java_options() -> list[str]:
    """The parallel collector unless ``GRAPHSVC_NEO4J_JAVA_OPTS`` picks another one.

    Cypher allocates about 400 MB/s under ``make bench``'s load, nearly all of it garbage by the
    end of the statement, and the heap holds little else (the page cache is off-heap): the
    case the parallel collector is for. Against G1 (Neo4j's own default), two stores side by
    side, statements alternating: open-loop p99 lower in 6 runs of 6 (at 150 statements/s,
    23.6-30.4 ms against 32.5-78.4 ms) and 5-10 % more statements per second from 8 clients.
    The price is a full collection (about 170 ms on the 40,000-member store) when the old
    generation fills, in the order of a quarter of an hour of sustained load.
    ZGC stalled allocating threads for 100-250 ms on two cores, and G1 with a 5 ms pause goal
    paused more often for no better tail. Extra options (GC logging, another collector) go in
    that variable.
    """
    extra = os.environ.get("GRAPHSVC_NEO4J_JAVA_OPTS", "").split()
    chosen_gc = any(o.startswith("-XX:+Use") and o.endswith("GC") for o in extra)
    return [*([] if chosen_gc else ["-XX:+UseParallelGC"]), *extra]


def store_bytes(data_dir: Path) -> int:
    """Size on disk of the instance's store files (transaction logs excluded)."""
    databases = data_dir / "db" / "data" / "databases"
    if not databases.exists():
        return 0
    return sum(f.stat().st_size for f in databases.rglob("*") if f.is_file())


def _total_memory_mb() -> int:
    return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2**20


def memory_from_data(data_dir: Path) -> tuple[int, int]:
    """(heap MiB, page cache MiB) sized from the store and the machine, as Neo4j advises.

    The page cache holds the whole store with half again for growth (at least 512 MiB, so a
    store being seeded fits), the heap an eighth of RAM between 1 and 8 GiB; both together
    never take more than half the machine, which the service and the OS page cache share.
    """
    ram = _total_memory_mb()
    heap = max(1024, min(8192, ram // 8))
    pagecache = max(512, int(store_bytes(data_dir) * 1.5 / 2**20))
    return heap, max(256, min(pagecache, ram // 2 - heap))


def start(
    data_dir: Path,
    *,
    port: int | None = None,
    heap_mb: int | None = None,
    pagecache_mb: int | None = None,
    home: Path | None = None,
    timeout: float = 120.0,
) -> Instance:
    """Start (or reuse) the instance in ``data_dir`` and return once Bolt answers.

    Memory is explicit because the JVM would otherwise take a quarter of RAM for its heap and
    Neo4j half of it for the page cache; unless given, both are sized from the data
    (`memory_from_data`). The heap is reserved at start (-Xms = -Xmx), so it never resizes
    under load.
    """
    data_dir = data_dir.resolve()
    running = status(data_dir)
    if running:
        wait_for_bolt(running.uri, timeout, running.pid)
        return running
    sized_heap, sized_pagecache = memory_from_data(data_dir)
    heap_mb, pagecache_mb = heap_mb or sized_heap, pagecache_mb or sized_pagecache
    classes, classpath = build(home)
    port = port or free_port()
    data_dir.mkdir(parents=True, exist_ok=True)
    java = java_home() / "bin" / "java"
    command = [
        str(java),
        f"-Xms{heap_mb}m",
        f"-Xmx{heap_mb}m",
        *_java_options(),
        *(f"--add-opens={module}=ALL-UNNAMED" for module in JVM_OPENS),
        "-cp",
        f"{classes}{os.pathsep}{classpath}",
        "GraphsvcNeo4j",
        str(data_dir / "db"),
        str(port),
        str(pagecache_mb),
    ]
    with (data_dir / "neo4j.log").open("ab") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    _children[process.pid] = process  # keeps the handle so stop() can reap it
    (data_dir / "neo4j.pid").write_text(str(process.pid))
    (data_dir / "neo4j.port").write_text(str(port))
    instance = Instance(data_dir=data_dir, port=port, pid=process.pid)
    try:
        wait_for_bolt(instance.uri, timeout, process.pid)
    except LauncherError as error:
        stop(data_dir)
        tail = instance.log.read_text(errors="replace")[-2000:]
        raise LauncherError(f"{error}; last lines of {instance.log}:\n{tail}") from None
    return instance


def stop(data_dir: Path, timeout: float = 60.0) -> bool:
    """Stop the instance in ``data_dir`` (SIGTERM runs Neo4j's clean shutdown); True if one ran."""
    instance = status(data_dir.resolve())
    if instance is None:
        return False
    os.kill(instance.pid, signal.SIGTERM)
    child = _children.pop(instance.pid, None)
    deadline = time.monotonic() + timeout
    while _alive(instance.pid):
        if child is not None:
            child.poll()
        if time.monotonic() > deadline:
            os.kill(instance.pid, signal.SIGKILL)
            break
        time.sleep(0.2)
    if child is not None:
        child.wait()
    (data_dir / "neo4j.pid").unlink(missing_ok=True)
    return True


def import_csv(
    data_dir: Path,
    nodes: dict[str, list[Path]],
    relationships: dict[str, list[Path]],
    home: Path | None = None,
) -> str:
    """Replace the instance's database with these CSV files, by Neo4j's offline import tool
    (``neo4j-admin database import full``): a first load, far faster than transactions. The
    instance must be stopped; the schema (constraints, indexes) is applied after its restart.
    Returns the tool's summary."""
    data_dir = data_dir.resolve()
    if status(data_dir) is not None:
        raise LauncherError(f"stop the Neo4j in {data_dir} before a first load")
    _, classpath = build(home)
    conf = data_dir / "import-conf"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "neo4j.conf").write_text("")  # the defaults: data under NEO4J_HOME/data
    (data_dir / "db").mkdir(parents=True, exist_ok=True)
    heap_mb, _ = memory_from_data(data_dir)
    command = [
        str(java_home() / "bin" / "java"),
        f"-Xmx{heap_mb}m",
        *(f"--add-opens={module}=ALL-UNNAMED" for module in JVM_OPENS),
        "-cp",
        classpath,
        "org.neo4j.cli.AdminTool",
        "database",
        "import",
        "full",
        "neo4j",
        "--overwrite-destination=true",
        "--multiline-fields=true",  # bios and descriptions may hold line breaks
        f"--report-file={data_dir / 'import.report'}",  # not the working directory
        # One argument per file: in a group of files, the first one's header applies to all.
        *(f"--nodes={label}={path}" for label, files in nodes.items() for path in files),
        *(
            f"--relationships={kind}={path}"
            for kind, files in relationships.items()
            for path in files
        ),
    ]
    env = {**os.environ, "NEO4J_HOME": str(data_dir / "db"), "NEO4J_CONF": str(conf)}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or "IMPORT DONE" not in result.stdout:
        raise LauncherError(
            f"the import tool failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )
    return result.stdout[result.stdout.index("IMPORT DONE") :].strip()
