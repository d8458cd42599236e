"""Projects for a member, mutual help, and the introduction records' life cycle."""

from __future__ import annotations

import pytest

from graphsvc.recommendations.schemas import FOUND_BY
from tests.graphs import city, crowd, knows, member, need, profiled, project, skill


@pytest.fixture
def graph(load):
    load([
        city("toulouse"), city("blagnac"), city("paris"),
        *skill("compta", name="Comptabilité"), *skill("compta-asso", broader="compta", name="Compta asso"),
        *skill("web", name="Web"), *skill("jardinage", name="Jardinage"),
        *member("lea", skills={"compta-asso": 4}, name="Léa"),
        *member("karim", skills={"web": 3}, name="Karim"), *member("sophie", "paris", skills={"jardinage": 2}, name="Sophie"),
        *member("zoe", "blagnac", name="Zoé"), *member("hugo", consent=False, skills={"web": 5}, name="Hugo"),
        knows("lea", "karim"),
        *project("jardin", holder="karim", name="Jardin"), *need("n1", ("Project", "jardin"), "compta"),
        *project("velo", "paris", holder="sophie", name="Vélo"), *need("n2", ("Project", "velo"), "compta", remote=True),
        *project("asso", "paris", holder="sophie", name="Asso"), *need("n3", ("Project", "asso"), "compta"),
        *need("n4", ("Member", "zoe"), "compta"), *need("n5", ("Member", "lea"), "web"),
        *need("n6", ("Member", "sophie"), "compta", remote=True), *need("n7", ("Member", "hugo"), "compta"),
    ])  # fmt: skip


def test_projects_for_a_member_near_or_remote_with_why(client, auth, graph) -> None:
    body = client.get("/members/lea/projects", headers=auth("frontend")).get_json()
    found = {p["project"]["id"]: p for p in body["projects"]}
    assert set(found) == {"jardin", "velo"}  # asso is in Paris and not remote
    jardin = found["jardin"]
    assert jardin["needs"][0]["match"] == "narrower" and jardin["team_contacts"] == [
        {"id": "karim", "name": "Karim"}
    ]
    assert jardin["explanation"].startswith(
        "Le projet « Jardin » (Toulouse, 0 km) a besoin de « Comptabilité »"
    )
    assert "vous connaissez Karim" in jardin["explanation"]
    assert body["projects"][0]["project"]["id"] == "jardin"  # near and known beats far and remote
    assert "velo" not in {
        p["project"]["id"]
        for p in client.get(
            "/members/lea/projects?remote=false", headers=auth("frontend")
        ).get_json()["projects"]
    }
    wide = client.get(
        "/members/lea/projects?radius_km=1000&remote=false", headers=auth("frontend")
    ).get_json()
    assert {p["project"]["id"] for p in wide["projects"]} == {"jardin", "velo", "asso"}


def test_members_do_not_get_their_own_projects(client, auth, graph) -> None:
    body = client.get("/members/karim/projects?radius_km=1000", headers=auth("frontend")).get_json()
    assert "jardin" not in {p["project"]["id"] for p in body["projects"]}


def test_mutual_help_both_ways_first_and_consent(client, auth, graph) -> None:
    body = client.get("/members/lea/matches", headers=auth("frontend")).get_json()
    found = {m["member"]["id"]: m for m in body["matches"]}
    assert "hugo" not in found  # withdrew consent
    assert found["karim"]["both_ways"] is False and [
        n["id"] for n in found["karim"]["helps_you"]
    ] == ["n5"]
    assert [n["id"] for n in found["zoe"]["you_help"]] == ["n4"]  # Blagnac, within 30 km
    assert [n["id"] for n in found["sophie"]["you_help"]] == ["n6"]  # Paris, but remote
    load_both = client.get("/members/karim/matches", headers=auth("frontend")).get_json()
    assert (
        load_both["matches"][0]["member"]["id"] == "lea"
        and load_both["matches"][0]["both_ways"] is False
    )


def test_both_ways_ranks_first(client, auth, load, graph) -> None:
    load(
        [
            *member("karim", skills={"web": 3}, name="Karim"),
            *need("n8", ("Member", "karim"), "compta"),
        ]
    )
    body = client.get("/members/lea/matches", headers=auth("frontend")).get_json()
    first = body["matches"][0]
    assert (
        first["member"]["id"] == "karim"
        and first["both_ways"]
        and first["components"]["mutual"] == 1.0
    )
    assert (
        first["explanation"] == "Vous pouvez aider Karim pour « Comptabilité » — et réciproquement."
    )


