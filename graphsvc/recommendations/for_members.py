"""Recommendations for one member: projects that need what they can do, and mutual help."""

from __future__ import annotations

from typing import Any

from graphsvc.errors import require
from graphsvc.recommendations import explain
from graphsvc.recommendations.introductions import Request, best_covers, need_view, point_of
from graphsvc.recommendations.model import RankingModel
from graphsvc.recommendations.ranking import Ranking, total
from graphsvc.store import Tx


def _place(tx: Tx, member: dict[str, Any], request: Request, ranking: Ranking) -> dict[str, Any]:
    city_id = request.city_id or (member["city"] or {}).get("id")
    city = require(tx.single("get_city", id=city_id), "city", city_id)["city"] if city_id else None
    radius = request.radius_km if request.radius_km is not None else ranking.default_radius_km
    return {
        "center": point_of(city["location"] if city else None),
        "radius_km": radius,
    }


def _nearby(
    tx: Tx, query: str, member: dict[str, Any], request: Request, ranking: Ranking
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The member's reference, and the rows of ``query`` around their city (none without one)."""
    place = _place(tx, member, request, ranking)
    if place["center"] is None:
        return _ref(member), []
    rows = tx.run(
        query, member_id=member["id"], center=place["center"], radius_km=place["radius_km"],
        remote=request.remote, limit=request.limit * 5,
    )  # fmt: skip
    return _ref(member), rows


def _scored(
    ranking: Ranking, covers: list[dict[str, Any]], contacts: int, km: float
) -> dict[str, float]:
    return ranking.components(
        covered=[c["depth"] for c in covers], paths=contacts, hops=None, distance_km=km,
        best_level=max(c["level"] for c in covers), recent=0,
    )  # fmt: skip


def _best(results: list[dict[str, Any]], key: str, limit: int) -> list[dict[str, Any]]:
    return sorted(results, key=lambda r: (-r["score"], r[key]["id"]))[:limit]


def projects_params(
    member_id: str, request: Request, ranking: Ranking, model: RankingModel
) -> dict[str, Any]:
    """The parameters of ``projects_for_member.cypher`` (also sent by the benchmark)."""
    radius = request.radius_km if request.radius_km is not None else ranking.default_radius_km
    return dict(
        member_id=member_id, city_id=request.city_id, radius_km=radius, remote=request.remote,
        limit=request.limit, beam=ranking.beam, max_degree=ranking.max_degree, pool=ranking.pool,
        weights=model.weights, narrower=ranking.narrower_factor,
        distance_scale_km=ranking.distance_scale_km,
    )  # fmt: skip


def projects_for_member(
    tx: Tx, member: dict[str, Any], request: Request, ranking: Ranking, model: RankingModel
) -> dict[str, Any]:
    """Projects for the member, ranked by the introductions' model seen from the member's side,
    so that the two agree: the projects likeliest to welcome them, near them in the network or
    in need of their skills. ``member`` is the profile the caller already read (and may see)."""
    if request.city_id:
        require(tx.single("get_city", id=request.city_id), "city", request.city_id)
    row = tx.single("projects_for_member", **projects_params(member["id"], request, ranking, model))
    skills = {k["id"]: k for k in (row["skills"] if row else [])}
    results = []
    for found in row["projects"] if row else []:
        covers = best_covers([
            {**need, "held_id": h["held"], "held_name": skills[h["held"]]["name"],
             "level": skills[h["held"]]["level"], "depth": h["depth"]}
            for need in found["needs"] for h in need["held"]
        ])  # fmt: skip
        km = found["distance_km"]
        results.append({
            "project": found["project"],
            "found_by": found["found_by"],
            "hops": found["hops"],
            "needs": [need_view(c) for c in covers],
            "distance_km": None if km is None else round(km, 1),
            "team_contacts": found["team_contacts"],
            "score": round(found["score"], 4),
            "components": model.components(found["features"]),
            "features": {f: round(v, 4) for f, v in found["features"].items()},
            "explanation": explain.project_sentence(found, covers, request.lang),
        })  # fmt: skip
    return {"member": _ref(member), "projects": results}


def matches_for_member(
    tx: Tx, member: dict[str, Any], request: Request, ranking: Ranking
) -> dict[str, Any]:
    """``member`` is the profile the caller already read (and checked it may see)."""
    reference, rows = _nearby(tx, "matches_for_member", member, request, ranking)
    results = []
    for row in rows:
        gives, receives = best_covers(row["gives"]), best_covers(row["receives"])
        both = bool(gives and receives)
        components = _scored(ranking, gives + receives, int(row["known"]), row["distance_km"])
        components["mutual"] = ranking.mutual if both else 0.0
        results.append({
            "member": {"id": row["id"], "name": row["name"], "city": row["city"]},
            "both_ways": both,
            "known": row["known"],
            "you_help": [need_view(c) for c in gives],
            "helps_you": [need_view(c) for c in receives],
            "distance_km": round(row["distance_km"], 1),
            "score": total(components),
            "components": components,
            "explanation": explain.match_sentence(row["name"], gives, receives, request.lang),
        })  # fmt: skip
    return {"member": reference, "matches": _best(results, "member", request.limit)}


def _ref(member: dict[str, Any]) -> dict[str, Any]:
    return {"id": member["id"], "name": member["name"], "city": member["city"]}
