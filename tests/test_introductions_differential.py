"""The Cypher introductions (walk, features, widening) equal the networkx reference on random graphs."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphsvc.bulk import node, rel
from tests.graphs import city
from tests.reference import expected_introductions

pytestmark = pytest.mark.slow  # many generated graphs


@st.composite
def networks(draw):
    n_skills = draw(st.integers(1, 5))
    skills = [f"s{i}" for i in range(n_skills)]
    records = [city("toulouse")]
    for index, skill_id in enumerate(skills):
        records.append(node("Skill", skill_id, name=skill_id))
        parent = draw(st.none() | st.integers(0, index - 1)) if index else None
        if parent is not None:
            records.append(rel("BROADER", ("Skill", skill_id), ("Skill", skills[parent])))
    n_members = draw(st.integers(2, 9))
    members = [f"m{i}" for i in range(n_members)]
    for member_id in members:
        records.append(
            node("Member", member_id, name=member_id, consent=draw(st.booleans() | st.just(True)))
        )
        records.append(rel("LIVES_IN", ("Member", member_id), ("City", "toulouse")))
        for skill_id in draw(st.sets(st.sampled_from(skills), max_size=3)):
            records.append(
                rel(
                    "HAS_SKILL",
                    ("Member", member_id),
                    ("Skill", skill_id),
                    level=draw(st.integers(1, 5)),
                )
            )
    pairs = draw(
        st.sets(st.tuples(st.sampled_from(members), st.sampled_from(members)), max_size=12)
    )
    records += [rel("KNOWS", ("Member", a), ("Member", b)) for a, b in sorted(pairs) if a != b]
    for p in range(draw(st.integers(1, 3))):
        records.append(node("Project", f"p{p}", name=f"p{p}"))
        records.append(rel("BASED_IN", ("Project", f"p{p}"), ("City", "toulouse")))
        for member_id in sorted(draw(st.sets(st.sampled_from(members), max_size=3))):
            records.append(
                rel("MEMBER_OF", ("Member", member_id), ("Project", f"p{p}"), role="contributor")
            )
    for n in range(draw(st.integers(1, 3))):
        status = draw(st.sampled_from(["open", "open", "filled"]))
        records.append(
            node(
                "Need",
                f"n{n}",
                title=f"n{n}",
                status=status,
                remote=False,
                created_at="2026-01-01T00:00:00+00:00",
            )
        )
        records.append(rel("HAS_NEED", ("Project", "p0"), ("Need", f"n{n}")))
        records.append(rel("REQUIRES", ("Need", f"n{n}"), ("Skill", draw(st.sampled_from(skills)))))
    return records, draw(st.integers(1, 2))


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(case=networks())
def test_cypher_introductions_equal_the_networkx_reference(case, client, auth, store, load) -> None:
    records, max_hops = case
    store.run_autocommit(store.queries["delete_everything"].text)
    load(records)
    response = client.get("/projects/p0/introductions", query_string={"max_hops": max_hops, "limit": 50, "remote": "false"},
                          headers=auth("frontend"))  # fmt: skip
    assert response.status_code == 200, response.get_json()
    actual = {
        i["member"]["id"]: {
            "found_by": i["found_by"],
            "hops": i["hops"],
            "paths": i["connections"],
            "needs": {n["id"]: n["depth"] for n in i["needs"]},
            "gap": i["features"]["gap"],
        }
        for i in response.get_json()["introductions"]
    }
    assert actual == expected_introductions(records, "p0", max_hops)
