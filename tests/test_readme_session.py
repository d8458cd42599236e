"""The README's curl session, run as written with bash and curl against a served demo graph, so
that the documentation cannot drift from the behaviour: every call must answer below 400."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from graphsvc import bulk
from graphsvc.config import ROOT
from graphsvc.keys import data as keys
from graphsvc.tools.seed import generate

pytestmark = pytest.mark.slow


def session_block() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## A curl session", 1)[1]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_readme_curl_session_runs_as_written(store, neo4j_config, tmp_path) -> None:
    bulk.import_records(store, generate(5000, 42), progress=False)  # what `make run` seeds
    secret = keys.create_key(store, name="readme", role="admin")["secret"]
    port = free_port()
    env = {**os.environ, "NEO4J_URI": neo4j_config["NEO4J_URI"],
           "NEO4J_USER": neo4j_config["NEO4J_USER"] or "neo4j",
           "NEO4J_PASSWORD": neo4j_config["NEO4J_PASSWORD"] or "",
           "GRAPHSVC_WORKERS": "1", "GRAPHSVC_ACCESS_LOG": ""}  # fmt: skip
    graphsvc = [sys.executable, "-m", "graphsvc.cli"]
    server = subprocess.Popen([*graphsvc, "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                    break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()[-2000:]
                time.sleep(0.5)
        block = session_block()
        assert "KEY=gsk_..." in block and "API=http://127.0.0.1:8000" in block
        script = (
            "set -euo pipefail\n"
            # As written, but every call must succeed and says how long it took.
            'curl() { command curl --fail-with-body -w "\\n%{http_code} %{time_total}s\\n" "$@"; }\n'
            + block.replace("KEY=gsk_...", f"KEY={secret}").replace(
                "API=http://127.0.0.1:8000", f"API=http://127.0.0.1:{port}"
            )
        )
        ran = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=300)
        print("\n".join(re.findall(r"^\d{3} [\d.]+s$", ran.stdout, re.M)))  # status and time
        assert ran.returncode == 0, (ran.stdout[-3000:], ran.stderr[-2000:])
        statuses = re.findall(r"^(\d{3}) [\d.]+s$", ran.stdout, re.M)
        assert len(statuses) == block.count("curl -s") and all(int(s) < 400 for s in statuses)
        assert '"introductions"' in ran.stdout and "tresorerie" in ran.stdout
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()
