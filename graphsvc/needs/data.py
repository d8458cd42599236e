"""Needs of projects and of members: publish, list, fill."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from graphsvc.errors import Conflict, NotFound, require
from graphsvc.members.data import require_consenting
from graphsvc.store import Store, Tx

NO_FILTERS = dict.fromkeys(
    ("project_id", "member_id", "city_id", "skill_id", "status", "remote", "text")
)


# Past every need: where the newest-first list starts.
BEFORE_EVERY_NEED = (datetime.max.replace(tzinfo=UTC), "")


def list_needs(
    store: Store,
    filters: dict[str, Any],
    *,
    sort: str,
    descending: bool,
    after: tuple[str, str] | None,
    skip: int,
    limit: int,
) -> list[dict[str, Any]]:
    """One page: newest first (the default) it walks the created_at index from ``after`` (the
    previous page's last (created_at, id)) and stops once full; other orders sort the matches,
    keeping only the page in memory."""
    page = {**NO_FILTERS, **filters, "skip": skip, "limit": limit}
    if sort == "created_at" and descending:
        at, need_id = (datetime.fromisoformat(after[0]), after[1]) if after else BEFORE_EVERY_NEED
        rows = store.read("list_needs_newest", before_at=at, before_id=need_id, **page)
    else:
        rows = store.read("list_needs", sort=sort, descending=descending, **page)
    return [row["need"] for row in rows]


def count_needs(store: Store, filters: dict[str, Any]) -> int:
    return store.read("count_needs", **{**NO_FILTERS, **filters})[0]["total"]


def get_need(store: Store, need_id: str) -> dict[str, Any]:
    row = store.read_unit(lambda tx: tx.single("get_need", id=need_id))
    return require(row, "need", need_id)["need"]


Authorize = Callable[[dict[str, Any]], None]


def _owner(tx: Tx, project_id: str | None, member_id: str | None) -> dict[str, Any]:
    """The owner as ``authorize`` judges it, read in the writing transaction: a project locked
    with its team (so the team cannot change before the write), or a member."""
    if project_id is not None:
        require(tx.single("lock_project", id=project_id), "project", project_id)
        return tx.one("get_project", id=project_id)["project"]
    return {"id": member_id}


def _checked(tx: Tx, need_id: str, authorize: Authorize) -> dict[str, Any]:
    """The need, once ``authorize`` accepted its owner (in the transaction that writes)."""
    need = require(tx.single("get_need", id=need_id), "need", need_id)["need"]
    owner = need["owner"]
    project_id = owner["id"] if owner["kind"] == "project" else None
    authorize(_owner(tx, project_id, None if project_id else owner["id"]))
    return need


def create_need(
    store: Store, need: dict[str, Any], *, skill_ids: list[str], authorize: Authorize,
    project_id: str | None = None, member_id: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    properties = {**need, "status": "open", "created_at": datetime.now(UTC)}

    def work(tx: Tx) -> dict[str, Any]:
        authorize(_owner(tx, project_id, member_id))
        for skill_id in skill_ids:
            require(tx.single("get_skill", id=skill_id), "skill", skill_id, "See GET /skills.")
        row = tx.single(
            "create_need", need=properties, project_id=project_id, member_id=member_id,
            skill_ids=sorted(set(skill_ids)),
        )  # fmt: skip
        require(row, "project" if project_id else "member", project_id or member_id or "")
        return tx.one("get_need", id=need["id"])["need"]

    return store.write_unit(work)


def update_need(
    store: Store, need_id: str, changes: dict[str, Any], authorize: Authorize
) -> dict[str, Any]:
    def work(tx: Tx) -> dict[str, Any]:
        _checked(tx, need_id, authorize)
        require(tx.single("update_need", id=need_id, changes=changes), "need", need_id)
        return tx.one("get_need", id=need_id)["need"]

    return store.write_unit(work)


def fill_need(store: Store, need_id: str, member_id: str, authorize: Authorize) -> dict[str, Any]:
    """Exactly one of racing fills succeeds: the statement re-checks the status under a lock."""

    def work(tx: Tx) -> dict[str, Any]:
        _checked(tx, need_id, authorize)
        if tx.single("fill_need", id=need_id, member_id=member_id) is None:
            require_consenting(tx, member_id)
            raise Conflict(f"Need {need_id!r} is already filled; it cannot be filled again.")
        return tx.one("get_need", id=need_id)["need"]

    return store.write_unit(work)


def delete_need(store: Store, need_id: str, authorize: Authorize) -> None:
    def work(tx: Tx) -> None:
        _checked(tx, need_id, authorize)
        if tx.one("delete_need", id=need_id)["deleted"] == 0:
            raise NotFound(f"No need has id {need_id!r}.")

    store.write_unit(work)
