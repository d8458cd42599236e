"""A city's network in numbers: what a community manager of a local chapter asks first.

Computed on the city's own subgraph (its members, their acquaintances among themselves and the
projects they share), read in one streamed query (``city_network.cypher``), with networkx, and
igraph (C) for betweenness and Louvain, which take seconds in Python on a large city:

- **isolated** members: no acquaintance and no project anywhere (the onboarding targets);
- **connectors**: the highest betweenness centrality (members who bridge groups); sampled on
  ``BETWEENNESS_SAMPLE`` sources above that many members, so a large city stays fast;
- **communities**: Louvain (networkx, fixed seed, so the same graph gives the same answer);
- **open needs** of the city's projects: the share that members of the city could meet, and
  the share within reach (adding the members of cities within ``radius_km``), the skills most
  lacking, and the nearby cities whose members hold them;
- skills supply (members holding) against demand (open needs), the degree distribution, and
  introductions about the city's projects per month with their acceptance rate.

Members who withdrew consent count in every number but are never named.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from itertools import combinations
from typing import Any

import igraph
import networkx as nx

from graphsvc.errors import NotFound
from graphsvc.store import Store

BETWEENNESS_SAMPLE = 100
MAX_ROWS = 100_000  # per kind of row: ten times the largest city of a 40,000-member network
MAX_TOP = 100  # the longest list a dashboard may ask for (its ``top``); analyses keep no more
MAX_RADIUS_KM = 300.0  # the widest reach a dashboard may ask for (its ``radius_km``)


def city_network(store: Store, city_id: str) -> dict[str, list[dict[str, Any]]]:
    """The query's rows grouped by kind; a 404 for an unknown city."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in store.read("city_network", city_id=city_id, max_rows=MAX_ROWS):
        rows[record["kind"]].append(record["row"])
    if not rows.get("city"):
        raise NotFound(f"No city has id {city_id!r}.")
    return rows


def nearby_cities(store: Store, city_id: str, radius_km: float) -> list[dict[str, Any]]:
    """The other cities within ``radius_km``, with how many of their members hold each skill."""
    rows = store.read("city_nearby", city_id=city_id, radius_km=radius_km, max_rows=MAX_ROWS)
    return [record["row"] for record in rows]


def social_graph(network: dict[str, list[dict[str, Any]]]) -> nx.Graph:
    """The city's members, linked when they know each other or share a project."""
    graph = nx.Graph()
    for member in network["member"]:
        graph.add_node(member["id"], consent=member["consent"])
    graph.add_edges_from((link["a"], link["b"]) for link in network["knows"])
    teams: dict[str, list[str]] = defaultdict(list)
    for team in network["team"]:
        teams[team["project"]].append(team["member"])
    for members in teams.values():
        graph.add_edges_from(combinations(sorted(members), 2))
    return graph


def _named(member: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"id": member["id"], "name": member["name"], **extra}


def city_stats(store: Store, city_id: str, *, radius_km: float, top: int = 10) -> dict[str, Any]:
    analysis = analyse(city_network(store, city_id))
    return summarise(
        analysis, nearby_cities(store, city_id, radius_km), radius_km=radius_km, top=top
    )


