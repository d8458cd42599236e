"""The recommendations as units of work: each reads in one transaction and returns plain data.

``visible`` is the caller's check that it may see a member (it raises NotFound otherwise): a
member's need or recommendations are answered only to whom may see that member.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphsvc.recommendations.for_members import matches_for_member, projects_for_member
from graphsvc.recommendations.introductions import (
    Request,
    introductions_for_need,
    introductions_for_project,
)
from graphsvc.recommendations.model import RankingModel
from graphsvc.recommendations.ranking import Ranking
from graphsvc.store import Store

Visible = Callable[[dict[str, Any]], object]


def for_project(
    store: Store, project_id: str, request: Request, ranking: Ranking, model: RankingModel
) -> dict[str, Any]:
    return store.read_unit(
        lambda tx: introductions_for_project(tx, project_id, request, ranking, model)
    )


def for_need(
    store: Store, need_id: str, request: Request, ranking: Ranking, model: RankingModel,
    visible: Visible,
) -> dict[str, Any]:  # fmt: skip
    return store.read_unit(
        lambda tx: introductions_for_need(tx, need_id, request, ranking, model, visible)
    )


def projects_for(
    store: Store, member_id: str, request: Request, ranking: Ranking, model: RankingModel,
    visible: Visible,
) -> dict[str, Any]:  # fmt: skip
    return store.read_unit(
        lambda tx: projects_for_member(tx, member_id, request, ranking, model, visible)
    )


def matches_for(
    store: Store, member_id: str, request: Request, ranking: Ranking, model: RankingModel,
    visible: Visible,
) -> dict[str, Any]:  # fmt: skip
    return store.read_unit(
        lambda tx: matches_for_member(tx, member_id, request, ranking, model, visible)
    )