def test_accepting_an_introduction_connects_and_enrols(client, auth, store, graph) -> None:
    karim = auth("frontend", acting="karim")
    created = client.post("/introductions", json={"target_id": "zoe", "need_id": "n1", "through_id": "lea",
                          "message": "Bonjour !"}, headers=karim)  # fmt: skip
    assert created.status_code == 201, created.get_json()
    record = created.get_json()
    assert record["status"] == "proposed" and record["need"] == {"id": "n1", "title": "Need compta"}
    assert record["through"]["id"] == "lea"
    again = client.post("/introductions", json={"target_id": "zoe", "need_id": "n1"}, headers=karim)
    assert again.status_code == 409
    assert (
        client.patch(
            f"/introductions/{record['id']}", json={"status": "accepted"}, headers=karim
        ).status_code
        == 403
    )
    assert (
        client.get(
            f"/introductions/{record['id']}", headers=auth("frontend", acting="sophie")
        ).status_code
        == 404
    )
    assert (
        client.get(
            f"/introductions/{record['id']}", headers=auth("frontend", acting="lea")
        ).status_code
        == 200
    )
    accepted = client.patch(
        f"/introductions/{record['id']}",
        json={"status": "accepted"},
        headers=auth("frontend", acting="zoe"),
    )
    assert accepted.status_code == 200 and accepted.get_json()["status"] == "accepted"
    team = client.get("/projects/jardin", headers=auth("frontend")).get_json()["team"]
    assert {"id": "zoe", "name": "Zoé", "role": "contributor"} in team
    known = client.get("/members/zoe/acquaintances", headers=auth("frontend")).get_json()
    assert [m["id"] for m in known] == ["karim"]
    # A manager proposes introductions but never answers in a member's place.
    in_her_place = client.patch(
        f"/introductions/{record['id']}", json={"status": "declined"}, headers=auth("manager")
    )
    assert in_her_place.status_code == 403
    decided = client.patch(
        f"/introductions/{record['id']}", json={"status": "declined"},
        headers=auth("frontend", acting="zoe"),
    )  # fmt: skip
    assert decided.status_code == 409
    history = client.get(
        "/members/zoe/introductions", headers=auth("frontend", acting="zoe")
    ).get_json()
    assert [i["id"] for i in history] == [record["id"]]
    assert (
        client.get("/members/zoe/introductions", headers=auth("frontend", acting="lea")).status_code
        == 403
    )


def test_introduction_input_errors(client, auth, graph) -> None:
    karim = auth("frontend", acting="karim")
    assert (
        client.post("/introductions", json={"target_id": "karim"}, headers=karim).status_code == 422
    )
    assert (
        client.post("/introductions", json={"target_id": "hugo"}, headers=karim).status_code == 404
    )
    assert (
        client.post("/introductions", json={"target_id": "ghost"}, headers=karim).status_code == 404
    )
    assert (
        client.post(
            "/introductions", json={"target_id": "zoe", "project_id": "ghost"}, headers=karim
        ).status_code
        == 404
    )
    both = {"target_id": "zoe", "project_id": "jardin", "need_id": "n1"}
    assert client.post("/introductions", json=both, headers=karim).status_code == 422
    assert (
        client.post(
            "/introductions", json={"target_id": "zoe", "requester_id": "lea"}, headers=karim
        ).status_code
        == 403
    )
    assert (
        client.post(
            "/introductions", json={"target_id": "zoe"}, headers=auth("manager")
        ).status_code
        == 422
    )
    assert (
        client.patch(
            "/introductions/ghost", json={"status": "accepted"}, headers=auth("manager")
        ).status_code
        == 404
    )
    assert client.get("/members/ghost/projects", headers=auth("frontend")).status_code == 404


def test_projects_through_the_network_without_a_skill_fit(client, auth, load, graph) -> None:
    """Zoé holds no skill any project needs, but she knows Karim: his project is for her."""
    load([knows("zoe", "karim")])
    body = client.get("/members/zoe/projects", headers=auth("frontend")).get_json()
    found = {p["project"]["id"]: p for p in body["projects"]}
    assert set(found) == {"jardin"}
    jardin = found["jardin"]
    assert (jardin["found_by"], jardin["hops"], jardin["needs"]) == ("network", 1, [])
    assert jardin["features"]["proximity1"] > 0 and jardin["score"] == pytest.approx(
        sum(jardin["components"].values()), abs=1e-3
    )
    assert (
        jardin["explanation"]
        == "Le projet « Jardin » (Toulouse, 5 km) ; vous connaissez Karim, de son équipe."
    )


def test_mutual_help_is_never_empty_for_a_member_with_a_link(client, auth, load, graph) -> None:
    """Théo holds nothing and needs nothing, but he knows Sophie: she is his first match."""
    load([*member("theo", "paris", name="Théo"), knows("theo", "sophie")])
    body = client.get("/members/theo/matches", headers=auth("frontend")).get_json()
    first = body["matches"][0]
    assert (first["member"]["id"], first["found_by"], first["known"]) == ("sophie", "network", True)
    assert first["explanation"] == "Vous connaissez Sophie."
    assert first["score"] == pytest.approx(sum(first["components"].values()), abs=1e-3)


