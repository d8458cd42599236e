"""Recommendations for one member: projects that need what they can do, and mutual help."""

from __future__ import annotations

from typing import Any

from graphsvc.errors import require
from graphsvc.recommendations import explain
from graphsvc.recommendations.introductions import Request, best_covers, point_of
from graphsvc.recommendations.ranking import Ranking, total
from graphsvc.store import Tx


def _place(tx: Tx, member_id: str, request: Request, ranking: Ranking) -> dict[str, Any]:
    member = require(tx.single("get_member", id=member_id), "member", member_id)["member"]
    city_id = request.city_id or (member["city"] or {}).get("id")
    city = require(tx.single("get_city", id=city_id), "city", city_id)["city"] if city_id else None
    radius = request.radius_km if request.radius_km is not None else ranking.default_radius_km
    return {
        "member": member,
        "center": point_of(city["location"] if city else None),
        "radius_km": radius,
    }


def _need_view(cover: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": cover["need_id"],
        "title": cover["need_title"],
        "skill": {"id": cover["skill_id"], "name": cover["skill_name"]},
        "held": {"id": cover["held_id"], "name": cover["held_name"], "level": cover["level"]},
        "match": "exact" if cover["depth"] == 0 else "narrower",
        "depth": cover["depth"],
    }


def projects_for_member(
    tx: Tx, member_id: str, request: Request, ranking: Ranking
) -> dict[str, Any]:
    place = _place(tx, member_id, request, ranking)
    if place["center"] is None:
        return {"member": _ref(place["member"]), "projects": []}
    rows = tx.run(
        "projects_for_member", member_id=member_id, center=place["center"],
        radius_km=place["radius_km"], remote=request.remote, limit=request.limit * 5,
    )  # fmt: skip
    results = []
    for row in rows:
        covers = best_covers(row["covers"])
        components = ranking.components(
            covered=[c["depth"] for c in covers], paths=len(row["team_contacts"]), hops=None,
            distance_km=row["distance_km"], best_level=max(c["level"] for c in covers), recent=0,
        )  # fmt: skip
        results.append({
            "project": {"id": row["id"], "name": row["name"], "city": row["city"]},
            "needs": [_need_view(c) for c in covers],
            "distance_km": round(row["distance_km"], 1),
            "team_contacts": row["team_contacts"],
            "score": total(components),
            "components": components,
            "explanation": explain.project_sentence(row, covers, request.lang),
        })  # fmt: skip
    results.sort(key=lambda r: (-r["score"], r["project"]["id"]))
    return {"member": _ref(place["member"]), "projects": results[: request.limit]}


def matches_for_member(
    tx: Tx, member_id: str, request: Request, ranking: Ranking
) -> dict[str, Any]:
    place = _place(tx, member_id, request, ranking)
    if place["center"] is None:
        return {"member": _ref(place["member"]), "matches": []}
    rows = tx.run(
        "matches_for_member", member_id=member_id, center=place["center"],
        radius_km=place["radius_km"], remote=request.remote, limit=request.limit * 5,
    )  # fmt: skip
    results = []
    for row in rows:
        gives, receives = best_covers(row["gives"]), best_covers(row["receives"])
        both = bool(gives and receives)
        components = ranking.components(
            covered=[c["depth"] for c in gives + receives], paths=int(row["known"]), hops=None,
            distance_km=row["distance_km"], best_level=max(c["level"] for c in gives + receives),
            recent=0,
        )  # fmt: skip
        components["mutual"] = ranking.mutual if both else 0.0
        results.append({
            "member": {"id": row["id"], "name": row["name"], "city": row["city"]},
            "both_ways": both,
            "known": row["known"],
            "you_help": [_need_view(c) for c in gives],
            "helps_you": [_need_view(c) for c in receives],
            "distance_km": round(row["distance_km"], 1),
            "score": total(components),
            "components": components,
            "explanation": explain.match_sentence(row["name"], gives, receives, request.lang),
        })  # fmt: skip
    results.sort(key=lambda r: (-r["score"], r["member"]["id"]))
    return {"member": _ref(place["member"]), "matches": results[: request.limit]}


def _ref(member: dict[str, Any]) -> dict[str, Any]:
    return {"id": member["id"], "name": member["name"], "city": member["city"]}
