"""A warm start: each recommendation statement runs once before the service takes requests.

Neo4j plans a statement the first time it sees its text, a fresh JVM interprets before it
compiles, and a fresh page cache reads from disk: on a cold instance the first introductions
took 10 s (and answered 503 at the query timeout), the next ones milliseconds. The whole store
is read once (``touch_store.cypher``), then each statement runs on ids from the graph.
``graphsvc serve`` and ``demo`` call ``warm`` before they listen, so /health says ready only
once the statements are planned and cached. A failure here is reported and does not stop the
start: the service then simply starts cold.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime

from graphsvc.recommendations.for_members import matches_for_member, projects_for_member
from graphsvc.recommendations.introductions import (
    Request,
    candidates,
    introductions_for_need,
    introductions_for_project,
)
from graphsvc.recommendations.model import active_model
from graphsvc.recommendations.ranking import Ranking
from graphsvc.store import Store

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
    return first
