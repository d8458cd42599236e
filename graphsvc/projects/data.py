"""Projects, their teams and memberships."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from graphsvc.errors import Conflict, NotFound, require
from graphsvc.members.data import read_by_name, require_consenting
from graphsvc.store import Store, Tx


def list_projects(
    store: Store,
    filters: dict[str, Any],
    *,
    sort: str,
    descending: bool,
    after: tuple[str, str] | None,
    skip: int,
    limit: int,
) -> list[dict[str, Any]]:
    """One page: by name (the default) it walks the name index from ``after`` (the previous
    page's last (name, id)) and stops once full; by creation time it sorts the matches, keeping
    only the page in memory."""
    page = {**filters, "skip": skip, "limit": limit}
    if sort == "name":
        rows = read_by_name(store, "list_projects_by_name", descending, after, **page)
    else:
        rows = store.read("list_projects", sort=sort, descending=descending, **page)
    return [row["project"] for row in rows]


def count_projects(store: Store, filters: dict[str, Any]) -> int:
    return store.read("count_projects", **filters)[0]["total"]


def get_project(store: Store, project_id: str) -> dict[str, Any]:
    row = store.read_unit(lambda tx: tx.single("get_project", id=project_id))
    return require(row, "project", project_id)["project"]


def create_project(
    store: Store, project: dict[str, Any], *, city_id: str, holder_id: str
) -> dict[str, Any]:
    properties = {**project, "created_at": datetime.now(UTC)}

    def work(tx: Tx) -> dict[str, Any]:
        require(tx.single("get_city", id=city_id), "city", city_id, "See GET /cities.")
        require(tx.single("get_member", id=holder_id), "member", holder_id)
        tx.run("create_project", project=properties, city_id=city_id, holder_id=holder_id)
        return tx.one("get_project", id=project["id"])["project"]

    return store.write_unit(work)


Authorize = Callable[[dict[str, Any]], None]


def _authorized(tx: Tx, project_id: str, authorize: Authorize) -> dict[str, Any]:
    """Lock the project, then let ``authorize`` check it (who holds it) in the transaction that
    writes: the team cannot change between the check and the write. Returns it as stored."""
    require(tx.single("lock_project", id=project_id), "project", project_id)
    project = tx.one("get_project", id=project_id)["project"]
    authorize(project)
    return project


def update_project(
    store: Store,
    project_id: str,
    changes: dict[str, Any],
    authorize: Authorize,
    precondition: Authorize = lambda project: None,
) -> dict[str, Any]:
    """``precondition`` sees the project as stored, locked, before the change (If-Match)."""
    city_id = changes.pop("city_id", None)

    def work(tx: Tx) -> dict[str, Any]:
        precondition(_authorized(tx, project_id, authorize))
        if city_id is not None:
            require(tx.single("get_city", id=city_id), "city", city_id)
        row = tx.single("update_project", id=project_id, changes=changes, city_id=city_id)
        require(row, "project", project_id)
        return tx.one("get_project", id=project_id)["project"]

    return store.write_unit(work)


def delete_project(store: Store, project_id: str, authorize: Authorize) -> None:
    def work(tx: Tx) -> None:
        _authorized(tx, project_id, authorize)
        tx.run("delete_project", id=project_id)

    store.write_unit(work)


def add_member(
    store: Store, project_id: str, member_id: str, role: str, authorize: Authorize
) -> str:
    """``authorize`` sees the locked project with its team, in the transaction that adds.
    Exactly one of racing joins creates the membership."""

    def work(tx: Tx) -> str:
        _authorized(tx, project_id, authorize)
        row = tx.single("add_membership", member_id=member_id, project_id=project_id, role=role)
        if row is None:
            require_consenting(tx, member_id)
            raise NotFound(f"No project has id {project_id!r}.")
        if not row["created"]:
            raise Conflict(f"{member_id!r} is already a {row['role']} of {project_id!r}.")
        return row["role"]

    return store.write_unit(work)


def remove_member(store: Store, project_id: str, member_id: str, authorize: Authorize) -> None:
    def work(tx: Tx) -> None:
        _authorized(tx, project_id, authorize)
        removed = tx.one("remove_membership", member_id=member_id, project_id=project_id)
        if removed["removed"] == 0:
            raise NotFound(f"{member_id!r} is not a member of project {project_id!r}.")

    store.write_unit(work)
