"""``graphsvc tune``: fit the introductions ranking on the graph's own history.

Joins of the ``fit`` projects are hidden one project at a time (joins.py, rolled back); the
candidates and their features come from the very query the endpoint runs
(``introductions.candidates``), labelled by whether they are the member who really joined.

The learner is a conditional logit (a softmax over each project's candidates of the joiner's
band, as in discrete choice): it maximises the probability that the joiner is the one picked
among them, so it learns what puts the joiner on top, which is what MRR and recall@10 reward.
Random-pair logistic regression, tried before, optimises the whole order and gave MRR below
personalized PageRank on the Debian joins. Weights of ``NON_NEGATIVE`` features are bounded
at 0 (L-BFGS-B), so every component reads "this helped". There is no randomness after the
seeded sample: the same graph and seed give the same weights, byte for byte.

The fit is scored on the ``validate`` projects next to the model in use; ``tune`` returns the
model in use; the caller stores it only if it validates at least as well.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp

from graphsvc.recommendations.introductions import Request, candidates
from graphsvc.recommendations.model import FEATURES, NON_NEGATIVE, RankingModel
from graphsvc.recommendations.ranking import Ranking
from graphsvc.store import Store
from graphsvc.tools.joins import hidden, sample_joins

REGULARISATION = 0.01  # L2 on standardised weights, per example


@dataclass
class Example:
    """One project with its joins hidden: its candidates' features and who really joined."""

    project_id: str
    joined: set[str]
    candidates: list[str]
    features: np.ndarray  # one row per candidate, one column per FEATURES
    bands: np.ndarray  # the need-first band of each candidate (introductions.cypher)


def examples(
    store: Store, joins: dict[str, list[str]], ranking: Ranking, model: RankingModel
) -> list[Example]:
    now = datetime.now(UTC)
    request = Request(limit=2 * ranking.pool)
    found = []
    for project_id, members in joins.items():
        with hidden(store, project_id, members) as (tx, _):
            row = candidates(tx, project_id, request, ranking, model, now=now, widen=True)
        rows = row["introductions"]
        found.append(Example(
            project_id, set(members), [c["member"]["id"] for c in rows],
            np.array([[c["features"][f] for f in FEATURES] for c in rows], dtype=float).reshape(-1, len(FEATURES)),
            np.array([c["band"] for c in rows], dtype=int),
        ))  # fmt: skip
    return found


def fit(train: list[Example], *, regularisation: float = REGULARISATION) -> dict[str, float]:
    """Conditional logit on standardised features, sign-bounded; weights on the raw scale."""
    choices = [
        (e.features, index)
        for e in train
        for index, member in enumerate(e.candidates)
        if member in e.joined
    ]
    if not choices:
        raise ValueError("no hidden join was among the candidates: nothing to learn from")
    x = np.vstack([e.features for e in train if len(e.candidates)])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    # Each choice is among the joiner and the candidates of the same band who did not join:
    # the endpoint lists band by band, so the model only ever orders people within one.
    sets = []
    for e in train:
        joined = np.array([c in e.joined for c in e.candidates], dtype=bool)
        z = (e.features - mean) / scale
        sets += [
            np.vstack([z[i], z[~joined & (e.bands == e.bands[i])]]) for i in np.flatnonzero(joined)
        ]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, gradient = 0.0, np.zeros_like(w)
        for z in sets:
            scores = z @ w
            top = logsumexp(scores)
            total += top - scores[0]
            gradient += z.T @ np.exp(scores - top) - z[0]
        n = len(sets)
        return total / n + regularisation * (w @ w) / 2, gradient / n + regularisation * w

    bounds = [(0.0, None) if f in NON_NEGATIVE else (None, None) for f in FEATURES]
    result = minimize(loss, np.zeros(len(FEATURES)), jac=True, method="L-BFGS-B", bounds=bounds)
    return _raw(result.x / scale)


def _raw(weights: np.ndarray) -> dict[str, float]:
    return {f: round(float(w), 6) for f, w in zip(FEATURES, weights, strict=True) if abs(w) > 1e-6}


def metrics(held_out: list[Example], weights: dict[str, float], cutoff: int = 50) -> dict[str, Any]:
    """recall@5, recall@10 and MRR of the joiners when the candidates are listed as the endpoint
    lists them: band by band, by ``weights`` within a band."""
    vector = np.array([weights.get(f, 0.0) for f in FEATURES])
    ranks: list[int | None] = []
    for example in held_out:
        order: Any = (
            np.lexsort((-(example.features @ vector), example.bands)) if example.candidates else []
        )
        ranked = [example.candidates[i] for i in order][:cutoff]
        ranks += [ranked.index(m) + 1 if m in ranked else None for m in sorted(example.joined)]
    return summary(ranks)


def summary(ranks: list[int | None]) -> dict[str, Any]:
    count = len(ranks) or 1
    return {
        "joins": len(ranks),
        "recall@5": round(sum(1 for r in ranks if r and r <= 5) / count, 3),
        "recall@10": round(sum(1 for r in ranks if r and r <= 10) / count, 3),
        "mrr": round(sum(1 / r for r in ranks if r) / count, 3),
    }


def better(new: dict[str, Any], old: dict[str, Any]) -> bool:
    """A model replaces the one in use only if it validates at least as well (MRR, then recall)."""
    return (new["mrr"], new["recall@10"]) >= (old["mrr"], old["recall@10"])


def tune(
    store: Store, *, sample: int, seed: int, ranking: Ranking, base: RankingModel
) -> tuple[RankingModel, bool]:
    """A model fitted on ``fit`` joins and scored on ``validate`` joins next to ``base``, and
    whether it does at least as well there (only then may it replace ``base``)."""
    train = examples(store, sample_joins(store, "fit", sample, seed), ranking, base)
    held_out = examples(store, sample_joins(store, "validate", sample // 2, seed), ranking, base)
    weights = fit(train)
    scored, before = metrics(held_out, weights), metrics(held_out, base.weights)
    graph = store.read("count_graph")[0]
    digest = hashlib.sha256(
        json.dumps([weights, graph, sample, seed], sort_keys=True).encode()
    ).hexdigest()[:12]
    now = datetime.now(UTC)
    model = RankingModel(
        version=f"tuned-{digest}",
        weights=weights,
        created_at=now.isoformat(timespec="seconds"),
        source="tuned",
        metrics={
            "validation": {"tuned": scored, base.version: before},
            "fit": metrics(train, weights),
        },
        graph=graph,
        training={"method": "conditional logit, sign-bounded", "fit_projects": len(train),
                  "validate_projects": len(held_out), "sample": sample, "seed": seed,
                  "replaces": base.version},
    )  # fmt: skip
    return model, better(scored, before)
