"""Builders for small hand-made graphs whose answers a test can know by heart."""

from __future__ import annotations

from typing import Any

from graphsvc.bulk import Record, node, rel

CREATED = "2026-01-15T10:00:00+00:00"
CITIES = {
    "toulouse": ("Toulouse", 43.60426, 1.44367),
    "blagnac": ("Blagnac", 43.63333, 1.4),
    "lyon": ("Lyon", 45.74906, 4.84789),
    "paris": ("Paris", 48.85341, 2.3488),
}


def city(city_id: str) -> Record:
    name, lat, lon = CITIES[city_id]
    return node("City", city_id, name=name, latitude=lat, longitude=lon, population=100_000)


def skill(skill_id: str, broader: str | None = None, name: str | None = None) -> list[Record]:
    records = [node("Skill", skill_id, name=name or skill_id.replace("-", " ").title())]
    if broader:
        records.append(rel("BROADER", ("Skill", skill_id), ("Skill", broader)))
    return records


def member(
    member_id: str,
    city_id: str | None = "toulouse",
    *,
    skills: dict[str, int] | None = None,
    consent: bool = True,
    name: str | None = None,
    **properties: Any,
) -> list[Record]:
    records = [
        node("Member", member_id, name=name or member_id.title(), consent=consent, **properties)
    ]
    if city_id is not None:
        records.append(rel("LIVES_IN", ("Member", member_id), ("City", city_id)))
    records += [
        rel("HAS_SKILL", ("Member", member_id), ("Skill", s), level=level)
        for s, level in (skills or {}).items()
    ]
    return records


def knows(a: str, b: str) -> Record:
    return rel("KNOWS", ("Member", a), ("Member", b), since="2025-01-01")


def project(
    project_id: str,
    city_id: str | None = "toulouse",
    *,
    holder: str | None = None,
    contributors: tuple[str, ...] = (),
    name: str | None = None,
) -> list[Record]:
    records = [node("Project", project_id, name=name or project_id.title(), created_at=CREATED)]
    if city_id is not None:
        records.append(rel("BASED_IN", ("Project", project_id), ("City", city_id)))
    for member_id, role in [(holder, "holder"), *((c, "contributor") for c in contributors)]:
        if member_id:
            records.append(
                rel("MEMBER_OF", ("Member", member_id), ("Project", project_id), role=role)
            )
    return records


def need(
    need_id: str,
    owner: tuple[str, str],
    skill_id: str,
    *,
    status: str = "open",
    remote: bool = False,
    created_at: str = CREATED,
) -> list[Record]:
    return [
        node(
            "Need",
            need_id,
            title=f"Need {skill_id}",
            status=status,
            remote=remote,
            created_at=created_at,
        ),
        rel("HAS_NEED", owner, ("Need", need_id)),
        rel("REQUIRES", ("Need", need_id), ("Skill", skill_id)),
    ]


def profiled(store: Any, query: str, params: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """The named query's row and the database hits it took (Neo4j's profile, summed over its
    operators): a count of the work done, not a time, so a test can say that work does not grow.
    Planned afresh for the graph as it is: a plan cached by an earlier test was chosen for
    another graph's counts, and Neo4j replans only once they drift far enough."""
    with store.driver.session(database=store.database) as session:
        result = session.run("CYPHER replan=force PROFILE " + store.queries[query].text, params)
        row = result.single()
        plan = result.consume().profile

    def hits(operator: dict[str, Any]) -> int:
        return operator.get("dbHits", 0) + sum(hits(c) for c in operator.get("children", ()))

    return row, hits(plan)


def crowd(kind: str, start: int, end: int) -> list[Record]:
    """Members numbered ``start`` to ``end`` whom a Toulouse bookkeeping need does not depend on:
    ``"far holders"`` (bookkeepers in Paris) or ``"neighbours"`` (Toulouse, no skill)."""
    return [record for i in range(start, end) for record in (
        member(f"far{i}", "paris", skills={"compta": 2}) if kind == "far holders"
        else member(f"near{i}"))]  # fmt: skip
