"""Malformed input gets a 4xx in the one error shape, on every operation that takes a body."""

from __future__ import annotations

import io
import json
import re

import pytest

from tests.graphs import city, member, skill

DEEP = "[" * 10_000 + "]" * 10_000


def body_operations(app) -> list[tuple[str, str]]:
    """(method, path) of every operation whose OpenAPI entry takes a JSON body; ids as 'x'."""
    spec = app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()
    return sorted(
        (method.upper(), re.sub(r"\{[^}]+\}", "x", path))
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "requestBody" in operation
    )


@pytest.fixture
def ana(load, auth) -> dict[str, str]:
    load([city("toulouse"), *skill("web"), *member("ana", name="Ana")])
    return auth("frontend", acting="ana")


def send(client, method: str, path: str, data: bytes | str, headers: dict[str, str]):
    return client.open(
        path, method=method, data=data, headers={**headers, "Content-Type": "application/json"}
    )


def test_every_body_operation_rejects_deep_nesting_and_bad_text(app, client, auth, ana) -> None:
    operations = body_operations(app)
    assert len(operations) >= 15
    for method, path in operations:
        deep = send(client, method, path, DEEP, auth("admin"))
        assert deep.status_code == 400, (method, path, deep.get_json())
        assert "nests deeper" in deep.get_json()["message"]
        for text in ('{"name": "\\ud800"}', '{"title": "a\\u0007b"}', '{"\\udfff": 1}'):
            bad = send(client, method, path, text, auth("admin"))
            assert bad.status_code == 422, (method, path, text, bad.get_json())
            assert bad.get_json()["errors"]["json"], bad.get_json()


def test_valid_text_with_accents_and_line_breaks_passes(client, ana) -> None:
    body = json.dumps({"name": "Ana\tMaría\nSofía 🌱"})
    response = send(client, "PATCH", "/members/ana", body, ana)
    assert response.status_code == 200 and response.get_json()["name"] == "Ana\tMaría\nSofía 🌱"


def test_a_patch_that_changes_nothing_is_a_422(app, client, auth, ana) -> None:
    patches = [(m, p) for m, p in body_operations(app) if m == "PATCH" and "introductions" not in p]
    assert len(patches) >= 5
    for _, path in patches:
        for response in (
            client.patch(path, headers=auth("admin")),
            client.patch(path, json={}, headers=auth("admin")),
        ):
            assert response.status_code == 422, (path, response.get_json())


@pytest.mark.parametrize("consent", [0, 1, "false", "", None])
def test_booleans_are_strict(client, ana, consent) -> None:
    response = client.patch("/members/ana", json={"consent": consent}, headers=ana)
    assert response.status_code == 422 and "consent" in response.get_json()["errors"]["json"]


@pytest.mark.parametrize("level", [4.5, "3", True])
def test_numbers_are_strict(client, auth, ana, level) -> None:
    """4.5 is not stored as 4, and "3" or true is not a number: the bulk format agrees."""
    response = client.put("/members/ana/skills/web", json={"level": level}, headers=ana)
    assert response.status_code == 422 and "level" in response.get_json()["errors"]["json"]
    city = {"id": "lyon", "name": "Lyon", "latitude": "45.76", "longitude": 4.84}
    refused = client.post("/cities", json=city, headers=auth("manager"))
    assert refused.status_code == 422 and "latitude" in refused.get_json()["errors"]["json"]
    assert client.put("/members/ana/skills/web", json={"level": 3}, headers=ana).status_code < 300


def test_a_key_given_twice_is_refused_not_guessed(client, ana) -> None:
    twice = '{"name": "Ana", "name": "Anne"}'
    response = send(client, "PATCH", "/members/ana", twice, ana)
    assert response.status_code == 422 and "twice" in response.get_json()["detail"]
    assert client.get("/members/ana", headers=ana).get_json()["name"] == "Ana"


def test_oversized_bodies_get_413_chunked_or_not(app, client, ana) -> None:
    big = json.dumps({"name": "a" * (app.config["MAX_CONTENT_LENGTH"] + 1)}).encode()
    sized = send(client, "PATCH", "/members/ana", big, ana)
    chunked = client.patch(  # as the server hands over a chunked body: no length, terminated
        "/members/ana", input_stream=io.BytesIO(big),
        headers={**ana, "Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )  # fmt: skip
    assert (sized.status_code, chunked.status_code) == (413, 413)
    assert chunked.get_json()["code"] == 413


def test_a_wrong_method_says_which_are_allowed(client, ana) -> None:
    response = client.delete("/cities", headers=ana)
    assert response.status_code == 405 and set(response.headers["Allow"].split(", ")) >= {"GET"}
    assert response.get_json()["code"] == 405
