"""A warm start: each recommendation statement runs once before the service takes requests.

Neo4j plans a statement the first time it sees its text, a fresh JVM interprets before it
compiles, and a fresh page cache reads from disk: on a cold instance the first introductions
took 10 s (and answered 503 at the query timeout), the next ones milliseconds. The whole store
is read once (``touch_store.cypher``), then each statement runs on ids from the graph.
``graphsvc serve`` and ``demo`` call ``warm`` before they listen, so /health says ready only
once the statements are planned and cached. A failure here is reported and does not stop the
start: the service then simply starts cold.

Neo4j 5 caches a plan per statement *and per size bucket of each string parameter* (the next
power of ten of its length: 1, 10, 100). An id of another length than the sample's is a new
plan: the README's ``jardin-lilas`` (12 characters, where the demo's ids have 6 or 7) took 2.3 s
on its first call, then 30 ms. So each statement is also planned once with an id of every
length an API id can have (1 to 100 characters); those ids match nothing, so it costs the
planning only.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from graphsvc.explore import data as explore
from graphsvc.introductions import data as introductions
from graphsvc.needs import data as needs
from graphsvc.projects import data as projects
from graphsvc.recommendations.for_members import (
    matches_for_member,
    matches_params,
    projects_for_member,
    projects_params,
)
from graphsvc.recommendations.introductions import (
    Request,
    candidates,
    introductions_for_need,
    introductions_for_project,
    query_params,
)
from graphsvc.recommendations.model import RankingModel, active_model
from graphsvc.recommendations.ranking import Ranking
from graphsvc.store import Store, Tx

# One id per size bucket of Neo4j's plan cache key that an API id (1-100 characters) can fall in.
BUCKET_IDS = ("0", "0" * 10, "0" * 100)

log = logging.getLogger(__name__)


def warm(store: Store, ranking: Ranking | None = None, rounds: int = 2) -> dict[str, float]:
    """Read the store into the page cache, then run each recommendation statement ``rounds``
    times on ids from the graph; the seconds each took the first time, by statement (none on
    an empty graph but the store's read)."""
    ranking = ranking or Ranking.from_settings()
    model = active_model(store)
    ids = store.read("sample_ids")[0]
    now, request = datetime.now(UTC), Request()
    anyone = lambda member: None  # noqa: E731  (nothing is shown to anyone here)
    statements = {
        "introductions": ids["project_id"]
        and (lambda tx: introductions_for_project(tx, ids["project_id"], request, ranking, model, now)),
        # The search by place runs only when the network is short of people who meet a need:
        # run it too, or its first real use pays for its cold start (3 s seen).
        "introductions by place": ids["project_id"]
        and (lambda tx: candidates(tx, ids["project_id"], request, ranking, model, now=now, widen=True)),
        "introductions for a need": ids["need_id"]
        and (lambda tx: introductions_for_need(tx, ids["need_id"], request, ranking, model, anyone, now)),
        # A remote need's holders are read from its skills, anywhere: warm that path too.
        "introductions for a remote need": ids["remote_need_id"]
        and (lambda tx: introductions_for_need(tx, ids["remote_need_id"], request, ranking, model, anyone, now)),
        "projects for a member": ids["member_id"]
        and (lambda tx: projects_for_member(tx, ids["member_id"], request, ranking, model, anyone)),
        "mutual help": ids["member_id"]
        and (lambda tx: matches_for_member(tx, ids["member_id"], request, ranking, model, anyone)),
    }  # fmt: skip
    first: dict[str, float] = {}
    started = time.perf_counter()
    try:
        store.read("touch_store")
        first["store into the page cache"] = time.perf_counter() - started
    except Exception as error:  # a cold start is better than no start
        log.warning("reading the store into the page cache failed: %s", error)
    for name, unit in statements.items():
        if not unit:
            continue
        for round_ in range(rounds):
            started = time.perf_counter()
            try:
                store.read_unit(unit)
            except Exception as error:  # a cold start is better than no start
                log.warning("warm-up of %s failed: %s", name, error)
                break
            if round_ == 0:
                first[name] = time.perf_counter() - started

    # Planning is single-threaded in Neo4j: two at a time use both cores of a small machine.
    def plan(id_: str) -> None:
        try:
            store.read_unit(lambda tx: _plan_for_id(tx, id_, request, ranking, model, now))
        except Exception as error:  # a cold start is better than no start
            log.warning("planning for ids of %d characters failed: %s", len(id_), error)

    if len(first) == 1:  # an empty graph: its plans would be made again once it is filled
        return first
    if ids["project_id"]:
        started = time.perf_counter()
        try:
            _explorer_reads(store, ids["project_id"])
            first["the explorer's reads"] = time.perf_counter() - started
        except Exception as error:  # a cold start is better than no start
            log.warning("warm-up of the explorer's reads failed: %s", error)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(plan, BUCKET_IDS))
    first["plans for ids of other lengths"] = time.perf_counter() - started
    return first


def _explorer_reads(store: Store, project_id: str) -> None:
    """What the explorer reads when a manager opens a project: its two-step neighbourhood, the
    project, its open needs and its introductions' follow-up (each 0.4-0.8 s planned cold)."""
    explore.neighbourhood(
        store, "project", project_id, hops=2, types=list(explore.TYPES), city_id=None,
        include_withdrawn=True, limit=explore.MAX_NODES_PER_HOP,
    )  # fmt: skip
    projects.get_project(store, project_id)
    filters = {"project_id": project_id, "status": "open", "include_withdrawn": True}
    needs.list_needs(
        store, filters, sort="created_at", descending=True, after=None, skip=0, limit=21
    )
    needs.count_needs(store, filters)
    follow_up = dict.fromkeys(("status", "city_id", "requester_id", "since", "until"))
    introductions.list_introductions(store, {**follow_up, "project_id": project_id}, 0, 10)


def _plan_for_id(
    tx: Tx, id_: str, request: Request, ranking: Ranking, model: RankingModel, now: datetime
) -> None:
    """Each recommendation statement once with ``id_``, which matches nothing: planning only."""
    tx.run("introductions", **query_params(id_, request, ranking, model, now=now))
    tx.run("introductions", **query_params(None, request, ranking, model, now=now, need_id=id_))
    tx.run("projects_for_member", **projects_params(id_, request, ranking, model))
    tx.run("matches_for_member", **matches_params(id_, request, ranking, model))
