"""Introductions for a project: who, within a few handshakes of its team, holds what it lacks.

1. The team is the project's members; what it lacks are the skills its open needs require that
   no team member holds, exactly or through a narrower skill.
2. A breadth-first search from the team over the social graph: two members are linked when one
   KNOWS the other (either direction) or when both belong to a same other project. Only
   consenting members are reached, so no explanation shows someone who withdrew.
3. The members reached within ``max_hops`` who hold a lacking skill (exactly, or a narrower one,
   scored lower) are the candidates; team members, withdrawn members, members over the load
   cap and members who declined an introduction to this project are left out.
4. Never empty-handed: when fewer than ``limit`` are found, widen to three hops, then to the
   project's city, then to ``radius_km`` around it (and, for remote needs when ``remote`` is
   accepted, anywhere); each result says how it was found.

Results carry the score's components (see ranking.py) and their explanation: the paths as data
and as one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from neo4j.spatial import WGS84Point

from graphsvc.errors import require
from graphsvc.recommendations import explain
from graphsvc.recommendations.ranking import Ranking, total
from graphsvc.store import Tx

MAX_PATHS = 3
WIDEST_HOPS = 3


@dataclass(frozen=True)
class Request:
    limit: int = 10
    max_hops: int = 2
    city_id: str | None = None
    radius_km: float | None = None
    remote: bool = True
    lang: str = "fr"


@dataclass
class Reached:
    """A member reached by the search: its distance and the links it was reached through."""

    name: str
    hops: int
    parents: list[tuple[str, dict[str, Any] | None]]  # (member id, shared project or None)


class SocialSearch:
    """Breadth-first search from the team, one query per ring, extended only when asked to.

    Rings are kept whole but the last one asked for, which only needs the members holding one
    of the skills sought (``holding``): the database filters it, so the largest ring never
    crosses the wire.
    """

    def __init__(self, tx: Tx, team: list[str], project_id: str | None):
        self.tx, self.project_id = tx, project_id
        self.seen: set[str] = set(team)
        self.whole: dict[str, Reached] = {}
        self.frontier = sorted(team)
        self.hops = 0

    def _ring(self, holding: list[str] | None) -> dict[str, Reached]:
        ring: dict[str, Reached] = {}
        rows = self.tx.run(
            "social_neighbours",
            ids=self.frontier,
            exclude_project_id=self.project_id,
            holding=holding,
        )
        for row in sorted(rows, key=lambda r: (r["to"], r["from"], r["project_id"] or "")):
            if row["to"] in self.seen:
                continue
            link = (
                {"id": row["project_id"], "name": row["project_name"]}
                if row["project_id"]
                else None
            )
            entry = ring.setdefault(row["to"], Reached(row["name"], self.hops + 1, []))
            if (row["from"], link) not in entry.parents:
                entry.parents.append((row["from"], link))
        return ring

    def reach(self, max_hops: int, holding: list[str]) -> dict[str, Reached]:
        """Everyone within ``max_hops - 1`` and, at ``max_hops``, those holding a sought skill."""
        while self.hops < max_hops - 1 and self.frontier:
            ring = self._ring(None)
            self.hops += 1
            self.seen.update(ring)
            self.whole.update(ring)
            self.frontier = sorted(ring)
        last = self._ring(holding) if self.hops == max_hops - 1 and self.frontier else {}
        return {**self.whole, **last}


def _paths(
    member_id: str, reached: dict[str, Reached], names: dict[str, str]
) -> list[dict[str, Any]]:
    """Up to MAX_PATHS paths from the team to the member, one per distinct last link."""
    paths = []
    for parent_id, link in reached[member_id].parents[:MAX_PATHS]:
        chain = [(member_id, link)]
        current = parent_id
        while current in reached:
            up_id, up_link = reached[current].parents[0]
            chain.append((current, up_link))
            current = up_id
        nodes = [{"kind": "member", "id": current, "name": names[current], "team": True}]
        relationships = []
        previous = current
        for node_id, node_link in reversed(chain):
            nodes.append(
                {"kind": "member", "id": node_id, "name": reached[node_id].name, "team": False}
            )
            relation: dict[str, Any] = {
                "type": "SHARES_PROJECT" if node_link else "KNOWS",
                "from": previous,
                "to": node_id,
            }
            if node_link:
                relation["project"] = node_link
            relationships.append(relation)
            previous = node_id
        paths.append({"nodes": nodes, "relationships": relationships})
    return paths


def best_covers(covers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One cover per need: the shallowest taxonomy match, then the highest level."""
    best: dict[str, dict[str, Any]] = {}
    for cover in covers:
        current = best.get(cover["need_id"])
        if current is None or (cover["depth"], -cover["level"]) < (
            current["depth"],
            -current["level"],
        ):
            best[cover["need_id"]] = cover
    return [best[need_id] for need_id in sorted(best)]


