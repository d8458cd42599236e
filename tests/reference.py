"""The introduction rules in plain Python with networkx, for differential tests only.

Given bulk records (everyone in one city), it answers what GET /projects/{id}/introductions must
find when ``limit`` exceeds everyone: by the walk from the consenting team (found_by = network:
at how many hops, through how many distinct people one step closer), then, widening, the
members of the city who hold a skill an open need requires (same_city); for each, the open
needs they can meet with the taxonomy depth, and whether no team member could (the gap). It
shares no code with graphsvc's implementation.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

MAX_DEPTH = 3


def _graph(records: list[dict[str, Any]]):
    nodes = {(r["node"], r["id"]): r["properties"] for r in records if "node" in r}
    rels = [
        (r["rel"], r["start"]["id"], r["end"]["id"], r["properties"]) for r in records if "rel" in r
    ]
    return nodes, rels


def _depth_to(skill: str, target: str, broader: dict[str, str]) -> int | None:
    """How many BROADER steps lead from ``skill`` up to ``target`` (0 if equal), within 3."""
    current, depth = skill, 0
    while True:
        if current == target:
            return depth
        if current not in broader or depth == MAX_DEPTH:
            return None
        current, depth = broader[current], depth + 1


def expected_introductions(
    records: list[dict[str, Any]], project_id: str, max_hops: int
) -> dict[str, dict[str, Any]]:
    nodes, rels = _graph(records)
    consent = {i: p["consent"] for (label, i), p in nodes.items() if label == "Member"}
    broader = {a: b for kind, a, b, _ in rels if kind == "BROADER"}
    held: dict[str, dict[str, int]] = defaultdict(dict)
    members_of: dict[str, set[str]] = defaultdict(set)
    social = nx.Graph()
    social.add_nodes_from(consent)
    for kind, a, b, props in rels:
        if kind == "HAS_SKILL":
            held[a][b] = props["level"]
        elif kind == "MEMBER_OF":
            members_of[b].add(a)
        elif kind == "KNOWS" and a != b:
            social.add_edge(a, b)
    for project, team in members_of.items():
        if project != project_id:
            for a in team:
                for b in team:
                    if a != b:
                        social.add_edge(a, b)
    team = members_of.get(project_id, set())
    need_status = {i: p["status"] for (label, i), p in nodes.items() if label == "Need"}
    project_needs = [b for kind, a, b, _ in rels if kind == "HAS_NEED" and a == project_id]
    requires = defaultdict(set)
    for kind, a, b, _ in rels:
        if kind == "REQUIRES":
            requires[a].add(b)
    open_needs = [
        (need, skill)
        for need in project_needs if need_status[need] == "open"
        for skill in requires[need]
    ]  # fmt: skip
    team_covers = {
        skill for _, skill in open_needs
        if any(_depth_to(k, skill, broader) is not None for t in team for k in held[t])
    }  # fmt: skip

    # Breadth-first search from the consenting team, entering consenting members only.
    hops: dict[str, int] = {t: 0 for t in team}
    frontier = {t for t in team if consent[t]}
    for level in range(1, max_hops + 1):
        ring = {b for a in frontier for b in social.neighbors(a) if b not in hops and consent[b]}
        for b in ring:
            hops[b] = level
        frontier = ring
    found = {}
    for member in consent:
        if member in team or not consent[member]:
            continue
        covers: dict[str, tuple[int, int]] = {}
        for need, skill in open_needs:
            for k, level in held[member].items():
                depth = _depth_to(k, skill, broader)
                if depth is not None and (need not in covers or (depth, -level) < covers[need]):
                    covers[need] = (depth, -level)
        needs = {n: d for n, (d, _) in covers.items()}
        gap = sum(1 for n, _ in open_needs if n in needs and dict(open_needs)[n] not in team_covers)
        if member in hops:
            distance = hops[member]
            closer = (
                {t for t in team if consent[t]}
                if distance == 1
                else {m for m, h in hops.items() if h == 1}
            )
            parents = {p for p in social.neighbors(member) if p in closer}
            found[member] = {"found_by": "network", "hops": distance, "paths": len(parents),
                             "needs": needs, "gap": gap}  # fmt: skip
        elif needs:
            found[member] = {"found_by": "same_city", "hops": None, "paths": 0, "needs": needs,
                             "gap": gap}  # fmt: skip
    return found
