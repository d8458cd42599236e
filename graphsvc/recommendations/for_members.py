"""Recommendations for one member: projects that need what they can do, and mutual help."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphsvc.errors import require
from graphsvc.recommendations import explain
from graphsvc.recommendations.introductions import Request, best_covers, need_view
from graphsvc.recommendations.model import RankingModel, shown
from graphsvc.recommendations.ranking import Ranking
from graphsvc.store import Tx


def member_params(
    member_id: str, request: Request, ranking: Ranking, model: RankingModel
) -> dict[str, Any]:
    """The parameters ``projects_for_member.cypher`` and ``matches_for_member.cypher`` share."""
    radius = request.radius_km if request.radius_km is not None else ranking.default_radius_km
    return dict(
        member_id=member_id, city_id=request.city_id, radius_km=radius, remote=request.remote,
        limit=request.limit, beam=ranking.beam, max_degree=ranking.max_degree, pool=ranking.pool,
        weights=model.weights, narrower=ranking.narrower_factor,
        distance_scale_km=ranking.distance_scale_km,
    )  # fmt: skip


def projects_params(
    member_id: str, request: Request, ranking: Ranking, model: RankingModel
) -> dict[str, Any]:
    """The parameters of ``projects_for_member.cypher`` (also sent by the benchmark)."""
    return {**member_params(member_id, request, ranking, model), "place_pool": ranking.place_pool}


def matches_params(
    member_id: str, request: Request, ranking: Ranking, model: RankingModel
) -> dict[str, Any]:
    """The parameters of ``matches_for_member.cypher`` (also sent by the benchmark)."""
    return {**member_params(member_id, request, ranking, model), "mutual": ranking.mutual}


def projects_for_member(
    tx: Tx, member_id: str, request: Request, ranking: Ranking, model: RankingModel,
    visible: Callable[[dict[str, Any]], object],
) -> dict[str, Any]:  # fmt: skip
    """Projects for the member, ranked by the introductions' model seen from the member's side,
    so that the two agree: the projects likeliest to welcome them, near them in the network or
    in need of their skills."""
    if request.city_id:
        require(tx.single("get_city", id=request.city_id), "city", request.city_id)
    row = _row(
        tx, "projects_for_member", projects_params(member_id, request, ranking, model), visible
    )
    skills = {k["id"]: k for k in row["skills"]}
    results = []
    for found in row["projects"]:
        covers = best_covers(
            [
                _cover(need, h["held"], h["depth"], skills)
                for need in found["needs"]
                for h in need["held"]
            ]
        )
        km = found["distance_km"]
        results.append({
            "project": found["project"],
            "found_by": found["found_by"],
            "hops": found["hops"],
            "needs": [need_view(c) for c in covers],
            "distance_km": None if km is None else round(km, 1),
            "team_contacts": found["team_contacts"],
            "score": shown(found["score"]),
            "components": model.components(found["features"]),
            "features": {f: shown(v) for f, v in found["features"].items()},
            "explanation": explain.project_sentence(found, covers, request.lang),
        })  # fmt: skip
    return {"member": _ref(row["member"]), "projects": results}


def matches_for_member(
    tx: Tx, member_id: str, request: Request, ranking: Ranking, model: RankingModel,
    visible: Callable[[dict[str, Any]], object],
) -> dict[str, Any]:  # fmt: skip
    """Members to help and be helped by, ranked by the introductions' model between two members
    (plus ``mutual`` when each can help the other)."""
    if request.city_id:
        require(tx.single("get_city", id=request.city_id), "city", request.city_id)
    row = _row(
        tx, "matches_for_member", matches_params(member_id, request, ranking, model), visible
    )
    mine = {k["id"]: k for k in row["skills"]}
    results = []
    for found in row["matches"]:
        theirs = {k["id"]: k for k in found["their_skills"]}
        gives = best_covers([_cover(need, h["held"], h["depth"], mine) for need in found["gives"]
                             for h in need["held"]])  # fmt: skip
        receives = best_covers([_cover(need, h["id"], h["depth"], theirs) for need in found["receives"]
                                for h in need["offered"]])  # fmt: skip
        both = bool(gives and receives)
        components = model.components(found["features"])
        components["mutual"] = ranking.mutual if both else 0.0
        km = found["distance_km"]
        results.append({
            "member": found["member"],
            "found_by": found["found_by"],
            "both_ways": both,
            "known": found["known"],
            "you_help": [need_view(c) for c in gives],
            "helps_you": [need_view(c) for c in receives],
            "distance_km": None if km is None else round(km, 1),
            "score": shown(found["score"]),
            "components": components,
            "features": {f: shown(v) for f, v in found["features"].items()},
            "explanation": explain.match_sentence(found["member"]["name"], gives, receives,
                                                  found["known"], request.lang),
        })  # fmt: skip
    return {"member": _ref(row["member"]), "matches": results}


def _row(
    tx: Tx, query: str, params: dict[str, Any], visible: Callable[[dict[str, Any]], object]
) -> dict[str, Any]:
    """The query's one row, once ``visible`` accepted its member (it raises NotFound if not):
    one round trip, and a hidden member's recommendations never leave this function."""
    row = require(tx.single_as_decoded(query, **params), "member", params["member_id"])
    visible(row["member"])
    return row


def _cover(
    need: dict[str, Any], held_id: str, depth: int, skills: dict[str, Any]
) -> dict[str, Any]:
    skill = skills[held_id]
    return {**need, "held_id": held_id, "held_name": skill["name"], "level": skill["level"],
            "depth": depth}  # fmt: skip


def _ref(member: dict[str, Any]) -> dict[str, Any]:
    return {"id": member["id"], "name": member["name"], "city": member["city"]}
