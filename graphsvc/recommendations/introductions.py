"""Introductions for a project or one need: who can bring the skill it lacks, and how to reach them.

Need first, because that is the question a project holder asks: those who meet an open need
(a required skill or a narrower one) come first, reached through the team's network (a warm
introduction, with its path), then found in the city, within ``radius_km``, then anywhere for a
remote need; people close to the team who meet no need come last, marked. Within each band:

1. Who is near: a walk from the consenting team over members and projects, at most two member
   steps: a truncated personalized PageRank, with common neighbours, Adamic–Adar, memberships
   shared with the team and how small those projects are, and the paths that explain each.
2. What fits: the open needs met (exactly or through a narrower skill), their share, gaps
   filled, past needs, skills shared with the team, level, distance, popularity.
3. The ranking model (model.py, tuned on the graph's own history by ``graphsvc tune``) weighs
   these features in the query itself, so one round trip returns the ``limit`` best.

Left out: team members, withdrawn members (never entered, so never named in a path), members
who declined an introduction to this project or need, members at the load cap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from neo4j.spatial import WGS84Point

from graphsvc.errors import require
from graphsvc.recommendations import explain
from graphsvc.recommendations.model import RankingModel, shown
from graphsvc.recommendations.ranking import Ranking
from graphsvc.store import Tx


@dataclass(frozen=True)
class Request:
    limit: int = 10
    max_hops: int = 2
    city_id: str | None = None
    radius_km: float | None = None
    remote: bool = True
    lang: str = "fr"


def query_params(
    project_id: str | None, request: Request, ranking: Ranking, model: RankingModel, *,
    now: datetime, widen: bool = False, need_id: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    """The parameters of ``introductions.cypher`` (also sent by the benchmark): for a project,
    or with ``need_id`` for one need (its holders only)."""
    return dict(
        project_id=project_id, need_id=need_id, holders_only=need_id is not None,
        max_hops=request.max_hops, beam=ranking.beam,
        max_degree=ranking.max_degree, pool=ranking.pool, limit=request.limit,
        fresh=ranking.fresh_places(request.limit), weights=model.weights,
        # A number, not a datetime: the driver packs a datetime in Python, a tenth of a
        # millisecond a request.
        since_ms=int((now - timedelta(days=ranking.load_period_days)).timestamp() * 1000),
        cap=ranking.load_cap, load=ranking.load, narrower=ranking.narrower_factor,
        distance_scale_km=ranking.distance_scale_km, widen=widen, city_id=request.city_id,
        radius_km=request.radius_km, remote=request.remote,
    )  # fmt: skip


def candidates(
    tx: Tx, project_id: str | None, request: Request, ranking: Ranking, model: RankingModel, *,
    now: datetime, widen: bool = False, need_id: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    """The query's row: owner, needs and the best candidates with their features.

    The endpoint and ``graphsvc tune`` both call this, so the model is fitted on exactly the
    features it is later applied to. ``widen`` adds people found by place even when the walk
    finds enough (tuning wants every kind of candidate).
    """
    if request.city_id:
        require(tx.single("get_city", id=request.city_id), "city", request.city_id)
    params = query_params(
        project_id, request, ranking, model, now=now, widen=widen, need_id=need_id
    )
    kind, key = ("need", need_id) if need_id is not None else ("project", project_id)
    return require(tx.single_as_decoded("introductions", **params), kind, key or "")


def introductions_for_project(
    tx: Tx, project_id: str, request: Request, ranking: Ranking, model: RankingModel,
    now: datetime | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Introductions for the project, need first: one round trip (two with ``city_id``)."""
    row = candidates(tx, project_id, request, ranking, model, now=now or datetime.now(UTC))
    open_needs = [n for n in row["needs"] if n["open"]]
    return {
        "project": {"id": row["owner"]["id"], "name": row["owner"]["name"]},
        "lacking": [_need_ref(n) for n in open_needs if not n["team_covers"]],
        "introductions": [
            _result(c, open_needs, model, ranking, request.lang) for c in row["introductions"]
        ],
    }


