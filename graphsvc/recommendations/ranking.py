"""Ranking settings: the bounds and load rules of every recommendation, and the weights of the
member recommendations (introductions for a project are ranked by the tuned model, model.py).

    score = needs     * Σ covered needs (exact match 1, narrower skill `narrower_factor`)
          + paths     * log2(1 + distinct paths)          mutual acquaintances
          + hops      * 1 / hops                          network results only
          + distance  * exp(-km / distance_scale_km)      0 km → 1, 30 km → 0.37
          + level     * (best skill level - 1) / 4
          - load      * proposals in the last `load_period_days` / `load_cap`

For projects for a member and mutual help, `paths` counts the team members (or the member) they
already know, and mutual help adds `mutual` when both can help each other. Without `radius_km`
these look `default_radius_km` around the member's city (remote needs: anywhere).

Members with `load_cap` or more proposals in the period are not proposed at all (load spreading,
as volunteering platforms cap requests per volunteer). Every weight can be set in the app config
as ``RANKING = {"paths": 0.5, ...}`` or the environment (``GRAPHSVC_RANKING_PATHS=0.5``).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class Ranking:
    needs: float = 1.0
    narrower_factor: float = 0.6
    paths: float = 0.3
    hops: float = 0.5
    distance: float = 0.4
    distance_scale_km: float = 30.0
    level: float = 0.2
    load: float = 0.5
    load_cap: int = 5
    load_period_days: int = 30
    mutual: float = 1.0
    default_radius_km: float = 30.0
    # Bounds of the introductions walk (see cypher/introductions_for_project.cypher): step 2
    # expands the `beam` members with the most mass, none with more than `max_degree` links,
    # and features are computed for at most 2 × `pool` candidates (the walk's, then by place).
    beam: int = 50
    max_degree: int = 300
    pool: int = 200

    @classmethod
    def from_settings(cls, overrides: dict[str, Any] | None = None) -> Ranking:
        ranking = cls()
        for f in fields(cls):
            value = os.environ.get(f"GRAPHSVC_RANKING_{f.name.upper()}")
            if value is not None:
                ranking = replace(ranking, **{f.name: type(getattr(ranking, f.name))(value)})
        return replace(ranking, **(overrides or {}))

    def components(
        self,
        *,
        covered: list[int],
        paths: int,
        hops: int | None,
        distance_km: float | None,
        best_level: int,
        recent: int,
    ) -> dict[str, float]:
        """The score's parts; ``covered`` holds the taxonomy depth of each covered need (0=exact)."""
        coverage = sum(1.0 if depth == 0 else self.narrower_factor for depth in covered)
        parts = {
            "needs": self.needs * coverage,
            "paths": self.paths * math.log2(1 + paths),
            "hops": self.hops / hops if hops else 0.0,
            "distance": (
                self.distance * math.exp(-distance_km / self.distance_scale_km)
                if distance_km is not None
                else 0.0
            ),
            "level": self.level * (best_level - 1) / 4,
            "load": -self.load * recent / self.load_cap,
        }
        return {key: round(value, 4) for key, value in parts.items()}


def total(components: dict[str, float]) -> float:
    return round(sum(components.values()), 4)
