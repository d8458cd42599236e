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
