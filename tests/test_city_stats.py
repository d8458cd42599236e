"""City stats on a hand-built graph whose isolated members, connectors, communities and gaps are
known by heart."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from graphsvc.cities import dashboard, offload
from graphsvc.errors import Unavailable
from tests.graphs import city, knows, member, need, project, skill


@pytest.fixture
def chapter(load):
    """Toulouse: a-b-c in a chain (b connects), d-e a pair who also share a project, f alone,
    w alone and withdrawn, g linked only to y in Lyon. Jardin needs compta (c holds it), finance
    (c's compta is narrower), web (only z in Blagnac, 4.8 km away, holds it) and droit (nobody)."""
    load([
        city("toulouse"), city("blagnac"), city("lyon"),
        *skill("finance"), *skill("compta", broader="finance"), *skill("web"), *skill("droit"),
        *member("a"), *member("b"), *member("c", skills={"compta": 4}), *member("d"), *member("e"),
        *member("f"), *member("w", consent=False, name="Wanda Withdrawn"), *member("g"),
        *member("y", "lyon", skills={"web": 3}), *member("z", "blagnac", skills={"web": 2}),
        knows("a", "b"), knows("b", "c"), knows("d", "e"), knows("g", "y"),
        *project("jardin", holder="a"), *project("atelier", holder="d", contributors=("e",)),
        *need("n1", ("Project", "jardin"), "compta"), *need("n2", ("Project", "jardin"), "web"),
        *need("n3", ("Project", "jardin"), "droit"), *need("n4", ("Project", "jardin"), "finance"),
    ])  # fmt: skip


def test_city_stats_are_exactly_right(client, auth, chapter) -> None:
    introduced = client.post(
        "/introductions",
        json={"target_id": "c", "project_id": "jardin", "requester_id": "a"},
        headers=auth("admin"),
    )
    assert introduced.status_code == 201, introduced.get_json()
    declined = client.patch(
        f"/introductions/{introduced.get_json()['id']}", json={"status": "declined"},
        headers=auth("admin"),
    )  # fmt: skip
    assert declined.status_code == 200

    response = client.get("/cities/toulouse/stats?radius_km=30", headers=auth("manager"))
    assert response.status_code == 200, response.get_json()
    stats = response.get_json()
    assert (stats["members"], stats["withdrawn"], stats["projects"], stats["open_needs"]) == (
        8,
        1,
        2,
        4,
    )
    assert stats["open_needs_met_in_city"] == 0.5  # compta, and finance through compta
    assert stats["open_needs_met_within_reach"] == 0.75  # web in Blagnac; droit nowhere
    assert stats["lacking_skills"] == [
        {"id": "droit", "name": "Droit", "open_needs": 1},
        {"id": "web", "name": "Web", "open_needs": 1},
    ]
    assert [
        (c["id"], c["members_holding_lacking_skills"], c["skills"]) for c in stats["nearby_cities"]
    ] == [("blagnac", 1, ["web"])]  # Lyon is 360 km away
    assert stats["isolated"] == [{"id": "f", "name": "F"}] and stats["isolated_withdrawn"] == 1
    # Betweenness of b on a-b-c, normalised over the city's 8 members: 1 pair / (7 * 6 / 2).
    assert stats["connectors"] == [{"id": "b", "name": "B", "betweenness": round(2 / 42, 4)}]
    assert [c["size"] for c in stats["communities"]] == [3, 2] and stats["community_count"] == 2
    assert [m["id"] for m in stats["communities"][0]["central"]] == ["b", "a", "c"]
    assert stats["degrees"] == {"0": 3, "1": 4, "2": 1}
    assert {s["id"]: (s["demand"], s["supply"]) for s in stats["skills"]} == {
        "compta": (1, 1), "web": (1, 0), "droit": (1, 0), "finance": (1, 0)
    }  # fmt: skip
    assert [
        (m["proposed"], m["accepted"], m["declined"], m["acceptance_rate"])
        for m in stats["introductions"]
    ] == [(1, 0, 1, 0.0)]
    assert "Withdrawn" not in response.get_data(as_text=True)


def test_city_stats_and_charts_are_for_managers_and_known_cities(client, auth, chapter) -> None:
    assert client.get("/cities/toulouse/stats", headers=auth("frontend")).status_code == 403
    assert client.get("/cities/nowhere/stats", headers=auth("manager")).status_code == 404
    for chart in ("skills", "degrees", "communities", "introductions"):
        svg = client.get(f"/cities/toulouse/charts/{chart}", headers=auth("manager"))
        assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
        assert svg.data.lstrip().startswith(b"<?xml") and b"<svg" in svg.data
    png = client.get("/cities/toulouse/charts/skills?format=png", headers=auth("manager"))
    assert png.mimetype == "image/png" and png.data.startswith(b"\x89PNG")
    assert client.get("/cities/toulouse/charts/pie", headers=auth("manager")).status_code == 404
    bad = client.get("/cities/toulouse/charts/skills?format=gif", headers=auth("manager"))
    assert bad.status_code == 422


def test_neighbourhood_walks_the_chosen_relationships(client, auth, chapter) -> None:
    one = client.get(
        "/explore/neighbourhood?kind=member&id=b&hops=1&types=KNOWS", headers=auth("manager")
    ).get_json()
    assert {n["id"] for n in one["nodes"]} == {"a", "b", "c"}
    # links: every relationship, not only the ones walked (b: a, c and Toulouse; c: her skill too)
    assert {n["id"]: n["links"] for n in one["nodes"]} == {"a": 3, "b": 3, "c": 3}
    assert {(e["source"], e["target"], e["type"]) for e in one["edges"]} == {
        ("a", "b", "KNOWS"), ("b", "c", "KNOWS")
    }  # fmt: skip
    two = client.get(
        "/explore/neighbourhood?kind=project&id=jardin&hops=2&types=MEMBER_OF&types=KNOWS",
        headers=auth("manager"),
    ).get_json()
    assert two["nodes"][0]["id"] == "jardin"
    assert {n["id"] for n in two["nodes"]} == {"jardin", "a", "b"}
    in_city = client.get(
        "/explore/neighbourhood?kind=member&id=g&hops=1&types=KNOWS&city_id=toulouse",
        headers=auth("manager"),
    ).get_json()
    assert {n["id"] for n in in_city["nodes"]} == {"g"}  # y lives in Lyon
    assert (
        client.get("/explore/neighbourhood?kind=member&id=b", headers=auth("frontend")).status_code
        == 403
    )
    assert (
        client.get(
            "/explore/neighbourhood?kind=member&id=nobody", headers=auth("manager")
        ).status_code
        == 404
    )


def test_managers_follow_up_introductions_with_filters(client, auth, load, chapter) -> None:
    load(
        [
            city("paris"),
            *member("p1", "paris"),
            *member("p2", "paris"),
            *project("cafe", "paris", holder="p1"),
        ]
    )
    admin = auth("admin")
    made = {}
    for key, body in {
        "jardin": {"target_id": "c", "project_id": "jardin", "requester_id": "a"},
        "atelier": {"target_id": "b", "project_id": "atelier", "requester_id": "d"},
        "cafe": {"target_id": "p2", "project_id": "cafe", "requester_id": "p1"},
    }.items():
        response = client.post("/introductions", json=body, headers=admin)
        assert response.status_code == 201, response.get_json()
        made[key] = response.get_json()["id"]
    assert client.patch(f"/introductions/{made['jardin']}", json={"status": "declined"},
                        headers=admin).status_code == 200  # fmt: skip

    def ids(query: str) -> set[str]:
        response = client.get(f"/introductions?{query}", headers=auth("manager"))
        assert response.status_code == 200, response.get_json()
        return {i["id"] for i in response.get_json()}

    assert ids("") == set(made.values())
    assert ids("status=declined") == {made["jardin"]}
    assert ids("status=proposed") == {made["atelier"], made["cafe"]}
    assert ids("city_id=toulouse") == {made["jardin"], made["atelier"]}
    assert ids("project_id=cafe") == {made["cafe"]}
    assert ids("requester_id=d") == {made["atelier"]}
    assert ids("since=2999-01-01T00:00:00%2B00:00") == set()
    assert ids("until=2999-01-01T00:00:00%2B00:00") == set(made.values())
    assert client.get("/introductions", headers=auth("frontend")).status_code == 403


def test_charts_speak_the_page_language_say_when_empty_and_are_sharp(client, auth, chapter) -> None:
    import struct

    from graphsvc.explore.texts import TEXTS

    assert TEXTS["fr"].keys() == TEXTS["en"].keys()  # one language per page, every word in both
    manager = auth("manager")
    empty = client.get("/cities/blagnac/charts/introductions?format=svg&lang=en", headers=manager)
    assert b"No introduction yet." in empty.data  # a sentence, not axes from -0.04 to 0.04
    french = client.get("/cities/blagnac/charts/communities?format=svg", headers=manager)
    assert "Aucune communauté".encode() in french.data  # Zoé alone in Blagnac
    full = client.get("/cities/toulouse/charts/skills?format=svg", headers=manager)
    assert b"offre et demande" in full.data
    png = client.get("/cities/toulouse/charts/skills?format=png", headers=manager).data
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert (width, height) == (1400, 800)  # twice the density: sharp on a HiDPI screen


def test_a_key_runs_one_costly_request_at_a_time_and_others_are_not_held(
    app, auth, chapter, monkeypatch
) -> None:
    """A caller's extra dashboard requests get a 429 at once instead of a thread and a core; other
    callers still run theirs. (The stats are held back by an event, on the real Neo4j.)"""
    started, release = threading.Semaphore(0), threading.Event()
    computed = dashboard.city_stats

    def held(*args, **kwargs):
        started.release()
        release.wait(30)
        return computed(*args, **kwargs)

    monkeypatch.setattr(dashboard, "city_stats", held)
    manager, admin = auth("manager"), auth("admin")

    def get(url: str, headers: dict[str, str]):
        return app.test_client().get(url, headers=headers)

    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(get, "/cities/toulouse/stats", manager)
        assert started.acquire(timeout=30)
        for url in ("/cities/toulouse/stats?radius_km=5", "/cities/toulouse/charts/skills"):
            refused = get(url, manager)
            assert refused.status_code == 429 and refused.headers["Retry-After"] == "1"
            assert "at once" in refused.get_json()["detail"]
        other = pool.submit(get, "/cities/toulouse/stats?radius_km=5", admin)
        assert started.acquire(timeout=30)  # another key is not held back
        release.set()
        assert first.result().status_code == 200 and other.result().status_code == 200
    assert get("/cities/toulouse/charts/skills", manager).status_code == 200  # the slot is free


def test_city_computations_run_outside_the_worker_and_survive_a_dead_helper() -> None:
    """The CPU of a dashboard runs in a helper process (never holding the worker's GIL); if
    the helper dies, that request gets a 503 to retry and the next one starts a new helper."""
    helper = offload.run(os.getpid)
    assert helper != os.getpid()
    with pytest.raises(Unavailable, match="retry"):
        offload.run(os._exit, 1)
    assert offload.run(os.getpid) not in (helper, os.getpid())


def test_city_nearby_gives_the_cities_within_the_radius_and_their_holders(store, chapter) -> None:
    """Blagnac is under 5 km from Toulouse, Lyon 360 km: each with how many members hold a skill."""

    def nearby(radius_km: float, city_id: str = "toulouse") -> dict[str, dict]:
        rows = store.read("city_nearby", city_id=city_id, radius_km=radius_km, max_rows=10)
        return {r["row"]["id"]: r["row"] for r in rows}

    close = nearby(30)
    assert list(close) == ["blagnac"] and 4 < close["blagnac"]["distance_km"] < 6
    assert close["blagnac"]["holders"] == [{"skill_id": "web", "members": 1}]
    assert set(nearby(1000)) == {"blagnac", "lyon"}
    assert nearby(1) == {} and nearby(1000, "nowhere") == {}


def test_a_new_radius_reuses_the_citys_analysis(neo4j_config, auth, chapter, monkeypatch) -> None:
    """The city's own network and the cities around it are read (and the network analysed)
    once per minute, whatever the radius asked."""
    from graphsvc import create_app
    from graphsvc.cities import stats

    app = create_app({**neo4j_config, "TESTING": True, "MIGRATE_ON_START": False,
                      "RATELIMIT_ENABLED": False, "CITY_STATS_SECONDS": 60})  # fmt: skip
    reads: list[str] = []
    for name in ("city_network", "nearby_cities"):
        read = getattr(stats, name)
        monkeypatch.setattr(stats, name, lambda *a, _n=name, _r=read: reads.append(_n) or _r(*a))
    try:
        client = app.test_client()
        answers = {
            radius: client.get(
                f"/cities/toulouse/stats?radius_km={radius}", headers=auth("manager")
            )
            for radius in (1, 30)
        }
    finally:
        app.extensions["graphsvc.store"].driver.close()
    assert all(answer.status_code == 200 for answer in answers.values())
    assert sorted(reads) == ["city_network", "nearby_cities"]
    within_reach = {r: a.get_json()["open_needs_met_within_reach"] for r, a in answers.items()}
    assert within_reach == {1: 0.5, 30: 0.75}  # web in Blagnac, 4.8 km away, counts at 30 km only


def test_the_helper_ends_with_its_worker() -> None:
    """A worker killed outright (kill -9) leaves no helper behind."""
    import signal
    import subprocess
    import sys
    import time

    script = (
        "from graphsvc.cities import offload; import os; print(offload.run(os.getpid)); input()"
    )
    with subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as worker:
        helper = int(worker.stdout.readline())
        os.kill(helper, 0)  # alive while its worker is
        worker.kill()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            os.kill(helper, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(helper, signal.SIGKILL)
    raise AssertionError(f"the helper {helper} outlived its worker")