def test_a_withdrawn_or_unknown_member_gets_no_recommendations(client, auth, graph) -> None:
    for path in ("/members/hugo/projects", "/members/hugo/matches"):
        assert client.get(path, headers=auth("frontend")).status_code == 404  # withdrew consent
        assert client.get(path, headers=auth("frontend", acting="hugo")).status_code == 200
        assert client.get(path, headers=auth("manager")).status_code == 200
    for path in ("/members/ghost/projects", "/members/ghost/matches"):
        assert client.get(path, headers=auth("manager")).status_code == 404
    assert (
        client.get("/members/lea/projects?city_id=nowhere", headers=auth("frontend")).status_code
        == 404
    )


def test_recommendations_are_exactly_in_their_documented_shape(client, auth, load, graph) -> None:
    """The views return JSON without marshmallow's dump: dumping it through the schema that
    documents it must change nothing (no field missing, none undocumented)."""
    from graphsvc.recommendations.schemas import (
        MemberMatchesSchema,
        MemberProjectsSchema,
        ProjectIntroductionsSchema,
    )

    load([knows("zoe", "karim"), knows("karim", "sophie")])
    for path, schema in (
        ("/projects/jardin/introductions", ProjectIntroductionsSchema()),
        ("/members/lea/projects", MemberProjectsSchema()),
        ("/members/lea/matches", MemberMatchesSchema()),
    ):
        body = client.get(path, headers=auth("frontend")).get_json()
        assert body[next(k for k in body if isinstance(body[k], list) and k != "lacking")], path
        assert schema.dump(body) == body, path


def test_a_declined_introduction_is_not_proposed_again(client, auth, graph) -> None:
    """Declining leaves that project out of the member's projects, and the pair out of matches."""

    def projects() -> set[str]:
        body = client.get("/members/lea/projects", headers=auth("frontend")).get_json()
        return {p["project"]["id"] for p in body["projects"]}

    def matches() -> set[str]:
        body = client.get("/members/lea/matches", headers=auth("frontend")).get_json()
        return {m["member"]["id"] for m in body["matches"]}

    assert "jardin" in projects() and "karim" in matches()
    created = client.post(
        "/introductions", json={"target_id": "lea", "need_id": "n1"},
        headers=auth("frontend", acting="karim"),
    )  # fmt: skip
    assert created.status_code == 201, created.get_json()
    declined = client.patch(
        f"/introductions/{created.get_json()['id']}", json={"status": "declined"},
        headers=auth("frontend", acting="lea"),
    )  # fmt: skip
    assert declined.status_code == 200, declined.get_json()
    assert "jardin" not in projects() and "karim" not in matches()


def _found_by_place(store, member_id: str, place_pool: int) -> set[str]:
    from dataclasses import replace

    from graphsvc.recommendations.for_members import projects_for_member
    from graphsvc.recommendations.introductions import Request
    from graphsvc.recommendations.model import default_model
    from graphsvc.recommendations.ranking import Ranking

    ranking = replace(Ranking.from_settings(), place_pool=place_pool)
    result = store.read_unit(lambda tx: projects_for_member(
        tx, member_id, Request(), ranking, default_model(), lambda member: None))  # fmt: skip
    return {p["project"]["id"] for p in result["projects"]}


@pytest.mark.parametrize("others", [0, 6], ids=["from the cities", "from her skills"])
def test_projects_found_by_place_are_scored_most_needs_met_first_then_closest(
    store, load, others: int
) -> None:
    """Ana has no links: every project comes by place. With room to score one, it is the one
    with both her skills wanted in her own city; with two, the same in Blagnac (5 km) joins,
    ahead of the project wanting one of them in Toulouse. Her cities' projects have fewer needs
    than her skills, so with room for one or two the search starts from the cities (with room
    for ten, more than their three projects, from her skills); with six more projects in
    Toulouse that want another skill, always from her skills: the same answers."""
    load([
        city("toulouse"), city("blagnac"), *skill("compta"), *skill("web"),
        *member("ana", skills={"compta": 3, "web": 3}), *member("paul"), *member("rita", "blagnac"),
        *project("one", holder="paul"), *need("n1", ("Project", "one"), "compta"),
        *project("two", holder="paul"), *need("n2", ("Project", "two"), "compta"),
        *need("n3", ("Project", "two"), "web"),
        *project("three", "blagnac", holder="rita"), *need("n4", ("Project", "three"), "compta"),
        *need("n5", ("Project", "three"), "web"), *skill("jardinage"),
        *[record for i in range(others) for record in (
            *project(f"other{i}", holder="paul"), *need(f"o{i}", ("Project", f"other{i}"), "jardinage"))],
    ])  # fmt: skip

    assert _found_by_place(store, "ana", 1) == {"two"}
    assert _found_by_place(store, "ana", 2) == {"two", "three"}
    assert _found_by_place(store, "ana", 10) == {"one", "two", "three"}


