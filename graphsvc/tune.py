"""``graphsvc tune``: fit the introductions ranking on the graph's own history.

Joins of the ``fit`` projects are hidden one project at a time (joins.py, rolled back); the
candidates and their features come from the very query the endpoint runs
(``introductions.candidates``), labelled by whether they are the member who really joined. A
logistic regression (pairwise within each project, or pointwise: the better on validation)
gives the weights, turned back to the features' own scale so the query can sum them. The model is then scored on the ``validate`` projects,
next to the model it replaces, and stored in the graph with its metrics.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from graphsvc.joins import hidden, sample_joins
from graphsvc.recommendations.introductions import Request, candidates
from graphsvc.recommendations.model import FEATURES, RankingModel
from graphsvc.recommendations.ranking import Ranking
from graphsvc.store import Store


@dataclass
class Example:
    """One project with its joins hidden: its candidates' features and who really joined."""

    project_id: str
    joined: set[str]
    candidates: list[str]
    features: np.ndarray  # one row per candidate, one column per FEATURES


def examples(
    store: Store, joins: dict[str, list[str]], ranking: Ranking, model: RankingModel
) -> list[Example]:
    now = datetime.now(UTC)
    request = Request(limit=ranking.pool)
    found = []
    for project_id, members in joins.items():
        with hidden(store, project_id, members) as (tx, _):
            row = candidates(tx, project_id, request, ranking, model, now=now, widen=True)
        rows = row["introductions"]
        found.append(Example(
            project_id, set(members), [c["member"]["id"] for c in rows],
            np.array([[c["features"][f] for f in FEATURES] for c in rows], dtype=float).reshape(-1, len(FEATURES)),
        ))  # fmt: skip
    return found


def _labelled(train: list[Example]) -> tuple[np.ndarray, np.ndarray]:
    x = np.vstack([e.features for e in train])
    y = np.concatenate([[c in e.joined for c in e.candidates] for e in train])
    if y.sum() == 0 or y.all():
        raise ValueError("no hidden join was among the candidates: nothing to learn from")
    return x, y


def fit_pointwise(train: list[Example], *, regularisation: float = 1.0) -> dict[str, float]:
    """Logistic regression (joined or not) on standardised features."""
    x, y = _labelled(train)
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    classifier = LogisticRegression(C=regularisation, class_weight="balanced", max_iter=2000)
    classifier.fit((x - scaler.mean_) / scale, y)
    return _raw(classifier.coef_[0] / scale)


def fit_pairwise(
    train: list[Example], *, regularisation: float = 1.0, negatives: int = 50, seed: int = 0
) -> dict[str, float]:
    """Pairwise logistic regression (RankNet-style): within a project, who joined should score
    above who did not; fitted on differences of standardised features, so only the order
    within a project is learnt, never a project's overall level."""
    x, _ = _labelled(train)
    scale = np.where(x.std(axis=0) > 0, x.std(axis=0), 1.0)
    rng = np.random.default_rng(seed)
    differences = []
    for example in train:
        joined = np.array([c in example.joined for c in example.candidates])
        if not joined.any() or joined.all():
            continue
        others = np.flatnonzero(~joined)
        for positive in np.flatnonzero(joined):
            for negative in rng.choice(others, min(negatives, len(others)), replace=False):
                differences.append(
                    (example.features[positive] - example.features[negative]) / scale
                )
    d = np.array(differences)
    x_pairs, y_pairs = np.vstack([d, -d]), np.concatenate([np.ones(len(d)), np.zeros(len(d))])
    classifier = LogisticRegression(C=regularisation, fit_intercept=False, max_iter=2000)
    classifier.fit(x_pairs, y_pairs)
    return _raw(classifier.coef_[0] / scale)


def _raw(weights: np.ndarray) -> dict[str, float]:
    return {f: round(float(w), 6) for f, w in zip(FEATURES, weights, strict=True) if abs(w) > 1e-9}


FITS = {"pairwise": fit_pairwise, "pointwise": fit_pointwise}


def metrics(held_out: list[Example], weights: dict[str, float], cutoff: int = 50) -> dict[str, Any]:
    """recall@5, recall@10 and MRR of the joiners when the candidates are ranked by ``weights``."""
    vector = np.array([weights.get(f, 0.0) for f in FEATURES])
    ranks: list[int | None] = []
    for example in held_out:
        order = (
            np.argsort(-(example.features @ vector), kind="stable") if example.candidates else []
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


def tune(
    store: Store, *, sample: int, seed: int, ranking: Ranking, base: RankingModel
) -> RankingModel:
    """A model fitted on ``fit`` joins and scored on ``validate`` joins, next to ``base``.

    Both fits are tried (pairwise and pointwise logistic regression); the one with the better
    validation MRR is kept, and every figure is stored with the model.
    """
    train = examples(store, sample_joins(store, "fit", sample, seed), ranking, base)
    held_out = examples(store, sample_joins(store, "validate", sample // 2, seed), ranking, base)
    fitted = {name: fit(train) for name, fit in FITS.items()}
    scored = {name: metrics(held_out, weights) for name, weights in fitted.items()}
    best = max(scored, key=lambda name: (scored[name]["mrr"], scored[name]["recall@10"]))
    now = datetime.now(UTC)
    return RankingModel(
        version=f"tuned-{now:%Y%m%dT%H%M%S}",
        weights=fitted[best],
        created_at=now.isoformat(timespec="seconds"),
        source="tuned",
        metrics={
            "validation": {**{f"tuned_{n}": m for n, m in scored.items()},
                           base.version: metrics(held_out, base.weights)},
            "fit": metrics(train, fitted[best]),
        },
        graph=store.read("count_graph")[0],
        training={"method": best, "fit_projects": len(train), "validate_projects": len(held_out),
                  "sample": sample, "seed": seed, "replaces": base.version},
    )  # fmt: skip
