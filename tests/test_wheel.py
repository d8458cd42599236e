"""The built wheel runs on its own: no checkout beside it (cypher/ and seeds/ travel inside)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from graphsvc.config import ROOT

pytestmark = pytest.mark.slow  # builds and installs a wheel


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pristine_copy(target: Path) -> Path:
    """The checkout as a fresh clone has it: tracked and new files, nothing git ignores (no
    node_modules, no build output), so the wheel cannot borrow what only a dev machine has."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


def test_the_wheel_migrates_seeds_and_serves_without_a_checkout(store, neo4j_config, tmp_path):
    source = pristine_copy(tmp_path / "clone")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path / "dist"), str(source)],
        check=True, capture_output=True,
    )  # fmt: skip
    wheel = next((tmp_path / "dist").glob("graphsvc-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / "bin"
    installed = subprocess.run(
        [str(bin_dir / "pip"), "install", "--quiet", "--disable-pip-version-check", f"{wheel}[seed]"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr[-2000:]
    for tool_only in ("scipy", "pytest"):  # the eval and dev extras stay out
        assert subprocess.run([str(bin_dir / "pip"), "show", "--quiet", tool_only],
                              capture_output=True).returncode != 0, tool_only  # fmt: skip
    workdir = tmp_path / "elsewhere"  # nothing of the repository here
    workdir.mkdir()
    env = {**os.environ, "NEO4J_URI": neo4j_config["NEO4J_URI"],
           "NEO4J_USER": neo4j_config["NEO4J_USER"] or "neo4j",
           "NEO4J_PASSWORD": neo4j_config["NEO4J_PASSWORD"] or "",
           "GRAPHSVC_WORKERS": "1", "GRAPHSVC_ACCESS_LOG": ""}  # fmt: skip
    graphsvc = str(bin_dir / "graphsvc")

    def run(*args: str) -> str:
        done = subprocess.run(
            [graphsvc, *args], cwd=workdir, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, (args, done.stdout[-1000:], done.stderr[-2000:])
        return done.stdout

    assert run("--version").startswith("graphsvc, version ")
    run("migrate")
    run("seed", "--members", "200")
    assert store.read("count_graph")[0]["nodes"] > 200
    port = free_port()
    server = subprocess.Popen(
        [graphsvc, "serve", "--port", str(port)], cwd=workdir, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline, status = time.monotonic() + 60, None
        while time.monotonic() < deadline and status != 200:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as answer:
                    status = answer.status
            except OSError:
                time.sleep(0.5)
        assert status == 200
        # Every script and style the explorer's page names is served, from the wheel itself.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/explore", timeout=5) as page:
            html = page.read().decode()
        assets = re.findall(r'(?:src|href)="(/[^"]+\.(?:js|css))"', html)
        assert any(a.endswith("cytoscape.min.js") for a in assets), assets
        for asset in assets:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{asset}", timeout=5) as served:
                assert served.status == 200 and len(served.read()) > 100, asset
        # What the workers counted reaches /metrics, through their files.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as page:
            assert b'graphsvc_request_seconds_count{method="GET",route="/health"' in page.read()
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()
    located = subprocess.run(
        [str(bin_dir / "python"), "-c", "from graphsvc.config import data_dir; print(data_dir('cypher'))"],
        cwd=workdir, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert located.startswith(str(venv)), located  # the wheel's own copy, not the checkout's
