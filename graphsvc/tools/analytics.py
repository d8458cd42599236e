"""The network as networkx graphs and pandas tables, read through the same data-access layer
(and the same named Cypher) as the API, with the same configuration (``NEO4J_URI`` ...).

For analysts (notebooks/) and for the offline evaluation's baselines.

- ``social_graph(store)``: the whole network. Nodes are member ids with attribute ``consent``;
  an edge links two members who know each other or share a project, attribute ``kinds``
  (``"knows"`` and/or the shared projects' ids).
- ``city_graph(store, city_id)``: the same, for one city's members only (the dashboard's
  subgraph, read in one streamed query), nodes with ``name`` (None for members who withdrew
  consent), ``consent``, ``acquaintances`` and ``projects`` (counted anywhere).
- ``city_tables(store, city_id)``: pandas DataFrames ``members``, ``needs`` (open needs of the
  city's projects, with ``met_in_city``) and ``skills`` (supply and demand per skill).

Members who withdrew consent are rows and nodes without a name: counted, never named.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import TYPE_CHECKING

import networkx as nx

from graphsvc.cities.stats import city_network
from graphsvc.cities.stats import social_graph as city_social_graph
from graphsvc.store import Store

if TYPE_CHECKING:
    import pandas as pd


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


def city_graph(store: Store, city_id: str) -> nx.Graph:
    """One city's social graph (see the module's docstring for its attributes)."""
    network = city_network(store, city_id)
    graph = city_social_graph(network)
    for member in network["member"]:
        graph.nodes[member["id"]].update(
            name=member["name"] if member["consent"] else None,
            acquaintances=member["acquaintances"],
            projects=member["projects"],
        )
    return graph


def city_tables(store: Store, city_id: str) -> dict[str, pd.DataFrame]:
    """One city as pandas tables: ``members``, ``needs`` and ``skills``."""
    import pandas as pd  # the analysts' extra (pip install -e .[notebooks]), not the service's

    network = city_network(store, city_id)
    members = pd.DataFrame(
        [{"id": m["id"], "name": m["name"] if m["consent"] else None, "consent": m["consent"],
          "acquaintances": m["acquaintances"], "projects": m["projects"], "skills": len(m["skills"])}
         for m in network["member"]],
        columns=["id", "name", "consent", "acquaintances", "projects", "skills"],
    )  # fmt: skip
    held = {k for m in network["member"] if m["consent"] for k in m["skills"]}
    needs = pd.DataFrame(
        [{"id": n["id"], "project_id": n["project_id"], "skill_id": n["skill_id"],
          "skill": n["skill_name"], "met_in_city": any(k in held for k in n["met_by"])}
         for n in network["need"]],
        columns=["id", "project_id", "skill_id", "skill", "met_in_city"],
    )  # fmt: skip
    supply = pd.Series(
        [k for m in network["member"] if m["consent"] for k in m["skills"]], dtype="object"
    ).value_counts()
    demand = needs.groupby(["skill_id", "skill"]).size().rename("demand").reset_index()
    demand["supply"] = demand["skill_id"].map(supply).fillna(0).astype(int)
    return {
        "members": members,
        "needs": needs,
        "skills": demand.sort_values("demand", ascending=False),
    }