def introductions_for_need(
    tx: Tx, need_id: str, request: Request, ranking: Ranking, model: RankingModel,
    visible: Callable[[dict[str, Any]], object], now: datetime | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Holders of a skill that meets one need (a project's or a member's), in the project
    introductions' order: warm introductions through the owner's network first, then by place.
    A member's need is answered only to whom may see that member (``visible`` raises if not)."""
    row = candidates(
        tx, None, request, ranking, model, now=now or datetime.now(UTC), need_id=need_id
    )
    owner = row["owner"]
    if owner["kind"] == "member":
        visible(owner)
    need = row["needs"][0] if row["needs"] else None
    open_needs = [n for n in row["needs"] if n["open"]]
    return {
        "need": {
            "id": need_id,
            "title": need["need_title"] if need else None,
            "open": bool(open_needs),
            "owner": {"kind": owner["kind"], "id": owner["id"], "name": owner["name"]},
        },
        "introductions": [
            _result(c, open_needs, model, ranking, request.lang) for c in row["introductions"]
        ],
    }


def covers(skills: list[dict[str, Any]], needs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each need the member can meet, with the best skill they hold for it (shallowest, then
    highest level)."""
    level = {s["id"]: s for s in skills}
    found = []
    for need in needs:
        options = [
            (h["depth"], -level[h["id"]]["level"], h) for h in need["held"] if h["id"] in level
        ]
        if options:
            depth, _, held = min(options, key=lambda o: (o[0], o[1], o[2]["id"]))
            skill = level[held["id"]]
            found.append({**_need_ref(need), "held_id": skill["id"], "held_name": skill["name"],
                          "level": skill["level"], "depth": depth})  # fmt: skip
    return found


def best_covers(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One cover per need: the shallowest taxonomy match, then the highest level."""
    best: dict[str, dict[str, Any]] = {}
    for cover in found:
        current = best.get(cover["need_id"])
        if current is None or (cover["depth"], -cover["level"]) < (
            current["depth"],
            -current["level"],
        ):
            best[cover["need_id"]] = cover
    return [best[need_id] for need_id in sorted(best)]


def _need_ref(need: dict[str, Any]) -> dict[str, Any]:
    return {key: need[key] for key in ("need_id", "need_title", "remote", "skill_id", "skill_name")}


def _paths(candidate: dict[str, Any]) -> list[dict[str, Any]]:
    """The walk's explanations as paths from a team member: up to three, one per last link.

    A ``via`` is ``[previous member, shared project or null]``, followed for two steps by the
    same pair one step closer to the team.
    """
    paths = []
    for via in candidate["via"]:
        steps = [(via[2], via[3], via[0]), (via[0], via[1], candidate["member"])] if len(via) == 4 \
            else [(via[0], via[1], candidate["member"])]  # fmt: skip
        nodes = [
            {"kind": "member", "id": steps[0][0]["id"], "name": steps[0][0]["name"], "team": True}
        ]
        relationships = []
        for start, project, end in steps:
            relation: dict[str, Any] = {"type": "SHARES_PROJECT" if project else "KNOWS",
                                        "from": start["id"], "to": end["id"]}  # fmt: skip
            if project:
                relation["project"] = project
            relationships.append(relation)
            nodes.append({"kind": "member", "id": end["id"], "name": end["name"], "team": False})
        paths.append({"nodes": nodes, "relationships": relationships})
    return paths


def _result(
    candidate: dict[str, Any], open_needs: list[dict[str, Any]], model: RankingModel,
    ranking: Ranking, lang: str,
) -> dict[str, Any]:  # fmt: skip
    found_by, member = candidate["found_by"], candidate["member"]
    needs = open_needs if found_by != "remote" else [n for n in open_needs if n["remote"]]
    met = covers(candidate["skills"], needs)
    paths = _paths(candidate)
    components = model.components(candidate["features"])
    components["load"] = shown(-ranking.load * candidate["recent"] / ranking.load_cap)
    how = (
        explain.path_sentence(paths[0], lang)
        if paths
        else explain.place_sentence(found_by, member["name"], candidate["city"], candidate["distance_km"], lang)
    )  # fmt: skip
    if open_needs and not met:
        how += explain.meets_no_need(lang)
    km = candidate["distance_km"]
    return {
        "member": {**member, "city": candidate["city"]},
        "found_by": found_by,
        "meets_need": bool(met),
        "hops": candidate["hops"],
        "connections": candidate["connections"],
        "needs": [need_view(c) for c in met],
        "score": shown(candidate["score"]),
        "components": components,
        "features": {f: shown(v) for f, v in candidate["features"].items()},
        "distance_km": None if km is None else round(km, 1),
        "paths": paths,
        "explanation": how + explain.skills_sentence(member["name"], met, lang) + ".",
    }


def need_view(cover: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": cover["need_id"],
        "title": cover["need_title"],
        "skill": {"id": cover["skill_id"], "name": cover["skill_name"]},
        "held": {"id": cover["held_id"], "name": cover["held_name"], "level": cover["level"]},
        "match": "exact" if cover["depth"] == 0 else "narrower",
        "depth": cover["depth"],
    }


def point_of(location: dict[str, float] | None) -> WGS84Point | None:
    return None if location is None else WGS84Point((location["longitude"], location["latitude"]))
