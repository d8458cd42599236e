"""The network as networkx graphs, read through the same data-access layer as the API.

For analysts (notebooks/) and for the offline evaluation's baselines.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx

from graphsvc.store import Store


def social_graph(store: Store, *, exclude_project: str | None = None) -> nx.Graph:
    """Members linked when they know each other or share a project (but ``exclude_project``).

    Node attribute ``consent``; edge attribute ``kinds`` (``knows`` and/or project ids).
    """
    graph = nx.Graph()
    teams: dict[str, list[str]] = defaultdict(list)
    for row in store.read("social_edges"):
        graph.add_node(row["source"], consent=row["consent"])
        if row["kind"] == "KNOWS":
            graph.add_edge(row["source"], row["target"])
            graph.edges[row["source"], row["target"]].setdefault("kinds", set()).add("knows")
        else:
            teams[row["target"]].append(row["source"])
    for project, members in teams.items():
        if project == exclude_project:
            continue
        for a, b in combinations(sorted(members), 2):
            graph.add_edge(a, b)
            graph.edges[a, b].setdefault("kinds", set()).add(project)
    return graph


def memberships(store: Store) -> dict[str, set[str]]:
    """Project id -> ids of its members."""
    teams: dict[str, set[str]] = defaultdict(set)
    for row in store.read("social_edges"):
        if row["kind"] == "MEMBER_OF":
            teams[row["target"]].add(row["source"])
    return teams


def members_by_city(store: Store) -> dict[str, list[dict[str, str]]]:
    """City id -> its members ({id, name, consent})."""
    cities: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in store.read("member_cities"):
        cities[row["city_id"]].append(
            {"id": row["id"], "name": row["name"], "consent": row["consent"]}
        )
    return cities


def city_report(store: Store, city_id: str, top: int = 5) -> dict[str, object]:
    """Who is isolated and who connects, in one city: what a community manager asks first.

    Isolated: members with no acquaintance and no co-member anywhere. Connectors: the highest
    betweenness centrality in the city's own social graph (members who bridge groups).
    """
    graph = social_graph(store)
    members = members_by_city(store).get(city_id, [])
    ids = {m["id"] for m in members}
    names = {m["id"]: m["name"] for m in members}
    isolated = sorted(m for m in ids if m not in graph or graph.degree(m) == 0)
    local = graph.subgraph(ids & set(graph))
    betweenness = nx.betweenness_centrality(local) if local.number_of_nodes() > 2 else {}
    connectors = sorted(betweenness, key=lambda m: (-betweenness[m], m))[:top]
    return {
        "members": len(ids),
        "isolated": [{"id": m, "name": names[m]} for m in isolated],
        "connectors": [
            {"id": m, "name": names[m], "betweenness": round(betweenness[m], 4)} for m in connectors
        ],
        "components": nx.number_connected_components(local) if local.number_of_nodes() else 0,
    }
