"""Introductions as records: proposed → accepted / declined / expired, history kept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from graphsvc.errors import Conflict, Invalid, require
from graphsvc.members.data import require_consenting
from graphsvc.store import Store, Tx

TTL_DAYS = 30  # a proposal nobody answered within this many days reads as expired


def _expired_before(now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)) - timedelta(days=TTL_DAYS)


def get_introduction(tx: Tx, introduction_id: str) -> dict[str, Any]:
    row = tx.single("get_introduction", id=introduction_id, expired_before=_expired_before())
    return require(row, "introduction", introduction_id)["introduction"]


def create_introduction(store: Store, introduction: dict[str, Any]) -> dict[str, Any]:
    requester, target = introduction["requester_id"], introduction["target_id"]
    if requester == target:
        raise Invalid("A member cannot be introduced to themselves.")
    if introduction.get("project_id") and introduction.get("need_id"):
        raise Invalid("Give project_id or need_id, not both.")

    def work(tx: Tx) -> dict[str, Any]:
        for member_id in (requester, target, introduction.get("through_id")):
            if member_id:
                require_consenting(tx, member_id)
        about_project = bool(introduction.get("project_id"))
        if about_project:
            require(
                tx.single("get_project", id=introduction["project_id"]),
                "project",
                introduction["project_id"],
            )
        if introduction.get("need_id"):
            need = require(
                tx.single("get_need", id=introduction["need_id"]), "need", introduction["need_id"]
            )["need"]
            if need["owner"]["kind"] == "project":
                introduction["project_id"] = need["owner"]["id"]
        existing = tx.single(
            "find_open_introduction", requester_id=requester, target_id=target,
            project_id=introduction.get("project_id"), need_id=introduction.get("need_id"),
            expired_before=_expired_before(),
        )  # fmt: skip
        if existing:
            raise Conflict(
                f"{target!r} was already introduced for this ({existing['status']}, "
                f"introduction {existing['id']!r})."
            )
        record = {**introduction, "status": "proposed", "created_at": datetime.now(UTC)}
        tx.run("create_introduction", introduction=record, about_project=about_project)
        return get_introduction(tx, record["id"])

    return store.write_unit(work)


def read_introduction(store: Store, introduction_id: str) -> dict[str, Any]:
    return store.read_unit(lambda tx: get_introduction(tx, introduction_id))


def decide(
    store: Store, introduction_id: str, status: str,
    authorize: Callable[[dict[str, Any]], None],
) -> dict[str, Any]:  # fmt: skip
    """``authorize`` sees the introduction as stored, in the transaction that decides."""

    def work(tx: Tx) -> dict[str, Any]:
        current = get_introduction(tx, introduction_id)
        authorize(current)
        if current["status"] != "proposed":
            raise Conflict(
                f"Introduction {introduction_id!r} is {current['status']}; it cannot change."
            )
        if tx.single("decide_introduction", id=introduction_id, status=status) is None:
            raise Conflict(f"Introduction {introduction_id!r} was decided meanwhile.")
        return get_introduction(tx, introduction_id)

    return store.write_unit(work)


def list_for_member(
    store: Store, member_id: str, skip: int, limit: int
) -> tuple[int, list[dict[str, Any]]]:
    def work(tx: Tx) -> tuple[int, list[dict[str, Any]]]:
        require(tx.single("get_member", id=member_id), "member", member_id)
        page = tx.one("list_member_introductions", member_id=member_id, skip=skip, limit=limit)
        return page["total"], [get_introduction(tx, i) for i in page["items"]]

    return store.read_unit(work)


def list_introductions(
    store: Store, filters: dict[str, Any], skip: int, limit: int
) -> tuple[int, list[dict[str, Any]]]:
    """For community managers following up the introductions they and the members proposed."""

    def work(tx: Tx) -> tuple[int, list[dict[str, Any]]]:
        page = tx.one(
            "list_introductions", **filters, expired_before=_expired_before(), skip=skip,
            limit=limit,
        )  # fmt: skip
        return page["total"], [get_introduction(tx, i) for i in page["items"]]

    return store.read_unit(work)
