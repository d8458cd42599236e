"""Nothing but /health, /health/live and the docs answers without a key; roles are enforced on every route."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from tests.graphs import city, knows, member, need, project, skill

PUBLIC = {
    "/health",
    "/health/live",
    "/openapi.json",
    "/docs",
    "/docs/assets/<path:filename>",
    "/static/<path:filename>",
    # The explorer's pages are shells with no data; they read it with the key the manager enters.
    "/explore",
    "/explore/cities/<city_id>",
    "/explore/assets/<path:filename>",
    "/metrics",  # for Prometheus on the operators' network: counts and timings, no data
    "/problems/<int:status>",  # what an error's `type` means: documentation, no data
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


def test_the_explorer_pages_hold_no_data_and_load_nothing_from_elsewhere(client, load) -> None:
    load([city("toulouse"), *member("lea", name="Léa Martin")])
    for path in ("/explore", "/explore/cities/toulouse"):
        page = client.get(path)
        assert page.status_code == 200 and b"Martin" not in page.data
        sources = re.findall(rb'(?:src|href)="([^"]+)"', page.data)
        # Paths of this app, and the empty favicon (data:, so the browser asks for none).
        assert sources and all(s.startswith(b"/") or s == b"data:," for s in sources), sources
    library = client.get("/explore/assets/vendor/cytoscape.min.js")
    assert library.status_code == 200 and len(library.data) > 100_000  # make assets ran
    library.close()


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


def test_x_pagination_matches_its_documented_schema_on_every_list(client, auth, load):
    load([
        city("toulouse"), *skill("compta"), *member("lea", skills={"compta": 3}), *member("karim"),
        knows("lea", "karim"), *project("jardin", holder="lea"),
        *need("n1", ("Project", "jardin"), "compta"),
    ])  # fmt: skip
    spec = client.get("/openapi.json").get_json()
    header_schema = spec["components"]["schemas"]["PaginationMetadata"]
    lists = [
        path for path, operations in spec["paths"].items()
        if "X-Pagination" in operations.get("get", {}).get("responses", {}).get("200", {}).get("headers", {})
    ]  # fmt: skip
    assert len(lists) >= 10
    checked = 0
    for path in lists:
        concrete = path.replace("{member_id}", "lea").replace("{project_id}", "jardin")
        for page in (1, 2, 10_000):
            response = client.get(f"{concrete}?page={page}&page_size=1", headers=auth("manager"))
            assert response.status_code == 200, (concrete, response.get_json())
            metadata = json.loads(response.headers["X-Pagination"])
            jsonschema.validate(metadata, header_schema)
            assert metadata["total_pages"] == metadata["total"]  # one item per page
            checked += 1
    assert checked == 3 * len(lists)


def test_the_main_schemas_show_examples_that_fit_them(client) -> None:
    spec = client.get("/openapi.json").get_json()
    for name in ("Member", "Project", "Introduction"):
        properties = spec["components"]["schemas"][name]["properties"]
        example = {key: p["example"] for key, p in properties.items() if "example" in p}
        assert len(example) >= 6, name
        reference = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
        jsonschema.validate(example, reference)  # raises if an example does not fit its field


def test_a_need_s_owner_is_checked_in_the_transaction_that_writes(store, load) -> None:
    """The holder check sees the team as the write finds it, and a refusal writes nothing."""
    from graphsvc.access import Principal, Role
    from graphsvc.errors import Forbidden
    from graphsvc.needs import data as needs

    load([
        city("toulouse"), *skill("compta"), *member("lea"), *member("karim"),
        *project("jardin", holder="lea"), *need("n1", ("Project", "jardin"), "compta"),
    ])  # fmt: skip
    seen: list[list[str]] = []
    karim = Principal(key_id="k", role=Role.FRONTEND, acting_member="karim")

    def authorize(owner: dict) -> None:
        seen.append(sorted(m["id"] for m in owner["team"]))
        karim.require_change(owner)

    with pytest.raises(Forbidden):
        needs.update_need(store, "n1", {"title": "changed"}, authorize)
    assert seen == [["lea"]]
    assert needs.get_need(store, "n1")["title"] != "changed"
    lea = Principal(key_id="k", role=Role.FRONTEND, acting_member="lea")
    assert (
        needs.update_need(store, "n1", {"title": "changed"}, lea.require_change)["title"]
        == "changed"
    )


def test_the_readme_prints_the_permission_table_the_code_follows() -> None:
    from graphsvc.access import permissions_table
    from graphsvc.config import ROOT

    assert permissions_table() in (ROOT / "README.md").read_text(encoding="utf-8")
