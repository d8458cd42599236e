"""Nothing but /health, /health/live and the docs answers without a key; roles are enforced on every route."""

from __future__ import annotations

import re

import pytest

PUBLIC = {
    "/health",
    "/health/live",
    "/openapi.json",
    "/docs",
    "/docs/assets/<path:filename>",
    "/static/<path:filename>",
}


def _routes(app):
    for rule in app.url_map.iter_rules():
        if rule.rule in PUBLIC:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield method, re.sub(r"<[^>]+>", "x", rule.rule)


def test_every_route_but_health_and_docs_needs_a_key(app, client) -> None:
    routes = list(_routes(app))
    assert len(routes) >= 35
    for method, path in routes:
        response = client.open(path, method=method, json={})
        assert response.status_code == 401, (method, path, response.status_code)
        assert response.get_json()["code"] == 401


def test_public_routes_answer_without_a_key(client) -> None:
    assert client.get("/health").status_code == 200
    assert client.get("/openapi.json").get_json()["info"]["title"] == "graphsvc"
    docs = client.get("/docs")
    assert docs.status_code == 200 and b"/docs/assets/swagger-ui-bundle.js" in docs.data
    assert b"cdn" not in docs.data.lower()
    asset = client.get("/docs/assets/swagger-ui-bundle.js")
    assert asset.status_code == 200 and len(asset.data) > 100_000
    asset.close()


@pytest.mark.parametrize(
    ("method", "path", "role"),
    [
        ("DELETE", "/members/x", "manager"),
        ("GET", "/keys", "manager"),
        ("POST", "/keys", "manager"),
        ("DELETE", "/keys/x", "manager"),
        ("DELETE", "/skills/x", "manager"),
        ("POST", "/skills", "frontend"),
        ("PATCH", "/skills/x", "frontend"),
        ("POST", "/cities", "frontend"),
        ("PATCH", "/cities/x", "frontend"),
    ],
)
def test_roles_below_the_one_required_are_forbidden(client, auth, method, path, role) -> None:
    response = client.open(path, method=method, json={}, headers=auth(role))
    assert response.status_code == 403 and "key" in response.get_json()["message"]


def test_every_field_and_parameter_is_described(client) -> None:
    spec = client.get("/openapi.json").get_json()
    undocumented = []
    for name, schema in spec["components"]["schemas"].items():
        if name == "Error" or name.startswith("PaginationMetadata"):
            continue
        for field, definition in schema.get("properties", {}).items():
            if (
                "description" not in definition
                and "$ref" not in definition
                and "allOf" not in definition
            ):
                undocumented.append(f"{name}.{field}")
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                if "$ref" in parameter:
                    parameter = spec["components"]["parameters"][parameter["$ref"].split("/")[-1]]
                described = parameter.get("description") or parameter.get("schema", {}).get(
                    "description"
                )
                if (
                    not described
                    and parameter["in"] != "path"
                    and parameter["name"] not in ("page", "page_size")
                ):
                    undocumented.append(f"{method.upper()} {path} ?{parameter['name']}")
    assert undocumented == []
