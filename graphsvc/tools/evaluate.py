"""``graphsvc evaluate``: offline quality of introductions, next to classical link predictors.

A seeded sample of the joins of the ``evaluate`` projects (joins.py: never those ``graphsvc
tune`` fits or validates on) is hidden, one project at a time, in a transaction that is rolled
back. For each hidden (member, project) we note the member's rank in the introductions of each
model (the endpoint's own code), and in three baselines on the same social graph (KNOWS plus
shared projects, with the same joins and the acquaintances they explain removed): common
neighbours with the team, Adamic–Adar, personalized PageRank from the team. recall@k: the share
of hidden members ranked in the top k; MRR: the mean of 1/rank (0 beyond rank 50).

The same hidden joins are also scored from the member's side: the project's rank in the
member's *projects for a member* (each model), next to the same three predictors between the
member and each project's team (team members among the member's neighbours; their Adamic–Adar
sum; the personalized PageRank from the member summed over the team).

Slices: members who had joined by filling a need; projects with nothing lacking (the team
covers every open need once the join is hidden); single-member teams; members with few links
(at most 2). Coverage: the share of projects with at least one introduction among those whose
consenting team has a consenting neighbour outside the team.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

import networkx as nx

from graphsvc.recommendations.for_members import projects_for_member
from graphsvc.recommendations.introductions import Request, introductions_for_project
from graphsvc.recommendations.model import RankingModel
from graphsvc.recommendations.ranking import Ranking
from graphsvc.store import Store
from graphsvc.tools.analytics import memberships, social_graph
from graphsvc.tools.joins import hidden, sample_joins
from graphsvc.tools.tune import summary

CUTOFF = 50
BASELINES = ("common_neighbours", "adamic_adar", "personalized_pagerank")
SLICES = ("all", "need_fillers", "nothing_lacking", "single_member_team", "few_links")


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


def _projects_by_baseline(
    graph: nx.Graph, member: str, teams: dict[str, set[str]]
) -> dict[str, list[str]]:
    """Projects for one member by the classical predictors between the member and each team
    (the member's own projects left out)."""
    if member not in graph:
        return {name: [] for name in BASELINES}
    ppr = nx.pagerank(graph, personalization={member: 1.0}, tol=1e-6)
    near = set(graph.neighbors(member))
    scores: dict[str, dict[str, float]] = {name: {} for name in BASELINES}
    for project, team in teams.items():
        if member in team:
            continue
        known = near & team
        scores["common_neighbours"][project] = len(known)
        scores["adamic_adar"][project] = sum(1 / math.log(max(graph.degree(t), 2)) for t in known)
        scores["personalized_pagerank"][project] = sum(ppr.get(t, 0.0) for t in team)
    return {name: _top(by_project) for name, by_project in scores.items()}


def _without_joins(graph: nx.Graph, project: str, team: set[str], unknown: list[list[str]]):
    """Take off the links the project and its hidden joins explain: sharing this project (the
    walk never uses it either) and the acquaintances made by joining. Returns what to restore.
    """
    saved = []
    made = {frozenset(pair) for pair in unknown}
    pairs = [(a, b) for a in sorted(team) for b in sorted(team) if a < b]
    for a, b in pairs + [tuple(pair) for pair in unknown]:
        if not graph.has_edge(a, b):
            continue
        kinds = graph.edges[a, b]["kinds"]
        left = kinds - {project} - ({"knows"} if frozenset((a, b)) in made else set())
        if left != kinds:
            saved.append((a, b, set(kinds)))
            if left:
                graph.edges[a, b]["kinds"] = left
            else:
                graph.remove_edge(a, b)
    return saved


def _restore(graph: nx.Graph, saved: list[tuple[str, str, set[str]]]) -> None:
    for a, b, kinds in saved:
        graph.add_edge(a, b, kinds=kinds)


def evaluate(
    store: Store, *, sample: int, seed: int, models: dict[str, RankingModel],
    ranking: Ranking | None = None, coverage_sample: int = 300,
) -> dict[str, Any]:  # fmt: skip
    ranking = ranking or Ranking.from_settings()
    joins = sample_joins(store, "evaluate", sample, seed)
    graph, teams = social_graph(store), memberships(store)
    degree = dict(graph.degree())
    methods = [*models, *BASELINES]
    ranks: dict[str, dict[str, list[int | None]]] = {s: {m: [] for m in methods} for s in SLICES}
    member_ranks: dict[str, list[int | None]] = {m: [] for m in methods}
    everyone = lambda member: None  # noqa: E731  (offline: every member may be seen)
    now = datetime.now(UTC)
    for project, members in joins.items():
        with hidden(store, project, members) as (tx, info):
            results = {
                name: introductions_for_project(tx, project, Request(limit=CUTOFF), ranking, model, now)
                for name, model in models.items()
            }  # fmt: skip
            for_members = {
                member: {
                    name: [p["project"]["id"] for p in projects_for_member(
                        tx, member, Request(limit=CUTOFF), ranking, model, everyone)["projects"]]
                    for name, model in models.items()
                }
                for member in members
            }  # fmt: skip
        team = teams[project] - set(members)
        saved = _without_joins(graph, project, teams[project], info["unknown"])
        ranked = {
            name: [i["member"]["id"] for i in r["introductions"]] for name, r in results.items()
        }
        ranked |= _baselines(graph, team)
        current = {**teams, project: team}
        for member in members:
            by_method = for_members[member] | _projects_by_baseline(graph, member, current)
            for method in methods:
                member_ranks[method].append(_rank(by_method[method], project))
        _restore(graph, saved)
        lacking = bool(next(iter(results.values()))["lacking"])
        for member in members:
            slices = ["all"]
            slices += ["need_fillers"] if member in info["reopened"] else []
            slices += [] if lacking else ["nothing_lacking"]
            slices += ["single_member_team"] if len(team) == 1 else []
            slices += ["few_links"] if degree.get(member, 0) <= 2 else []
            for name in slices:
                for method in methods:
                    ranks[name][method].append(_rank(ranked[method], member))
    return {
        "hidden": sum(len(m) for m in joins.values()),
        "projects": len(joins),
        "slices": {s: {m: summary(r) for m, r in by.items()} for s, by in ranks.items()},
        "projects_for_member": {m: summary(r) for m, r in member_ranks.items()},
        "coverage": coverage(
            store, graph, teams, ranking, next(reversed(models.values())), coverage_sample, seed
        ),
    }


def coverage(
    store: Store, graph: nx.Graph, teams: dict[str, set[str]], ranking: Ranking,
    model: RankingModel, sample: int, seed: int,
) -> dict[str, Any]:  # fmt: skip
    """Among projects whose consenting team has a consenting neighbour, those with a result."""
    consent = dict(graph.nodes(data="consent"))
    reachable = sorted(
        p for p, team in teams.items()
        if any(consent.get(t) and any(consent.get(n) and n not in team for n in graph.neighbors(t))
               for t in team if t in graph)
    )  # fmt: skip
    chosen = random.Random(seed).sample(reachable, min(sample, len(reachable)))

    def answered(project_id: str) -> bool:
        unit = partial(introductions_for_project, project_id=project_id, request=Request(),
                       ranking=ranking, model=model)  # fmt: skip
        return bool(store.read_unit(unit)["introductions"])

    served = sum(answered(p) for p in chosen)
    return {
        "projects": len(chosen),
        "with_results": served,
        "share": round(served / (len(chosen) or 1), 3),
    }


def table(report: dict[str, Any]) -> str:
    lines = [f"{report['hidden']} hidden joins in {report['projects']} projects (evaluate split)"]
    sections = [(f"introductions, {name}", by) for name, by in report["slices"].items()]
    sections.append(("projects for the member, all", report["projects_for_member"]))
    for name, by_method in sections:
        joins = next(iter(by_method.values()))["joins"]
        lines += [
            f"{name} ({joins} joins)",
            f"  {'method':<24} {'recall@5':>9} {'recall@10':>10} {'MRR':>7}",
        ]
        for method, m in by_method.items():
            lines.append(
                f"  {method:<24} {m['recall@5']:>9.3f} {m['recall@10']:>10.3f} {m['mrr']:>7.3f}"
            )
    c = report["coverage"]
    lines.append(
        f"coverage: {c['with_results']} of {c['projects']} reachable projects have results ({c['share']:.1%})"
    )
    return "\n".join(lines)


# --- real joins from a file (graphsvc evaluate --joins) --------------------------------------

JOIN_SLICES = (
    ("all", lambda j: True),
    ("within 2 hops", lambda j: j.get("within_2_hops", False)),
    ("not within 2 hops", lambda j: not j.get("within_2_hops", False)),
    ("project has a gap", lambda j: j.get("project_has_gap", False)),
    ("joiner fills the gap", lambda j: j.get("fills_gap", False)),
)
TOP = 10


def _bipartite(store: Store) -> nx.Graph:
    """Members and projects, linked by MEMBER_OF and KNOWS: the graph the Debian baselines'
    personalized PageRank walks."""
    graph = nx.Graph()
    for row in store.read("social_edges"):
        target = ("p", row["target"]) if row["kind"] == "MEMBER_OF" else row["target"]
        graph.add_edge(row["source"], target)
    return graph


def _reciprocal(ranked: list[str], member: str, also: set[str]) -> tuple[int | None, bool]:
    """The joiner's rank within the top 10 once the other joiners are taken out, and whether
    anything was returned."""
    kept = [m for m in ranked if m not in also][:TOP]
    return (kept.index(member) + 1 if member in kept else None), bool(kept)


def evaluate_joins(
    store: Store, joins: list[dict[str, Any]], *, models: dict[str, RankingModel],
    ranking: Ranking | None = None, bootstrap: int = 2000, seed: int = 0,
) -> dict[str, Any]:  # fmt: skip
    """Real joins that happened after the graph was taken (the ``debian-joins`` format): each
    model's introductions next to common neighbours, Adamic–Adar and personalized PageRank
    (on the member–project graph), per slice; and the paired bootstrap interval of each
    model's MRR@10 gain over PageRank."""
    ranking = ranking or Ranking.from_settings()
    social, bipartite, teams = social_graph(store), _bipartite(store), memberships(store)
    methods = [*models, *BASELINES]
    rows: list[dict[str, Any]] = []
    errors = 0
    for join in joins:
        project, member, also = join["project_id"], join["member_id"], set(join["also_joined"])
        request = Request(limit=min(50, TOP + len(also)))
        ranked: dict[str, list[str]] = {}
        for name, model in models.items():
            try:
                unit = partial(introductions_for_project, project_id=project, request=request,
                               ranking=ranking, model=model)  # fmt: skip
                result = store.read_unit(unit)
                ranked[name] = [i["member"]["id"] for i in result["introductions"]]
            except Exception:  # a failed request is a miss, and counted
                errors += 1
                ranked[name] = []
        team = teams.get(project, set())
        ranked |= _baselines(social, team)
        seeds = {t: 1.0 for t in team if t in bipartite}
        ppr = nx.pagerank(bipartite, personalization=seeds, tol=1e-6) if seeds else {}
        eligible = set(social) - team
        ranked["personalized_pagerank"] = _top({m: s for m, s in ppr.items() if m in eligible})
        rows.append({**join, **{m: _reciprocal(ranked[m], member, also) for m in methods}})
    slices = {}
    for name, keep in JOIN_SLICES:
        part = [r for r in rows if keep(r)]
        if part:
            slices[name] = {m: _join_summary([r[m] for r in part]) for m in methods}
    return {
        "joins": len(rows),
        "errors": errors,
        "slices": slices,
        "gain_over_ppr": {
            name: _bootstrap(rows, name, "personalized_pagerank", bootstrap, seed)
            for name in models
        },
    }


def _join_summary(found: list[tuple[int | None, bool]]) -> dict[str, float]:
    n = len(found) or 1
    return {
        "n": len(found),
        "recall@5": round(sum(1 for r, _ in found if r and r <= 5) / n, 3),
        "recall@10": round(sum(1 for r, _ in found if r) / n, 3),
        "mrr@10": round(sum(1 / r for r, _ in found if r) / n, 3),
        "coverage": round(sum(1 for _, any_ in found if any_) / n, 3),
    }


def _bootstrap(
    rows: list[dict[str, Any]], method: str, baseline: str, rounds: int, seed: int
) -> dict[str, float]:
    """The MRR@10 gain of ``method`` over ``baseline`` and two paired bootstrap 95 % intervals:
    joins resampled with replacement (``low``, ``high``), and joiners resampled with all their
    joins (``joiner_low``, ``joiner_high``).

    The second is the one to trust when a few people make many of the joins: on the Debian
    joins 223 people make 1,185, one of them 175. Resampling joins treats a person's 175 as
    175 independent draws, so an interval that excludes 0 may only say that the method suits
    that person."""
    import numpy as np

    def rr(found: tuple[int | None, bool]) -> float:
        return 1 / found[0] if found[0] else 0.0

    gain = np.array([rr(r[method]) - rr(r[baseline]) for r in rows])
    if not len(gain):
        return {"gain": 0.0, "low": 0.0, "high": 0.0, "joiner_low": 0.0, "joiner_high": 0.0}
    rng = np.random.default_rng(seed)
    by_join = gain[rng.integers(0, len(gain), (rounds, len(gain)))].mean(axis=1)
    _, joiner = np.unique([r["member_id"] for r in rows], return_inverse=True)
    sums, counts = np.bincount(joiner, weights=gain), np.bincount(joiner)
    draws = rng.integers(0, len(sums), (rounds, len(sums)))
    by_joiner = sums[draws].sum(axis=1) / counts[draws].sum(axis=1)
    low, high = np.percentile(by_join, [2.5, 97.5])
    joiner_low, joiner_high = np.percentile(by_joiner, [2.5, 97.5])
    return {"gain": round(float(gain.mean()), 4), "low": round(float(low), 4),
            "high": round(float(high), 4), "joiner_low": round(float(joiner_low), 4),
            "joiner_high": round(float(joiner_high), 4)}  # fmt: skip


def joins_table(report: dict[str, Any]) -> str:
    lines = [f"{report['joins']} real joins, {report['errors']} failed requests", ""]
    for name, by_method in report["slices"].items():
        n = next(iter(by_method.values()))["n"]
        lines += [f"### {name} (n={n})", "",
                  "| method | recall@5 | recall@10 | MRR@10 | coverage |", "|---|---|---|---|---|"]  # fmt: skip
        for method, m in by_method.items():
            lines.append(f"| {method} | {m['recall@5']:.3f} | {m['recall@10']:.3f} | "
                         f"{m['mrr@10']:.3f} | {m['coverage']:.3f} |")  # fmt: skip
        lines.append("")
    for name, g in report["gain_over_ppr"].items():
        lines.append(f"{name}: MRR@10 gain over personalized PageRank {g['gain']:+.4f} "
                     f"(paired bootstrap 95 % interval {g['low']:+.4f} to {g['high']:+.4f} "
                     f"resampling joins, {g['joiner_low']:+.4f} to {g['joiner_high']:+.4f} "
                     "resampling joiners)")  # fmt: skip
    return "\n".join(lines)
