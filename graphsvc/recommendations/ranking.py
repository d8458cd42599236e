"""Ranking settings shared by every recommendation: the walk's bounds, places and load rules.

What ranks candidates is the model (model.py): a weight per feature, tuned by ``graphsvc tune``.
These settings say which candidates there are and what the model cannot learn from history:

- ``beam``, ``max_degree``, ``pool``: step 2 of the walk expands the ``beam`` members with the
  most mass, none with more than ``max_degree`` links (a supernode passes no mass on), and
  features are computed for at most ``pool`` candidates by the walk and ``pool`` by place;
- ``place_pool``: projects for a member score only this many of the projects found by place
  (nearby, then those with the most needs the member meets, then the closest). Chosen on the
  *validate* joins (graphsvc.tools.joins): 10 found as many hidden joins as 50 taken by id, in 25 %
  fewer database hits;
- ``narrower_factor``: a need met through a narrower skill counts this much (an exact one, 1);
- ``distance_scale_km``: the distance feature is exp(-km / distance_scale_km);
- ``default_radius_km``: how far "nearby" reaches when a request gives no ``radius_km``;
- ``load``, ``load_cap``, ``load_period_days``: members with ``load_cap`` proposals in the
  period are not proposed at all (load spreading, as volunteering platforms cap requests per
  volunteer); below it each proposal lowers the score by ``load / load_cap``;
- ``mutual``: added to a match when each member can help the other;
- ``fresh``: of every five places asked for, one (at most ``fresh``, at the end of the list)
  goes to the best-fitting holder found by place when the team's own network fills the rest.
  Off by default: on the Debian joins two such places cost 0.04 recall@10 for 0.01 more
  recall beyond two hops (a team's network there holds a hundred holders of the needed
  skills, median), and without them the search by place runs only when it can matter.

Each can be set in the app config as ``RANKING = {"load_cap": 3, ...}`` or the environment
(``GRAPHSVC_RANKING_LOAD_CAP=3``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from graphsvc.config import Settings
from graphsvc.limits import DEFAULT_RADIUS_KM


@dataclass(frozen=True)
class Ranking:
    beam: int = 50
    max_degree: int = 300
    pool: int = 50  # 100 found the same joins (graphsvc evaluate), at 15 % more time
    place_pool: int = 10
    narrower_factor: float = 0.6
    distance_scale_km: float = 30.0
    default_radius_km: float = DEFAULT_RADIUS_KM
    load: float = 0.5
    load_cap: int = 5
    load_period_days: int = 30
    mutual: float = 1.0
    fresh: int = 0

    def fresh_places(self, limit: int) -> int:
        """The places at the end of a list of ``limit`` kept for people found by place."""
        return min(self.fresh, limit // 5)

    @classmethod
    def from_settings(cls, overrides: Mapping[str, Any] | None = None) -> Ranking:
        """The defaults with ``overrides`` (the app's ``RANKING``; else the environment's
        ``GRAPHSVC_RANKING_*``, through ``Settings``), each converted to its default's type."""
        if overrides is None:
            overrides = Settings.from_environment().ranking
        ranking = cls()
        known = {f.name for f in fields(cls)}
        return replace(ranking, **{
            name: type(getattr(ranking, name))(value) for name, value in overrides.items() if name in known
        })  # fmt: skip
