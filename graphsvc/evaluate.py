"""``graphsvc evaluate``: offline quality of introductions, next to classical link predictors.

A fixed, seeded sample of contributor memberships is hidden, one project at a time, inside a
transaction that is rolled back (nothing is ever changed). For each hidden (member, project) we
ask the introductions logic for the project and note the hidden member's rank; the baselines
rank every consenting non-member on the same social graph (KNOWS plus shared projects, the
project itself left out) by common neighbours with the team, Adamic–Adar, and personalized
PageRank from the team. recall@k: the share of hidden members ranked in the top k; MRR: the mean
of 1/rank (0 beyond rank 50).
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx

from graphsvc.analytics import memberships, social_graph
from graphsvc.recommendations.introductions import Request, introductions_for_project
from graphsvc.recommendations.ranking import Ranking
from graphsvc.store import Store, Tx

CUTOFF = 50
METHODS = ("introductions", "common_neighbours", "adamic_adar", "personalized_pagerank")


def _rank(ranked: list[str], member: str) -> int | None:
    return ranked.index(member) + 1 if member in ranked[:CUTOFF] else None


def _top(scores: dict[str, float]) -> list[str]:
    return [m for m, s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])) if s > 0][:CUTOFF]


def _neighbour_scores(
    graph: nx.Graph, team: set[str], weight: Callable[[str], float]
) -> dict[str, float]:
    scores: dict[str, float] = defaultdict(float)
    for t in team & set(graph):
        for z in graph.neighbors(t):
            for candidate in graph.neighbors(z):
                if candidate not in team:
                    scores[candidate] += weight(z)
    return scores


def _baselines(graph: nx.Graph, team: set[str]) -> dict[str, list[str]]:
    eligible = {n for n, consent in graph.nodes(data="consent") if consent and n not in team}
    common = _neighbour_scores(graph, team, lambda z: 1.0)
    adamic = _neighbour_scores(graph, team, lambda z: 1 / math.log(max(graph.degree(z), 2)))
    seeds = {t: 1.0 for t in team if t in graph}
    ppr = nx.pagerank(graph, personalization=seeds, tol=1e-6) if seeds else {}
    keep = lambda scores: {m: s for m, s in scores.items() if m in eligible}  # noqa: E731
    return {
        "common_neighbours": _top(keep(common)),
        "adamic_adar": _top(keep(adamic)),
        "personalized_pagerank": _top(keep(ppr)),
    }


def _ours(
    store: Store, project_id: str, hidden: list[str], ranking: Ranking
) -> tuple[list[str], set[str]]:
    """Our ranking for the project with the memberships hidden, and who had filled a need."""
    with store.driver.session(database=store.database) as session:
        transaction = session.begin_transaction()
        try:
            tx = Tx(transaction, store.queries)
            reopened = set(
                tx.single("hide_memberships", project_id=project_id, member_ids=hidden)["reopened"]
            )
            result = introductions_for_project(tx, project_id, Request(limit=CUTOFF), ranking)
        finally:
            transaction.rollback()
    return [i["member"]["id"] for i in result["introductions"]], reopened


def evaluate(
    store: Store, *, sample: int, seed: int, ranking: Ranking | None = None
) -> dict[str, Any]:
    ranking = ranking or Ranking.from_settings()
    pairs = [(r["member_id"], r["project_id"]) for r in store.read("list_contributions")]
    chosen = random.Random(seed).sample(pairs, min(sample, len(pairs)))
    by_project: dict[str, list[str]] = defaultdict(list)
    for member, project in chosen:
        by_project[project].append(member)
    graph, teams = social_graph(store), memberships(store)
    ranks: dict[str, list[int | None]] = {method: [] for method in METHODS}
    filled: dict[str, list[int | None]] = {method: [] for method in METHODS}
    for project, hidden in sorted(by_project.items()):
        team = teams[project] - set(hidden)
        only_here = [
            (a, b)
            for a, b in combinations_in(teams[project])
            if graph.has_edge(a, b) and graph.edges[a, b]["kinds"] == {project}
        ]
        saved = [(a, b, graph.edges[a, b]) for a, b in only_here]
        graph.remove_edges_from(only_here)
        baselines = _baselines(graph, team)
        graph.add_edges_from(saved)
        ours, reopened = _ours(store, project, hidden, ranking)
        for member in hidden:
            for method, ranked in {"introductions": ours, **baselines}.items():
                ranks[method].append(_rank(ranked, member))
                if member in reopened:
                    filled[method].append(_rank(ranked, member))
    return {
        "hidden": len(chosen),
        "projects": len(by_project),
        "filled_a_need": len(filled["introductions"]),
        "methods": {m: _metrics(r) for m, r in ranks.items()},
        "methods_filled": {m: _metrics(r) for m, r in filled.items()},
    }


def combinations_in(members: Iterable[str]):
    ordered = sorted(members)
    return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]


def _metrics(ranks: list[int | None]) -> dict[str, float]:
    count = len(ranks) or 1
    return {
        "recall@5": round(sum(1 for r in ranks if r and r <= 5) / count, 3),
        "recall@10": round(sum(1 for r in ranks if r and r <= 10) / count, 3),
        "mrr": round(sum(1 / r for r in ranks if r) / count, 3),
    }


def table(report: dict[str, Any]) -> str:
    lines = []
    for title, key in (
        (f"all {report['hidden']} hidden memberships ({report['projects']} projects)", "methods"),
        (
            f"the {report['filled_a_need']} who had joined by filling a need (reopened)",
            "methods_filled",
        ),
    ):
        lines += [title, f"  {'method':<24} {'recall@5':>9} {'recall@10':>10} {'MRR':>7}"]
        for method, m in report[key].items():
            lines.append(
                f"  {method:<24} {m['recall@5']:>9.3f} {m['recall@10']:>10.3f} {m['mrr']:>7.3f}"
            )
    return "\n".join(lines)
