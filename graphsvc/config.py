"""Settings come from the environment so the same code runs in the demo, in CI and in compose."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent


def data_dir(name: str) -> Path:
    """``cypher`` or ``seeds``: inside the package when installed from a wheel, else the
    checkout's top-level folder (an editable install, the tests)."""
    installed = PACKAGE / name
    return installed if installed.is_dir() else ROOT / name


def key_stamp(neo4j_uri: str, database: str | None) -> str:
    """The file every process serving one database on this host watches for key revocations."""
    digest = hashlib.sha256(f"{neo4j_uri}/{database or ''}".encode()).hexdigest()[:16]
    return str(Path(tempfile.gettempdir()) / f"graphsvc-key-revocations-{digest}")


def from_environment() -> dict[str, Any]:
    env = os.environ
    uri, database = env.get("NEO4J_URI", "bolt://127.0.0.1:7687"), env.get("NEO4J_DATABASE") or None
    return {
        "NEO4J_URI": uri,
        "NEO4J_USER": env.get("NEO4J_USER", "neo4j"),
        "NEO4J_PASSWORD": env.get("NEO4J_PASSWORD", ""),
        "NEO4J_DATABASE": database,
        "CYPHER_DIR": env.get("GRAPHSVC_CYPHER_DIR", str(data_dir("cypher"))),
        # Requests larger than this get a 413 before any parsing happens.
        "MAX_CONTENT_LENGTH": int(env.get("GRAPHSVC_MAX_BODY_BYTES", 256 * 1024)),
        "MIGRATE_ON_START": env.get("GRAPHSVC_MIGRATE_ON_START", "1") == "1",
        # Fail fast when Neo4j is down: seconds to connect, to get a pooled connection, and to
        # retry a unit of work; and the longest a transaction may run before Neo4j ends it.
        "NEO4J_CONNECT_TIMEOUT": float(env.get("GRAPHSVC_NEO4J_CONNECT_TIMEOUT", 0.5)),
        "NEO4J_ACQUISITION_TIMEOUT": float(env.get("GRAPHSVC_NEO4J_ACQUISITION_TIMEOUT", 0.8)),
        "RETRY_SECONDS": float(env.get("GRAPHSVC_RETRY_SECONDS", 1.0)),
        "QUERY_TIMEOUT": float(env.get("GRAPHSVC_QUERY_TIMEOUT", 10.0)),
        # Per API key (see graphsvc/api/limits.py); "600 per minute;20 per second" style.
        "RATELIMIT_DEFAULT": env.get("GRAPHSVC_RATE_LIMIT", "1200 per minute;50 per second"),
        "RATE_LIMIT_RECOMMENDATIONS": env.get(
            "GRAPHSVC_RATE_LIMIT_RECOMMENDATIONS", "300 per minute"
        ),
        # Costly routes (a city's stats and charts) running at once per key, in each process.
        "COSTLY_CONCURRENCY": int(env.get("GRAPHSVC_COSTLY_CONCURRENCY", 1)),
        "RATELIMIT_STORAGE_URI": env.get("GRAPHSVC_RATELIMIT_STORAGE", "memory://"),
        "RATELIMIT_ENABLED": env.get("GRAPHSVC_RATE_LIMITS", "1") == "1",
        # API keys are cached per process for KEY_CACHE_SECONDS; a revocation also rewrites the
        # KEY_STAMP file, which every worker on this host checks on each request (api/auth.py).
        # Browser origins allowed to call the API (comma-separated); none by default.
        "CORS_ORIGINS": [
            o.strip() for o in env.get("GRAPHSVC_CORS_ORIGINS", "").split(",") if o.strip()
        ],
        # One JSON line per request: "-" for stderr, a file path, or "" for none.
        "ACCESS_LOG": env.get("GRAPHSVC_ACCESS_LOG", "-"),
        # A city's dashboard numbers are computed once per this many seconds (0: every time).
        "CITY_STATS_SECONDS": float(env.get("GRAPHSVC_CITY_STATS_SECONDS", 60)),
        # An Idempotency-Key claimed this long ago with no answer recorded belongs to a request
        # that died after it committed (a crash): a retry then finishes it from its recorded
        # steps. Longer than any request lives (QUERY_TIMEOUT and its retries).
        "IDEMPOTENCY_STALE_SECONDS": float(env.get("GRAPHSVC_IDEMPOTENCY_STALE_SECONDS", 60)),
        "KEY_CACHE_SECONDS": float(env.get("GRAPHSVC_KEY_CACHE_SECONDS", 30)),
        "KEY_STAMP": env.get("GRAPHSVC_KEY_STAMP") or key_stamp(uri, database),
    }
