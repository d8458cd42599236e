"""The skills vocabulary and its taxonomy (curated by managers)."""

from __future__ import annotations

from typing import Any

from graphsvc.errors import Conflict, Invalid, NotFound, require
from graphsvc.store import Store, Tx


def list_skills(store: Store, **params: Any) -> tuple[int, list[dict[str, Any]]]:
    return store.read_page("list_skills", **params)


def get_skill(store: Store, skill_id: str) -> dict[str, Any]:
    row = store.read_unit(lambda tx: tx.single("get_skill", id=skill_id))
    return require(row, "skill", skill_id)["skill"]


def _set_broader(tx: Tx, skill_id: str, broader_id: str | None) -> None:
    if broader_id is not None:
        require(tx.single("get_skill", id=broader_id), "skill", broader_id)
        if tx.one("would_make_cycle", id=skill_id, broader_id=broader_id)["cycle"]:
            raise Invalid(f"{broader_id!r} is {skill_id!r} or narrower than it: that makes a loop.")
    tx.run("set_broader_skill", id=skill_id, broader_id=broader_id)


def create_skill(store: Store, skill: dict[str, Any], broader_id: str | None) -> dict[str, Any]:
    def work(tx: Tx) -> dict[str, Any]:
        tx.run("create_skill", skill=skill)
        _set_broader(tx, skill["id"], broader_id)
        return tx.one("get_skill", id=skill["id"])["skill"]

    return store.write_unit(work)


def update_skill(store: Store, skill_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    move = "broader_id" in changes
    broader_id = changes.pop("broader_id", None)

    def work(tx: Tx) -> dict[str, Any]:
        require(tx.single("update_skill", id=skill_id, changes=changes), "skill", skill_id)
        if move:
            _set_broader(tx, skill_id, broader_id)
        return tx.one("get_skill", id=skill_id)["skill"]

    return store.write_unit(work)


def delete_skill(store: Store, skill_id: str) -> None:
    row = store.write("delete_skill", id=skill_id)[0]
    if row["in_use"]:
        raise Conflict(
            f"Skill {skill_id!r} is held or required {row['in_use']} times: merge or re-tag first."
        )
    if row["deleted"] == 0:
        raise NotFound(f"No skill has id {skill_id!r}.")
