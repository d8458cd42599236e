"""Members: profiles, skills, acquaintances. Plain values in, plain dicts out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from graphsvc.errors import Invalid, NotFound, require
from graphsvc.store import Store, Tx

# Past every name in the index: the cursor of a first page read backwards.
AFTER_EVERY_NAME = "\U0010ffff"


def list_members(
    store: Store,
    filters: dict[str, Any],
    *,
    sort: str,
    descending: bool,
    after: tuple[str, str] | None,
    skip: int,
    limit: int,
) -> list[dict[str, Any]]:
    """One page: by name it walks the name index from ``after`` (the previous page's last
    (name, id)) and stops once full; by join time, where an index cannot give the order, it
    sorts the matches."""
    page = {**filters, "skip": skip, "limit": limit}
    if sort == "joined_at":
        rows = store.read("list_members_by_joined_at", descending=descending, **page)
    else:
        rows = read_by_name(store, "list_members_by_name", descending, after, **page)
    return [row["member"] for row in rows]


def read_by_name(
    store: Store, query: str, descending: bool, after: tuple[str, str] | None, **page: Any
) -> list[dict[str, Any]]:
    """A page of a ``<query>`` / ``<query>_desc`` pair that walks a name index from the cursor
    ``after`` (the previous page's last (name, id)), or from either end of it."""
    name, item_id = after or (AFTER_EVERY_NAME if descending else "", "")
    name_order = f"{query}_desc" if descending else query
    return store.read(name_order, after_name=name, after_id=item_id, **page)


def count_members(store: Store, filters: dict[str, Any]) -> int:
    return store.read("count_members", **filters)[0]["total"]


def get_member(store: Store, member_id: str) -> dict[str, Any]:
    row = store.read_unit(lambda tx: tx.single("get_member", id=member_id))
    return require(row, "member", member_id)["member"]


def require_consenting(tx: Tx, member_id: str) -> dict[str, Any]:
    """The member, or 404 as for an unknown id when they withdrew consent: writes never name or
    link a withdrawn member."""
    row = tx.single("get_member", id=member_id)
    if row is None or not row["member"]["consent"]:
        raise NotFound(f"No member has id {member_id!r}.")
    return row["member"]


def _set_skills(tx: Tx, member_id: str, skills: list[dict[str, Any]]) -> None:
    for skill in skills:
        if (
            tx.single(
                "set_member_skill", member_id=member_id, skill_id=skill["id"], level=skill["level"]
            )
            is None
        ):
            raise NotFound(f"No skill has id {skill['id']!r}: see GET /skills.")


def create_member(
    store: Store, member: dict[str, Any], *, city_id: str, skills: list[dict[str, Any]]
) -> dict[str, Any]:
    properties = {**member, "joined_at": datetime.now(UTC)}

    def work(tx: Tx) -> dict[str, Any]:
        if tx.single("create_member", member=properties, city_id=city_id) is None:
            raise NotFound(f"No city has id {city_id!r}: see GET /cities.")
        _set_skills(tx, member["id"], skills)
        return tx.one("get_member", id=member["id"])["member"]

    return store.write_unit(work)


def update_member(
    store: Store,
    member_id: str,
    changes: dict[str, Any],
    precondition: Callable[[dict[str, Any]], None] = lambda member: None,
) -> dict[str, Any]:
    """``precondition`` sees the member as stored, locked, before the change (If-Match)."""
    city_id = changes.pop("city_id", None)

    def work(tx: Tx) -> dict[str, Any]:
        require(tx.single("lock_member", id=member_id), "member", member_id)
        precondition(tx.one("get_member", id=member_id)["member"])
        if city_id is not None:
            require(tx.single("get_city", id=city_id), "city", city_id)
        require(
            tx.single("update_member", id=member_id, changes=changes, city_id=city_id),
            "member",
            member_id,
        )
        return tx.one("get_member", id=member_id)["member"]

    return store.write_unit(work)


def delete_member(store: Store, member_id: str) -> None:
    """Erasure: the member and its relations go, the introductions it took part in stay for the
    statistics, anonymised (see delete_member.cypher)."""
    if store.write("delete_member", id=member_id)[0]["deleted"] == 0:
        raise NotFound(f"No member has id {member_id!r}.")


def export_member(store: Store, member_id: str) -> dict[str, Any]:
    row = store.read_unit(lambda tx: tx.single("export_member", id=member_id))
    return require(row, "member", member_id)["member"]


def set_skill(store: Store, member_id: str, skill_id: str, level: int) -> dict[str, Any]:
    def work(tx: Tx) -> dict[str, Any]:
        require(tx.single("get_member", id=member_id), "member", member_id)
        _set_skills(tx, member_id, [{"id": skill_id, "level": level}])
        return tx.one("get_member", id=member_id)["member"]

    return store.write_unit(work)


def remove_skill(store: Store, member_id: str, skill_id: str) -> None:
    if (
        store.write("remove_member_skill", member_id=member_id, skill_id=skill_id)[0]["removed"]
        == 0
    ):
        raise NotFound(f"Member {member_id!r} does not hold skill {skill_id!r}.")


def list_acquaintances(
    store: Store, member_id: str, **params: Any
) -> tuple[int, list[dict[str, Any]]]:
    def work(tx: Tx) -> dict[str, Any]:
        require(tx.single("get_member", id=member_id), "member", member_id)
        return tx.one("list_acquaintances", id=member_id, **params)

    row = store.read_unit(work)
    return row["total"], row["items"]


def add_acquaintance(store: Store, member_id: str, other_id: str) -> bool:
    """True if created, False if they already knew each other."""
    if member_id == other_id:
        raise Invalid("A member cannot be their own acquaintance.")
    row = store.write("add_acquaintance", id=member_id, other_id=other_id)
    if not row:
        raise NotFound(f"No member has id {member_id!r} or {other_id!r}.")
    return row[0]["created"]


def remove_acquaintance(store: Store, member_id: str, other_id: str) -> None:
    if store.write("remove_acquaintance", id=member_id, other_id=other_id)[0]["removed"] == 0:
        raise NotFound(f"Members {member_id!r} and {other_id!r} do not know each other.")


def list_memberships(
    store: Store, member_id: str, **params: Any
) -> tuple[int, list[dict[str, Any]]]:
    def work(tx: Tx) -> dict[str, Any]:
        require(tx.single("get_member", id=member_id), "member", member_id)
        return tx.one("list_member_memberships", id=member_id, **params)

    row = store.read_unit(work)
    return row["total"], row["items"]