@pytest.mark.parametrize(
    ("filled", "wanting_web"), [(10, 0), (0, 6)], ids=["from the cities", "from her skills"]
)
def test_a_remote_project_far_away_fills_the_room_nearby_projects_leave(
    store, load, filled: int, wanting_web: int
) -> None:
    """Ana's city has two projects, one wanting her skill; a project in Paris wants it remotely.
    With room for two, both are found, whether the search starts from the cities (ten filled
    needs for her skill make it costly from the skill) or from her skill (six needs of the
    other project make it costly from the cities)."""
    load([
        city("toulouse"), city("paris"), *skill("compta"), *skill("web"),
        *member("ana", skills={"compta": 3}), *member("paul"), *member("sophie", "paris"),
        *project("near", holder="paul"), *need("n1", ("Project", "near"), "compta"),
        *project("busy", holder="paul"),
        *[r for i in range(wanting_web) for r in need(f"w{i}", ("Project", "busy"), "web")],
        *project("far", "paris", holder="sophie"), *need("n2", ("Project", "far"), "compta", remote=True),
        *project("old", "paris", holder="sophie"),
        *[r for i in range(filled) for r in need(f"f{i}", ("Project", "old"), "compta", status="filled")],
    ])  # fmt: skip

    assert _found_by_place(store, "ana", 2) == {"near", "far"}
    assert _found_by_place(store, "ana", 1) == {"near"}


def test_projects_and_matches_say_how_they_were_found_in_the_introductions_words(
    client, auth, load
) -> None:
    """One found_by vocabulary for every recommendation: same_city, radius (another city within
    radius_km), remote; never the old "nearby"."""
    load([
        city("toulouse"), city("blagnac"), city("paris"), *skill("compta"),
        *member("ana", skills={"compta": 3}), *member("paul", skills={"compta": 2}),
        *member("lea", "blagnac"), *member("sophie", "paris"),
        *project("near", holder="paul"), *need("n1", ("Project", "near"), "compta"),
        *project("next", "blagnac", holder="lea"), *need("n2", ("Project", "next"), "compta"),
        *project("far", "paris", holder="sophie"), *need("n3", ("Project", "far"), "compta", remote=True),
        *need("n4", ("Member", "lea"), "compta"),
    ])  # fmt: skip
    ana = auth("frontend", acting="ana")
    projects = client.get("/members/ana/projects?radius_km=20", headers=ana).get_json()
    how = {p["project"]["id"]: p["found_by"] for p in projects["projects"]}
    assert how == {"near": "same_city", "next": "radius", "far": "remote"}
    matches = client.get("/members/ana/matches?radius_km=20", headers=ana).get_json()
    found = {m["member"]["id"]: m["found_by"] for m in matches["matches"]}
    assert found["lea"] == "radius" and set(found.values()) <= set(FOUND_BY)


def _matches_db_hits(store, member_id: str) -> tuple[set[str], int]:
    """The members ``matches_for_member`` finds for ``member_id``, and the database hits."""
    from graphsvc.recommendations.for_members import matches_params
    from graphsvc.recommendations.introductions import Request
    from graphsvc.recommendations.model import default_model
    from graphsvc.recommendations.ranking import Ranking

    params = matches_params(member_id, Request(), Ranking.from_settings(), default_model())
    row, hits = profiled(store, "matches_for_member", params)
    return {m["member"]["id"] for m in row["matches"]}, hits


@pytest.mark.parametrize(
    "kind", ["far holders", "neighbours"], ids=["from the cities", "from the skill"]
)
def test_mutual_help_by_place_reads_no_more_when_the_crowd_grows(store, load, kind: str) -> None:
    """Ana needs a bookkeeper, not remotely; Nina, her neighbour, is one. Found either way, and
    the work does not grow with a crowd the answer does not depend on: ten times more
    bookkeepers in Paris (who cannot help with a need that is not remote), or ten times more
    neighbours who are not bookkeepers. The first makes the search start from the cities
    within the radius, the second from the skill's holders."""
    load([
        city("toulouse"), city("paris"), *skill("compta"),
        *member("ana"), *need("n1", ("Member", "ana"), "compta"),
        *member("nina", skills={"compta": 3}),
    ])  # fmt: skip

    load(crowd(kind, 0, 60))
    found, small = _matches_db_hits(store, "ana")
    assert found == {"nina"}
    load(crowd(kind, 60, 600))
    found, large = _matches_db_hits(store, "ana")
    assert found == {"nina"}
    assert large < 1.2 * small, (small, large)
