"""One typed Settings, read once from the environment: names, types and the operations table."""

from __future__ import annotations

import re

import pytest

from graphsvc.config import ROOT, Settings


def test_settings_are_typed_from_the_environment() -> None:
    env = {
        "NEO4J_URI": "neo4j://db:7687", "NEO4J_DATABASE": "", "GRAPHSVC_QUERY_TIMEOUT": "2.5",
        "GRAPHSVC_RATE_LIMITS": "0", "GRAPHSVC_CORS_ORIGINS": "https://a.org, https://b.org",
        "GRAPHSVC_WORKERS": "3", "GRAPHSVC_RANKING_LOAD_CAP": "4",
        "GRAPHSVC_RATELIMIT_STORAGE": "redis://r:6379",
    }  # fmt: skip
    settings = Settings.from_environment(env)
    assert settings.neo4j_uri == "neo4j://db:7687" and settings.neo4j_database is None
    assert settings.query_timeout == 2.5 and settings.rate_limits is False
    assert settings.cors_origins == ("https://a.org", "https://b.org") and settings.workers == 3
    assert settings.ranking == {"load_cap": "4"} and settings.ratelimit_storage == "redis://r:6379"
    assert settings.key_stamp  # derived from the database when not set
    config = settings.flask_config()
    assert config["RATELIMIT_ENABLED"] is False and config["QUERY_TIMEOUT"] == 2.5
    assert Settings.from_environment({}) == Settings(
        key_stamp=Settings.from_environment({}).key_stamp
    )


def test_a_malformed_setting_names_its_variable() -> None:
    with pytest.raises(ValueError, match="GRAPHSVC_QUERY_TIMEOUT='soon': expected float"):
        Settings.from_environment({"GRAPHSVC_QUERY_TIMEOUT": "soon"})


def test_every_setting_is_documented_in_the_operations_table() -> None:
    table = (ROOT / "docs" / "OPERATIONS.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`((?:GRAPHSVC|NEO4J)_[A-Z0-9_]+)", table))
    missing = set(Settings.variables().values()) - documented
    assert not missing, sorted(missing)