def _covers(holdings: list[dict[str, Any]], wanted: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each wanted need the member can meet, with the best skill they hold for it."""
    return best_covers(
        [
            {**want, **holding}
            for want in wanted
            for holding in holdings
            if holding["skill_id"] == want["skill_id"]
        ]
    )


STEPS = ("network", "wider_network", "same_city", "radius", "remote")


class _Finder:
    """The state of one request: what the team lacks, who was reached, what was found."""

    def __init__(self, tx: Tx, project_id: str, request: Request, ranking: Ranking, now: datetime):
        context = require(
            tx.single("project_context", project_id=project_id), "project", project_id
        )
        self.tx, self.request, self.ranking = tx, request, ranking
        self.project, self.wanted = context["project"], context["wanted"]
        self.names = {member["id"]: member["name"] for member in context["team"]}
        self.team = sorted(self.names)
        self.city = self.project["city"] or {}
        self.center = _center(tx, request.city_id) if request.city_id else self.city.get("location")
        self.since = now - timedelta(days=ranking.load_period_days)
        self.acceptable: dict[str, list[tuple[str, int]]] = {}
        for row in context["acceptable"]:
            self.acceptable.setdefault(row["held_id"], []).append((row["skill_id"], row["depth"]))
        self.search = SocialSearch(tx, self.team, project_id)
        self.reached: dict[str, Reached] = {}
        self.results: list[dict[str, Any]] = []

    def held_for(self, skill_ids: set[str]) -> list[str]:
        """The skills that meet one of ``skill_ids``: themselves and narrower ones."""
        return sorted(
            k for k, pairs in self.acceptable.items() if any(s in skill_ids for s, _ in pairs)
        )

    def holders(self, skill_ids: set[str], **where: Any) -> list[dict[str, Any]]:
        """Consenting holders not yet found (nor in the team, nor capped, nor declined)."""
        if not skill_ids:
            return []
        query = "skill_holders_among" if "ids" in where else "skill_holders_near"
        if query == "skill_holders_near":
            where = {"city_id": None, "radius_km": None, **where}
        found = {r["member"]["id"] for r in self.results}
        rows = self.tx.run(
            query, held_ids=self.held_for(skill_ids), exclude=sorted({*self.team, *found}),
            since=self.since, cap=self.ranking.load_cap, project_id=self.project["id"],
            member_id=None, limit=max(self.request.limit * 5, 50), center=point_of(self.center),
            **where,
        )  # fmt: skip
        for row in rows:
            row["holdings"] = [
                {**h, "skill_id": skill, "depth": depth}
                for h in row["holdings"]
                for skill, depth in self.acceptable[h["held_id"]]
            ]
        return rows

    def rows(self, found_by: str) -> list[dict[str, Any]]:
        """The candidates of one widening step (none when the step does not apply)."""
        request, skills = self.request, {w["skill_id"] for w in self.wanted}
        if found_by in ("network", "wider_network"):
            hops = request.max_hops if found_by == "network" else WIDEST_HOPS
            if found_by == "wider_network" and request.max_hops >= WIDEST_HOPS:
                return []
            self.reached = self.search.reach(hops, self.held_for(skills))
            return self.holders(skills, ids=sorted(self.reached)) if self.reached else []
        if found_by == "same_city":
            city_id = request.city_id or self.city.get("id")
            return self.holders(skills, city_id=city_id) if city_id else []
        if found_by == "radius":
            if request.radius_km is None or self.center is None:
                return []
            return self.holders(skills, radius_km=request.radius_km)
        remote = {w["skill_id"] for w in self.wanted if w["remote"]}
        return self.holders(remote) if request.remote else []

    def run(self) -> dict[str, Any]:
        for found_by in STEPS:
            if len(self.results) >= self.request.limit:
                break
            step = [
                _result(row, found_by, self.reached, self.names, self.wanted, self.ranking, self.request.lang)
                for row in self.rows(found_by)
            ]  # fmt: skip
            step = sorted(
                (r for r in step if r["needs"]), key=lambda r: (-r["score"], r["member"]["id"])
            )
            self.results.extend(step[: self.request.limit - len(self.results)])
        return {
            "project": {"id": self.project["id"], "name": self.project["name"]},
            "lacking": self.wanted,
            "introductions": self.results,
        }


def introductions_for_project(
    tx: Tx, project_id: str, request: Request, ranking: Ranking, now: datetime | None = None
) -> dict[str, Any]:
    """Introductions for the project, best first within each widening step."""
    return _Finder(tx, project_id, request, ranking, now or datetime.now(UTC)).run()


def _result(
    row: dict[str, Any], found_by: str, reached: dict[str, Reached], names: dict[str, str],
    wanted: list[dict[str, Any]], ranking: Ranking, lang: str,
) -> dict[str, Any]:  # fmt: skip
    if found_by == "remote":
        wanted = [w for w in wanted if w["remote"]]
    covers = _covers(row["holdings"], wanted)
    network = found_by in ("network", "wider_network")
    hops = reached[row["id"]].hops if network else None
    paths = _paths(row["id"], reached, names) if network else []
    connections = len({parent for parent, _ in reached[row["id"]].parents}) if network else 0
    components = ranking.components(
        covered=[c["depth"] for c in covers],
        paths=connections,
        hops=hops,
        distance_km=row["distance_km"],
        best_level=max((c["level"] for c in covers), default=1),
        recent=row["recent"],
    )
    how = (
        explain.path_sentence(paths[0], lang)
        if paths
        else explain.place_sentence(found_by, row["name"], row["city"], row["distance_km"], lang)
    )
    return {
        "member": {"id": row["id"], "name": row["name"], "city": row["city"]},
        "found_by": found_by,
        "hops": hops,
        "connections": connections,
        "needs": [
            {
                "id": c["need_id"],
                "title": c["need_title"],
                "skill": {"id": c["skill_id"], "name": c["skill_name"]},
                "held": {"id": c["held_id"], "name": c["held_name"], "level": c["level"]},
                "match": "exact" if c["depth"] == 0 else "narrower",
                "depth": c["depth"],
            }
            for c in covers
        ],
        "score": total(components),
        "components": components,
        "distance_km": None if row["distance_km"] is None else round(row["distance_km"], 1),
        "paths": paths,
        "explanation": how + explain.skills_sentence(row["name"], covers, lang) + "."
        if covers
        else how,
    }


def _center(tx: Tx, city_id: str) -> dict[str, float] | None:
    city = require(tx.single("get_city", id=city_id), "city", city_id)["city"]
    return city["location"]


def point_of(location: dict[str, float] | None) -> WGS84Point | None:
    return None if location is None else WGS84Point((location["longitude"], location["latitude"]))
