"""The ranking model: a linear score over the features the introductions query computes.

A model is plain data (features, weights, metrics, when and on what it was fitted), so it can be
shipped as JSON, stored in Neo4j by ``graphsvc tune`` and shown by ``GET /ranking``. The weights
are on the features' own scale: the query sums ``weight × feature`` in Cypher and orders by it,
so the database returns only the ``limit`` best candidates, never the whole pool.

Features (computed by ``cypher/introductions.cypher``):

| feature | what it measures |
|---|---|
| proximity1, proximity2 | log(1 + 1000 × mass) of a walk from the team over members and projects after 1 and 2 member steps: a truncated personalized PageRank |
| direct | how many team members the candidate is linked to |
| common, adamic_adar | common neighbours with the team (log(1 + n)) and their Adamic–Adar sum |
| ties | log(1 + memberships the candidate shares with the team, in other projects) |
| intimacy | log((1 + Σ 1/size of those projects) / (1 + ties)): 0 with no shared project, lower as the shared projects are larger (a two-person project is a closer tie than a forty-person one) |
| needs | open needs the candidate can meet (exact 1, narrower skill ``narrower_factor``) |
| share | the share of the project's open needs they can meet |
| gap | open needs they can meet that no team member can (gap-filling) |
| past_fit | the project's past (filled) needs they could have met |
| team_fit | the share of their skills the team also holds |
| level | their best level (0-1) in a skill that meets an open need |
| distance, same_city | exp(-km / distance_scale_km) from the project, and living in its city |
| popularity | log(1 + their acquaintances + their projects) |
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graphsvc.store import Store

FEATURES = (
    "proximity1",
    "proximity2",
    "direct",
    "common",
    "adamic_adar",
    "ties",
    "intimacy",
    "needs",
    "share",
    "gap",
    "past_fit",
    "team_fit",
    "level",
    "distance",
    "same_city",
    "popularity",
)
# Features whose weight is never negative, so that each component reads "this helped" and more
# of a good thing never lowers a score: closeness to the team, meeting a need, filling a gap, a
# higher level, a closer place. ``popularity`` and ``team_fit`` may go either way.
NON_NEGATIVE = frozenset(FEATURES) - {"popularity", "team_fit"}
DEFAULT_FILE = Path(__file__).with_name("default_model.json")


def shown(value: float) -> float:
    """A score, feature or component to 4 decimals, for display.

    ``round(value, 4)`` converts through a correctly rounded decimal string, about 0.5 µs a
    call; an answer shows some 300 of these numbers. Halves round up, which display allows.
    """
    return math.floor(value * 10_000 + 0.5) / 10_000


@dataclass(frozen=True)
class RankingModel:
    version: str
    weights: dict[str, float]
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    source: str = "default"
    metrics: dict[str, Any] = field(default_factory=dict)
    graph: dict[str, Any] = field(default_factory=dict)
    training: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = set(self.weights) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown features in model {self.version}: {sorted(unknown)}")
        negative = sorted(f for f in NON_NEGATIVE & set(self.weights) if self.weights[f] < 0)
        if negative:
            raise ValueError(f"model {self.version} weighs {negative} below 0")

    def fitted_on(self) -> str:
        """Where the weights come from, in words, for ``GET /ranking``."""
        size = ", ".join(f"{v:,} {k}" for k, v in self.graph.items())
        if self.source == "default":
            note = self.training.get("note", "")
            return f"the shipped default, fitted on another graph ({note or size}), not on this one"
        return f"tuned on this graph ({size}) at {self.created_at}"

    def components(self, features: dict[str, float]) -> dict[str, float]:
        """Each feature's share of the score: weight × value, rounded for display."""
        return {f: shown(w * features.get(f, 0.0)) for f, w in self.weights.items()}

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> RankingModel:
        return cls(**json.loads(text))


def default_model() -> RankingModel:
    """The model shipped with the code (fitted by ``graphsvc tune`` on the demo seed)."""
    return RankingModel.from_json(DEFAULT_FILE.read_text(encoding="utf-8"))


def save_model(store: Store, model: RankingModel) -> None:
    """Store a tuned model in the graph; the newest one is the one in use after a restart."""
    store.write("save_ranking_model", version=model.version, created_at=model.created_at,
                model=model.to_json())  # fmt: skip


def active_model(store: Store) -> RankingModel:
    """The newest model stored by ``graphsvc tune``, else the shipped default."""
    rows = store.read("get_ranking_model")
    return RankingModel.from_json(rows[0]["model"]) if rows else default_model()
