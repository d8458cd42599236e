"""The rules between layers (docs/ARCHITECTURE.md), checked on the source: a view parses, calls
one data function and returns; access is decided in ``access.py``; the domain knows no HTTP."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from graphsvc.config import ROOT

PACKAGE = ROOT / "graphsvc"
VIEWS = sorted(PACKAGE.glob("*/views.py"))
RESOURCES = {"audit", "cities", "explore", "introductions", "keys", "members", "needs",
             "projects", "recommendations", "search", "skills"}  # fmt: skip


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("view", VIEWS, ids=lambda p: p.parent.name)
def test_no_view_opens_a_transaction_or_compares_a_role(view: Path) -> None:
    source = view.read_text(encoding="utf-8")
    assert not re.search(r"\.(read|write)(_unit|_page|_once)?\(", source.replace("data.", "")), (
        "a view calls one data function; the data module opens the unit of work"
    )
    assert not re.search(
        r"\.role\s*(==|!=|in\b)|is_staff\s+or|\"(frontend|manager|admin)\"\s*[=!]=", source
    )


def test_every_resource_package_has_the_same_rooms() -> None:
    """schemas.py (what it accepts and answers), views.py (the Blueprint), data.py (the units of
    work); and the views define no schema of their own."""
    for name in RESOURCES:
        for room in ("schemas.py", "views.py", "data.py"):
            assert (PACKAGE / name / room).exists(), (name, room)
        views = ast.parse((PACKAGE / name / "views.py").read_text(encoding="utf-8"))
        schemas = [
            node.name
            for node in views.body
            if isinstance(node, ast.ClassDef) and node.name.endswith(("Schema", "Args"))
        ]
        assert not schemas, (name, schemas)


def test_no_import_runs_back_up() -> None:
    """The shared layers (api, access, errors, store, credentials) never import a resource."""
    shared = [*PACKAGE.glob("api/*.py"), *(PACKAGE / n for n in
              ("access.py", "errors.py", "store.py", "credentials.py", "db.py"))]  # fmt: skip
    for path in shared:
        upward = {
            m
            for m in imports(path)
            if m.split(".")[:2][-1] in RESOURCES and m.startswith("graphsvc.")
        }
        assert not upward, (path.name, upward)


def test_the_service_never_imports_a_tool() -> None:
    """Tools (graphsvc/tools: the launcher, seeding, bench, tuning, analytics) are reached from
    the CLI only, so the API's processes never load them (nor networkx or scipy with them)."""
    for path in PACKAGE.rglob("*.py"):
        if "tools" in path.relative_to(PACKAGE).parts or path.name == "cli.py":
            continue
        tools = {m for m in imports(path) if m.startswith("graphsvc.tools")}
        assert not tools, (str(path.relative_to(PACKAGE)), tools)


def test_the_domain_knows_no_http() -> None:
    for name in ("access.py", "errors.py", "credentials.py"):
        modules = imports(PACKAGE / name)
        assert not {m for m in modules if m.split(".")[0] in {"flask", "werkzeug", "flask_smorest"}}
    from graphsvc import errors

    assert not any(
        hasattr(kind, "status") for kind in vars(errors).values() if isinstance(kind, type)
    )


def test_the_api_and_the_bulk_format_accept_the_same_sizes() -> None:
    """One limits module: a bio, a description or an id the API takes, the bulk format takes."""
    from graphsvc import bulk, limits
    from graphsvc.members.schemas import MemberCreateSchema
    from graphsvc.needs.schemas import NeedCreateSchema

    api_bio = next(v for v in MemberCreateSchema().fields["bio"].validators)
    assert api_bio.max == limits.BIO_MAX
    member = {"name": "Léa", "consent": True}
    bulk.MemberProperties(**member, bio="x" * limits.BIO_MAX)
    with pytest.raises(ValueError):
        bulk.MemberProperties(**member, bio="x" * (limits.BIO_MAX + 1))
    assert (
        next(iter(NeedCreateSchema().fields["description"].validators)).max
        == limits.DESCRIPTION_MAX
    )
    for ident, accepted in (
        ("p-aspectc++", True),
        ("a" * 100, True),
        ("a" * 101, False),
        ("-x", False),
    ):
        assert (re.match(limits.ID_PATTERN, ident) is not None) is accepted, ident
