"""What the OpenAPI document says besides what flask-smorest derives from the views.

apispec has no public hook to change operations once registered, so this walks the document
once, after every blueprint is registered (tests/test_openapi_conformance.py and
tests/test_access.py check the result): every operation gets an ``operationId``, the headers
every request may carry (``X-Request-Id``; ``Idempotency-Key`` on POST; ``X-Acting-Member``) and
the error answers it can really give, all ``application/problem+json``.
"""

from __future__ import annotations

import re
from typing import Any

from graphsvc.api.auth import ACTING_HEADER
from graphsvc.api.writes import IDEMPOTENCY_HEADER, REQUEST_ID_HEADER, TOKEN

METHODS = ("get", "post", "put", "patch", "delete")
HEADERS = {
    "RequestId": {
        "name": REQUEST_ID_HEADER,
        "schema": {"type": "string", "pattern": TOKEN.pattern},
        "description": "Your id for this request (else one is made), echoed in the answer, the "
        "logs and the audit log.",
    },
    "ActingMember": {
        "name": ACTING_HEADER,
        "schema": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$"},
        "description": "Frontend keys only: the member whose session this is.",
    },
    "IdempotencyKey": {
        "name": IDEMPOTENCY_HEADER,
        "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": r"^[!-~]+$"},
        "description": "A new unique value (a UUID) per request: a retry with the same value and "
        "the same request gets the first answer again and writes nothing (24 hours).",
    },
    "IfMatch": {
        "name": "If-Match",
        "schema": {"type": "string"},
        "description": "The ETag of the GET your change starts from: if the resource changed "
        "since, nothing is written and the answer is 412.",
    },
}
# Every operation with a key may meet these; the others depend on what it does.
ALWAYS = {
    "401": "UNAUTHORIZED",
    "403": "FORBIDDEN",
    "429": "TOO_MANY_REQUESTS",
    "503": "SERVICE_UNAVAILABLE",
}
WITH_PATH_ID = {"404": "NOT_FOUND"}
WITH_BODY = {"409": "CONFLICT", "413": "REQUEST_ENTITY_TOO_LARGE", "422": "UNPROCESSABLE_ENTITY"}
PUBLIC = {"/health", "/health/live"}
# Updates that honour If-Match (api/caching.py).
IF_MATCH_PATHS = {"/members/{member_id}", "/projects/{project_id}"}


def operation_id(method: str, path: str) -> str:
    """``GET /projects/{project_id}/introductions`` -> ``get_projects_by_project_id_introductions``."""
    words = re.sub(r"\{([^}]+)\}", r"by_\1", path).strip("/").replace("/", "_").replace("-", "_")
    return f"{method}_{words or 'root'}"


def document(spec: Any) -> None:
    for name, header in HEADERS.items():
        spec.components.parameter(name, "header", {**header, "required": False})
    for path, operations in spec._paths.items():
        for method, operation in operations.items():
            if method not in METHODS:
                continue
            operation["operationId"] = operation_id(method, path)
            conditional = method == "patch" and path in IF_MATCH_PATHS
            wanted = [
                "RequestId",
                "ActingMember",
                *(["IdempotencyKey"] if method == "post" else []),
                *(["IfMatch"] if conditional else []),
            ]
            operation.setdefault("parameters", []).extend(
                {"$ref": f"#/components/parameters/{name}"} for name in wanted
            )
            if path in PUBLIC:
                continue
            errors = {**ALWAYS, **(WITH_PATH_ID if "{" in path else {})}
            if method != "get":
                errors |= WITH_BODY
            if conditional:
                errors["412"] = "PRECONDITION_FAILED"
            responses = operation.setdefault("responses", {})
            for code, name in errors.items():
                responses.setdefault(code, spec.components.get_ref("response", name))
