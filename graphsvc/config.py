"""Settings come from the environment so the same code runs in the demo, in CI and in compose:
read once, into one typed ``Settings``."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
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


@dataclass(frozen=True)
class Settings:
    """Every setting of the service, typed, read from the environment once (``from_environment``)
    and handed to ``create_app`` and the CLI; nothing else in the service reads the environment
    (``PROMETHEUS_MULTIPROC_DIR`` aside, prometheus_client's own). ``flask_config`` gives them
    under the names Flask and its extensions expect."""

    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str | None = None
    cypher_dir: str = field(default_factory=lambda: str(data_dir("cypher")))
    # Requests larger than this get a 413 before any parsing happens.
    max_body_bytes: int = 256 * 1024
    migrate_on_start: bool = True
    # Fail fast when Neo4j is down: seconds to connect, to get a pooled connection, and to retry
    # a unit of work; and the longest a transaction may run before Neo4j ends it.
    neo4j_connect_timeout: float = 0.5
    neo4j_acquisition_timeout: float = 0.8
    retry_seconds: float = 1.0
    query_timeout: float = 10.0
    # Per API key (see graphsvc/api/limits.py); "600 per minute;20 per second" style.
    rate_limit: str = "1200 per minute;50 per second"
    rate_limit_recommendations: str = "300 per minute"
    # Costly routes (a city's stats and charts) running at once per key, in each process.
    costly_concurrency: int = 1
    ratelimit_storage: str = "memory://"
    rate_limits: bool = True
    # Browser origins allowed to call the API; none by default.
    cors_origins: tuple[str, ...] = ()
    # One JSON line per request: "-" for stderr, a file path, or "" for none.
    access_log: str = "-"
    # A city's dashboard numbers are computed once per this many seconds (0: every time).
    city_stats_seconds: float = 60.0
    # An Idempotency-Key claimed this long ago with no answer recorded belongs to a request that
    # died after it committed (a crash): a retry then finishes it from its recorded steps.
    # Longer than any request lives (query_timeout and its retries).
    idempotency_stale_seconds: float = 60.0
    # API keys are cached per process for key_cache_seconds; a revocation also rewrites the
    # key_stamp file, which every worker on this host checks on each request (api/auth.py).
    key_cache_seconds: float = 30.0
    key_stamp: str = ""
    # Granian: worker processes (0: one per core) and threads in each.
    workers: int = 0
    threads: int = 8
    # The ranking's knobs (recommendations/ranking.py), by name: GRAPHSVC_RANKING_LOAD_CAP=3.
    ranking: dict[str, str] = field(default_factory=dict)

    @classmethod
    def variables(cls) -> dict[str, str]:
        """The environment variable of each setting (``ranking`` gathers GRAPHSVC_RANKING_*)."""
        names = {f.name: f"GRAPHSVC_{f.name.upper()}" for f in fields(cls) if f.name != "ranking"}
        names.update(neo4j_uri="NEO4J_URI", neo4j_user="NEO4J_USER",
                     neo4j_password="NEO4J_PASSWORD", neo4j_database="NEO4J_DATABASE")  # fmt: skip
        return names

    @classmethod
    def from_environment(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        defaults = cls()
        values: dict[str, Any] = {}
        for name, variable in cls.variables().items():
            text = env.get(variable)
            if text is None or (not text and name == "neo4j_database"):
                continue
            kind = type(getattr(defaults, name)) if name != "neo4j_database" else str
            if kind is bool:
                values[name] = text == "1"
            elif kind is tuple:
                values[name] = tuple(o.strip() for o in text.split(",") if o.strip())
            else:
                try:
                    values[name] = kind(text)
                except ValueError:
                    raise ValueError(f"{variable}={text!r}: expected {kind.__name__}") from None
        prefix = "GRAPHSVC_RANKING_"
        values["ranking"] = {
            k[len(prefix) :].lower(): v for k, v in env.items() if k.startswith(prefix)
        }
        settings = cls(**values)
        if not settings.key_stamp:
            settings = replace(
                settings, key_stamp=key_stamp(settings.neo4j_uri, settings.neo4j_database)
            )
        return settings

    def flask_config(self) -> dict[str, Any]:
        return {
            "NEO4J_URI": self.neo4j_uri,
            "NEO4J_USER": self.neo4j_user,
            "NEO4J_PASSWORD": self.neo4j_password,
            "NEO4J_DATABASE": self.neo4j_database,
            "CYPHER_DIR": self.cypher_dir,
            "MAX_CONTENT_LENGTH": self.max_body_bytes,
            "MIGRATE_ON_START": self.migrate_on_start,
            "NEO4J_CONNECT_TIMEOUT": self.neo4j_connect_timeout,
            "NEO4J_ACQUISITION_TIMEOUT": self.neo4j_acquisition_timeout,
            "RETRY_SECONDS": self.retry_seconds,
            "QUERY_TIMEOUT": self.query_timeout,
            "RATELIMIT_DEFAULT": self.rate_limit,
            "RATE_LIMIT_RECOMMENDATIONS": self.rate_limit_recommendations,
            "COSTLY_CONCURRENCY": self.costly_concurrency,
            "RATELIMIT_STORAGE_URI": self.ratelimit_storage,
            "RATELIMIT_ENABLED": self.rate_limits,
            "CORS_ORIGINS": list(self.cors_origins),
            "ACCESS_LOG": self.access_log,
            "CITY_STATS_SECONDS": self.city_stats_seconds,
            "IDEMPOTENCY_STALE_SECONDS": self.idempotency_stale_seconds,
            "KEY_CACHE_SECONDS": self.key_cache_seconds,
            "KEY_STAMP": self.key_stamp,
            "RANKING": self.ranking,
        }


def from_environment() -> dict[str, Any]:
    """The environment's settings as a Flask config (what ``store_for`` and the tools take)."""
    return Settings.from_environment().flask_config()