def analyse(network: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """What depends on the city alone, from the rows ``city_network`` read: the graph
    algorithms, CPU only and no database, so the dashboard runs it in a helper process and
    keeps it per city whatever the radius asked (dashboard.py). Lists are ranked and cut to
    ``MAX_TOP``; ``summarise`` cuts them to ``top``."""
    members = {m["id"]: m for m in network["member"]}
    consenting = {m for m, member in members.items() if member["consent"]}
    graph = social_graph(network)

    isolated = [m for m in sorted(members) if not members[m]["acquaintances"] and not members[m]["projects"]]  # fmt: skip
    betweenness = _betweenness(graph)
    connectors = sorted(
        (m for m in betweenness if m in consenting and betweenness[m] > 0),
        key=lambda m: (-betweenness[m], m),
    )
    communities = sorted(_communities(graph), key=lambda c: (-len(c), min(c)))
    months: dict[str, Counter[str]] = defaultdict(Counter)
    for introduction in network["introduction"]:
        months[introduction["month"]][introduction["status"]] += 1
    return {
        "city": network["city"][0],
        "truncated": any(len(rows) >= MAX_ROWS for rows in network.values()),
        "members": len(members),
        "withdrawn": len(members) - len(consenting),
        "projects": len(network["project"]),
        "held": Counter(k for m in members.values() if m["consent"] for k in m["skills"]),
        "needs": network["need"],
        "isolated": [_named(members[m]) for m in isolated if m in consenting],
        "isolated_withdrawn": sum(1 for m in isolated if m not in consenting),
        "connectors": [
            _named(members[m], betweenness=round(betweenness[m], 4)) for m in connectors[:MAX_TOP]
        ],
        "communities": [_community(c, graph, members, consenting) for c in communities[:MAX_TOP]],
        "community_count": len(communities),
        "degrees": dict(sorted(Counter(d for _, d in graph.degree()).items())),
        "introductions": [
            {"month": month, **_decided(counts)} for month, counts in sorted(months.items())
        ],
    }


def summarise(
    analysis: dict[str, Any], nearby: list[dict[str, Any]], *, radius_km: float, top: int = 10
) -> dict[str, Any]:
    """The dashboard's numbers: the city's ``analysis`` with the cities within ``radius_km``
    (``nearby_cities``), lists cut to ``top``. Cheap: sums over the city's open needs."""
    held: Counter[str] = analysis["held"]
    reach: Counter[str] = Counter(held)
    for city in nearby:
        for holder in city["holders"]:
            reach[holder["skill_id"]] += holder["members"]
    needs = analysis["needs"]
    # One row per need and skill it requires: a row is met when some skill meets it.
    met_in_city = {(n["id"], n["skill_id"]) for n in needs if any(held[k] for k in n["met_by"])}
    met_in_reach = {(n["id"], n["skill_id"]) for n in needs if any(reach[k] for k in n["met_by"])}
    lacking = Counter(
        (n["skill_id"], n["skill_name"])
        for n in needs
        if (n["id"], n["skill_id"]) not in met_in_city
    )
    lacking_ids = {skill_id for skill_id, _ in lacking}
    demand = Counter((n["skill_id"], n["skill_name"]) for n in needs)
    ranked_lacking = sorted(lacking.items(), key=lambda i: (-i[1], i[0]))[:top]
    return {
        "city": analysis["city"],
        "radius_km": radius_km,
        "truncated": analysis["truncated"] or len(nearby) >= MAX_ROWS,
        "members": analysis["members"],
        "withdrawn": analysis["withdrawn"],
        "projects": analysis["projects"],
        "open_needs": len(needs),
        "open_needs_met_in_city": _share(len(met_in_city), len(needs)),
        "open_needs_met_within_reach": _share(len(met_in_reach), len(needs)),
        "lacking_skills": [
            {"id": skill_id, "name": name, "open_needs": count}
            for (skill_id, name), count in ranked_lacking
        ],
        "nearby_cities": _who_could_fill(nearby, lacking_ids, top),
        "isolated": analysis["isolated"],
        "isolated_withdrawn": analysis["isolated_withdrawn"],
        "connectors": analysis["connectors"][:top],
        "communities": analysis["communities"][:top],
        "community_count": analysis["community_count"],
        "degrees": analysis["degrees"],
        "skills": [
            {"id": skill_id, "name": name, "demand": count, "supply": held[skill_id]}
            for (skill_id, name), count in sorted(demand.items(), key=lambda i: (-i[1], i[0]))[:top]
        ],
        "introductions": analysis["introductions"],
    }


def _betweenness(graph: nx.Graph) -> dict[str, float]:
    """Betweenness normalised as networkx's (pairs through a member over (n-1)(n-2)/2): exact
    up to ``BETWEENNESS_SAMPLE`` members, else estimated from that many sources drawn with a
    fixed seed (Brandes and Pich), computed by igraph in C. networkx's own took 22 s for the
    29,000-member city of the bench graph, igraph 0.2 s, with the same ten connectors."""
    n = graph.number_of_nodes()
    if n <= 2:
        return {}
    names, network = _igraph(graph)
    if n <= BETWEENNESS_SAMPLE:
        raw = network.betweenness(directed=False)
    else:
        sources = random.Random(7).sample(range(n), BETWEENNESS_SAMPLE)
        estimate = network.betweenness(directed=False, sources=sources)
        raw = [value * n / BETWEENNESS_SAMPLE for value in estimate]
    scale = 2 / ((n - 1) * (n - 2))
    return {name: value * scale for name, value in zip(names, raw, strict=True)}


def _communities(graph: nx.Graph) -> list[set[str]]:
    """Louvain communities of the members with a link (igraph's multilevel, in C, seeded, so
    the same graph gives the same answer: 0.2 s where networkx's took 9 s on that city)."""
    linked = graph.subgraph([m for m in graph if graph.degree(m) > 0])
    if not len(linked):
        return []
    names, network = _igraph(linked)
    igraph.set_random_number_generator(random.Random(7))
    try:
        membership = network.community_multilevel().membership
    finally:
        igraph.set_random_number_generator(random)
    groups: dict[int, set[str]] = defaultdict(set)
    for name, group in zip(names, membership, strict=True):
        groups[group].add(name)
    return list(groups.values())


def _igraph(graph: nx.Graph) -> tuple[list[str], igraph.Graph]:
    names = sorted(graph)
    index = {name: i for i, name in enumerate(names)}
    edges = [(index[a], index[b]) for a, b in graph.edges()]
    return names, igraph.Graph(n=len(names), edges=edges)


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole, 4)


def _who_could_fill(
    nearby: list[dict[str, Any]], lacking: set[str], top: int
) -> list[dict[str, Any]]:
    cities = []
    for city in nearby:
        holders = sum(h["members"] for h in city["holders"] if h["skill_id"] in lacking)
        skills = sorted(h["skill_id"] for h in city["holders"] if h["skill_id"] in lacking)
        if holders:
            cities.append({"id": city["id"], "name": city["name"],
                           "distance_km": round(city["distance_km"], 1),
                           "members_holding_lacking_skills": holders, "skills": skills})  # fmt: skip
    return sorted(cities, key=lambda c: (-c["members_holding_lacking_skills"], c["id"]))[:top]


def _community(
    community: set[str], graph: nx.Graph, members: dict[str, Any], consenting: set[str]
) -> dict[str, Any]:
    central = sorted(
        (m for m in community if m in consenting), key=lambda m: (-graph.degree(m), m)
    )[:3]
    return {"size": len(community), "central": [_named(members[m]) for m in central]}


def _decided(counts: Counter[str]) -> dict[str, Any]:
    decided = counts["accepted"] + counts["declined"]
    return {
        "proposed": sum(counts.values()),
        "accepted": counts["accepted"],
        "declined": counts["declined"],
        "acceptance_rate": _share(counts["accepted"], decided),
    }
