"""Introductions for a project on a hand-built graph whose answers are known by heart.

Toulouse: project jardin (holder Léa) needs compta (n1) and web (n2, remote); gestion (n3) filled.
Léa —KNOWS— Nadia (compta-asso, narrower than compta)       1 hop, narrower
Karim —KNOWS→ Léa (stored towards Léa), Karim —KNOWS— Sophie (compta 4)   2 hops, exact
Léa and Inès both in project vélo; Inès holds web           1 hop through a shared project
Hugo (compta) knows Léa but withdrew consent; Théo (compta) is reached only through Hugo
Sophie —KNOWS— Marc (compta)                                  3 hops: found by place
Zoé (compta) lives in Toulouse, knows nobody                  same city
Paul (compta) lives in Blagnac (8 km)                         radius
Eve (web) lives in Paris                                      remote
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest

from graphsvc import bulk
from tests.graphs import city, crowd, knows, member, need, profiled, project, skill

URL = "/projects/jardin/introductions"


@pytest.fixture
def graph(load):
    load([
        city("toulouse"), city("blagnac"), city("paris"),
        *skill("gestion"), *skill("compta", broader="gestion", name="Comptabilité"),
        *skill("compta-asso", broader="compta", name="Comptabilité associative"), *skill("web", name="Web"),
        *member("lea", name="Léa"), *member("nadia", skills={"compta-asso": 3}, name="Nadia"),
        *member("karim", name="Karim"), *member("sophie", skills={"compta": 4}, name="Sophie"),
        *member("ines", skills={"web": 2}, name="Inès"), *member("hugo", skills={"compta": 5}, consent=False, name="Hugo"),
        *member("theo", skills={"compta": 5}, name="Théo"), *member("marc", skills={"compta": 2}, name="Marc"),
        *member("zoe", skills={"compta": 1}, name="Zoé"), *member("paul", "blagnac", skills={"compta": 3}, name="Paul"),
        *member("eve", "paris", skills={"web": 5}, name="Eve"),
        knows("lea", "nadia"), knows("karim", "lea"), knows("karim", "sophie"), knows("hugo", "lea"),
        knows("hugo", "theo"), knows("sophie", "marc"),
        *project("jardin", holder="lea", name="Jardin partagé"),
        *project("velo", holder="ines", contributors=("lea",), name="Vélo-école"),
        *need("n1", ("Project", "jardin"), "compta"), *need("n2", ("Project", "jardin"), "web", remote=True),
        *need("n3", ("Project", "jardin"), "gestion", status="filled"),
    ])  # fmt: skip


def _get(client, auth, **params):
    response = client.get(URL, query_string=params, headers=auth("frontend"))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _by_id(body):
    return {i["member"]["id"]: i for i in body["introductions"]}


def test_what_the_team_lacks(client, auth, graph) -> None:
    body = _get(client, auth)
    assert [(w["need_id"], w["skill_id"]) for w in body["lacking"]] == [
        ("n1", "compta"),
        ("n2", "web"),
    ]


def test_two_hop_reach_both_ways_and_shared_projects(client, auth, graph) -> None:
    body = _get(client, auth, max_hops=2, limit=50)
    network = {i["member"]["id"]: i for i in body["introductions"] if i["found_by"] == "network"}
    # Karim holds nothing the project needs, yet he is the team's acquaintance: a candidate.
    assert set(network) == {"nadia", "karim", "sophie", "ines"}
    found = network
    assert found["sophie"]["hops"] == 2 and found["karim"]["hops"] == 1
    assert [n["id"] for n in found["sophie"]["needs"]] == ["n1"]
    assert found["ines"]["hops"] == 1
    assert found["ines"]["paths"][0]["relationships"][0] == {
        "type": "SHARES_PROJECT", "from": "lea", "to": "ines", "project": {"id": "velo", "name": "Vélo-école"},
    }  # fmt: skip


def test_one_hop_only_when_asked(client, auth, graph) -> None:
    found = _get(client, auth, max_hops=1, limit=50)["introductions"]
    network = [i for i in found if i["found_by"] == "network"]
    assert {i["member"]["id"] for i in network} == {"nadia", "karim", "ines"}
    assert {i["hops"] for i in network} == {1}


def test_narrower_skill_matches_but_scores_below_exact(client, auth, graph) -> None:
    found = _by_id(_get(client, auth, limit=50))
    nadia, sophie = found["nadia"], found["sophie"]
    assert (
        nadia["needs"][0]["match"] == "narrower"
        and nadia["needs"][0]["held"]["id"] == "compta-asso"
    )
    assert sophie["needs"][0]["match"] == "exact"
    assert nadia["components"]["needs"] < sophie["components"]["needs"]


def test_withdrawn_members_are_neither_proposed_nor_paths(client, auth, graph) -> None:
    found = _by_id(_get(client, auth, limit=50, max_hops=2))
    assert "hugo" not in found
    assert found.get("theo", {}).get("found_by") != "network"  # only reachable through Hugo
    for introduction in found.values():
        for path in introduction["paths"]:
            assert "hugo" not in {n["id"] for n in path["nodes"]}


def test_team_members_are_not_proposed(client, auth, load, graph) -> None:
    load([*member("lea", skills={"web": 1}, name="Léa")])  # the team now covers web
    body = _get(client, auth, limit=50)
    assert [w["skill_id"] for w in body["lacking"]] == ["compta"]
    assert "lea" not in _by_id(body)
    # Inès's web is no longer a gap the team has, but the open need still counts.
    assert _by_id(body)["ines"]["features"]["gap"] == 0
    assert _by_id(body)["ines"]["features"]["needs"] == 1


def test_widening_marks_how_each_result_was_found(client, auth, graph) -> None:
    body = _get(client, auth, limit=50, radius_km=20)
    how = {i["member"]["id"]: i["found_by"] for i in body["introductions"]}
    assert how["marc"] == "same_city" and how["theo"] == "same_city"
    assert how["zoe"] == "same_city" and how["paul"] == "radius" and how["eve"] == "remote"
    # Need first: who meets a need through the network, then the city, the radius, remote;
    # then those close to the team who meet none. By score within each.
    order = ["network", "same_city", "radius", "remote"]
    bands = [order.index(i["found_by"]) if i["meets_need"] else 4 for i in body["introductions"]]
    assert bands == sorted(bands)
    for band in set(bands):
        scores = [
            i["score"] for i, b in zip(body["introductions"], bands, strict=True) if b == band
        ]
        assert scores == sorted(scores, reverse=True)
    assert _by_id(body)["karim"]["explanation"].endswith("(ne répond à aucun besoin ouvert).")
    # Found by place, they are explained by place and skill, with no path.
    assert _by_id(body)["paul"]["paths"] == []
    assert _by_id(body)["paul"]["explanation"].startswith("Paul habite à Blagnac, à 5 km du projet")
    assert "eve" not in _by_id(_get(client, auth, limit=50, remote="false"))
    assert _by_id(body)["paul"]["distance_km"] == pytest.approx(4.8, abs=0.2)


def test_a_project_without_members_still_gets_results(client, auth, load, graph) -> None:
    load([*project("orphan", name="Orphelin"), *need("n9", ("Project", "orphan"), "compta")])
    response = client.get("/projects/orphan/introductions", headers=auth("frontend"))
    found = response.get_json()["introductions"]
    assert found and {i["found_by"] for i in found} == {"same_city"}


def test_declined_pairs_and_load_cap_are_excluded(client, auth, app, graph) -> None:
    lea = auth("frontend", acting="lea")
    proposal = client.post(
        "/introductions", json={"target_id": "sophie", "project_id": "jardin"}, headers=lea
    )
    assert proposal.status_code == 201
    declined = client.patch(f"/introductions/{proposal.get_json()['id']}", json={"status": "declined"},
                            headers=auth("frontend", acting="sophie"))  # fmt: skip
    assert declined.get_json()["status"] == "declined"
    assert "sophie" not in _by_id(_get(client, auth, limit=50))
    cap = app.extensions["graphsvc.ranking"].load_cap
    for index in range(cap):
        requester = ["karim", "ines", "zoe", "marc", "paul", "eve", "theo"][index % 7]
        body = {
            "target_id": "nadia",
            "requester_id": requester,
            **({"project_id": "velo"} if index % 2 else {}),
        }
        response = client.post("/introductions", json=body, headers=auth("manager"))
        assert response.status_code == 201, response.get_json()
    assert "nadia" not in _by_id(_get(client, auth, limit=50))


def test_load_lowers_the_score_below_the_cap(client, auth, graph) -> None:
    before = _by_id(_get(client, auth, limit=50))["ines"]
    client.post(
        "/introductions",
        json={"target_id": "ines", "requester_id": "karim"},
        headers=auth("manager"),
    )
    after = _by_id(_get(client, auth, limit=50))["ines"]
    assert after["components"]["load"] < before["components"]["load"] == 0
    assert after["score"] < before["score"]


def test_only_introductions_within_the_load_period_weigh(client, auth, load, graph) -> None:
    """A proposal to Inès from 40 days ago is past the 30-day load period; one from 2 days ago
    is not."""
    from datetime import UTC, datetime, timedelta

    def proposal(intro_id: str, days_ago: int) -> list[dict]:
        created = (datetime.now(UTC) - timedelta(days=days_ago)).isoformat()
        return [
            bulk.node("Introduction", intro_id, status="proposed", created_at=created,
                      requester_id="karim", target_id="ines"),
            bulk.rel("FROM", ("Introduction", intro_id), ("Member", "karim")),
            bulk.rel("TO", ("Introduction", intro_id), ("Member", "ines")),
        ]  # fmt: skip

    load(proposal("old", 40))
    assert _by_id(_get(client, auth, limit=50))["ines"]["components"]["load"] == 0
    load(proposal("recent", 2))
    assert _by_id(_get(client, auth, limit=50))["ines"]["components"]["load"] < 0


def test_explanation_paths_exist_in_the_graph(client, auth, store, graph) -> None:
    out = io.StringIO()
    bulk.export(store, out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    knows_pairs = {
        frozenset((r["start"]["id"], r["end"]["id"])) for r in records if r.get("rel") == "KNOWS"
    }
    member_of = {(r["start"]["id"], r["end"]["id"]) for r in records if r.get("rel") == "MEMBER_OF"}
    body = _get(client, auth, limit=50, max_hops=2)
    checked = 0
    for introduction in body["introductions"]:
        for path in introduction["paths"]:
            assert (
                path["nodes"][0]["team"] and path["nodes"][-1]["id"] == introduction["member"]["id"]
            )
            assert len(path["relationships"]) == introduction["hops"]
            for rel in path["relationships"]:
                if rel["type"] == "KNOWS":
                    assert frozenset((rel["from"], rel["to"])) in knows_pairs
                else:
                    project_id = rel["project"]["id"]
                    assert {(rel["from"], project_id), (rel["to"], project_id)} <= member_of
                checked += 1
    assert checked >= 5


def test_sentences_in_french_and_english(client, auth, graph) -> None:
    french = _by_id(_get(client, auth, limit=50))["sophie"]["explanation"]
    assert (
        french
        == "Léa (équipe du projet) connaît Karim, qui connaît Sophie — Sophie a la compétence « Comptabilité »."
    )
    english = _by_id(_get(client, auth, limit=50, lang="en"))["nadia"]["explanation"]
    assert english == ("Léa (project team) knows Nadia — Nadia has the skill “Comptabilité associative” "
                       "(for “Comptabilité”).")  # fmt: skip


def test_bad_parameters_and_unknown_project(client, auth, graph) -> None:
    for bad in ({"max_hops": 3}, {"limit": 0}, {"lang": "de"}, {"radius_km": -1}):
        assert client.get(URL, query_string=bad, headers=auth("frontend")).status_code == 422
    assert client.get("/projects/ghost/introductions", headers=auth("frontend")).status_code == 404
    assert client.get(URL).status_code == 401


def test_several_skills_read_as_one_clause(client, auth, load, graph) -> None:
    load([*member("sophie", skills={"compta": 4, "web": 2}, name="Sophie")])
    sophie = _by_id(_get(client, auth, limit=50))["sophie"]
    assert sophie["explanation"].endswith(
        "Sophie a les compétences « Comptabilité » et « Web »."
    ), sophie["explanation"]
    assert sophie["features"]["needs"] == 2 and sophie["features"]["share"] == 1


def test_a_project_with_no_open_need_still_gets_introductions(client, auth, load, graph) -> None:
    load([*project("fanfare", holder="karim", name="Fanfare")])
    body = client.get("/projects/fanfare/introductions", headers=auth("frontend")).get_json()
    found = _by_id(body)
    assert body["lacking"] == [] and {"lea", "sophie"} <= set(found)
    assert found["lea"]["explanation"] == "Karim (équipe du projet) connaît Léa."


def test_a_need_the_team_covers_still_counts_but_fills_no_gap(client, auth, load, graph) -> None:
    before = _by_id(_get(client, auth, limit=50))["sophie"]["features"]
    load([*member("lea", skills={"compta": 1}, name="Léa")])
    after = _by_id(_get(client, auth, limit=50))["sophie"]["features"]
    assert before["needs"] == after["needs"] == 1
    assert (before["gap"], after["gap"]) == (1, 0)


def test_a_withdrawn_team_member_is_never_named(client, auth, load, graph) -> None:
    load(
        [
            *member("lea", consent=False, name="Léa"),
            *project("jardin", holder="lea", contributors=("karim",)),
        ]
    )
    body = _get(client, auth, limit=50)
    text = json.dumps(body, ensure_ascii=False)
    assert "Léa" not in text and '"lea"' not in text
    assert _by_id(body)["sophie"]["paths"][0]["nodes"][0]["id"] == "karim"


def test_supernodes_stay_bounded(client, auth, load, app) -> None:
    """A hub with more links than ``max_degree`` passes no mass on: its friends' friends are
    not walked to, and a skill held by most of the network does not flood the pool."""
    ranking = app.extensions["graphsvc.ranking"]
    hub_friends = ranking.max_degree + 50
    records = [city("toulouse"), *skill("compta", name="Comptabilité"),
               *member("lea", name="Léa"), *member("hub", name="Hub"), knows("lea", "hub"),
               *member("far", skills={"compta": 5}, name="Far"),
               *project("jardin", holder="lea"), *need("n1", ("Project", "jardin"), "compta")]  # fmt: skip
    for index in range(hub_friends):
        records += [*member(f"f{index}", skills={"compta": 2}), knows("hub", f"f{index}")]
    records.append(knows(f"f{hub_friends - 1}", "far"))
    load(records)
    body = _get(client, auth, limit=10)
    assert len(body["introductions"]) == 10
    # The hub's friends are 2 steps away, reached only through the hub: bounded by max_degree,
    # the walk does not expand it, so they are found by place (same city), not by the walk.
    # The hub meets no need, so the need-meeters found by place come first.
    network = [i["member"]["id"] for i in body["introductions"] if i["found_by"] == "network"]
    assert set(network) <= {"hub"}
    others = [i for i in body["introductions"] if i["member"]["id"] != "hub"]
    assert {i["found_by"] for i in others} == {"same_city"}
    assert all(i["meets_need"] for i in others)


def test_the_ranking_in_use_is_shown_to_managers(client, auth, app, graph) -> None:
    body = client.get("/ranking", headers=auth("manager")).get_json()
    model = app.extensions["graphsvc.model"]
    assert body["version"] == model.version and body["weights"] == model.weights
    # Where the weights come from, in words: the shipped default is fitted on another graph.
    assert (
        body["fitted_on"].startswith("the shipped default")
        and "not on this one" in body["fitted_on"]
    )
    assert client.get("/ranking", headers=auth("frontend")).status_code == 403
    sophie = _by_id(_get(client, auth, limit=50))["sophie"]
    load = sophie["components"].pop("load")
    assert set(sophie["components"]) == set(model.weights)
    assert all(
        sophie["components"][f] >= 0 for f in ("needs", "gap", "level", "distance", "same_city")
    )
    assert sophie["score"] == pytest.approx(sum(sophie["components"].values()) + load, abs=1e-3)


@pytest.mark.parametrize(
    "kind", ["far holders", "neighbours"], ids=["from the city", "from the skill"]
)
def test_introductions_by_place_read_no_more_when_the_crowd_grows(store, load, kind: str) -> None:
    """Léa's project needs a bookkeeper, not remotely, and her team knows nobody: introductions
    come by place. Nina, in Toulouse, is one. She is found either way, and the work does not
    grow with a crowd the answer does not depend on: ten times more bookkeepers in Paris, or
    ten times more neighbours who are not bookkeepers. The first makes the search start from
    the city's members, the second from the skill's holders."""
    from graphsvc.recommendations.introductions import Request, query_params
    from graphsvc.recommendations.model import default_model
    from graphsvc.recommendations.ranking import Ranking

    load([
        city("toulouse"), city("paris"), *skill("compta"),
        *member("lea"), *project("jardin", holder="lea"), *need("n1", ("Project", "jardin"), "compta"),
        *member("nina", skills={"compta": 3}),
    ])  # fmt: skip

    def found() -> tuple[set[str], int]:
        params = query_params(
            "jardin", Request(), Ranking.from_settings(), default_model(), now=datetime.now(UTC)
        )
        row, hits = profiled(store, "introductions", params)
        return {i["member"]["id"] for i in row["introductions"]}, hits

    load(crowd(kind, 0, 60))
    members, small = found()
    assert members == {"nina"}
    load(crowd(kind, 60, 600))
    members, large = found()
    assert members == {"nina"}
    assert large < 1.2 * small, (small, large)
