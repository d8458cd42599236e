"""One error shape for every failure, produced here.

Every error body is ``{"code": 404, "status": "Not Found", "message": "...", "errors": {...}}``
(``errors`` only for invalid input: location -> field -> messages). The domain errors of
``graphsvc.errors`` get their status from ``STATUS``, the one table that maps them. Neo4j's ConstraintError (a duplicate id) is a 409; an
unreachable Neo4j, an open circuit breaker or a query past its timeout a 503 with
``Retry-After``. Anything else is a 500 whose transaction was rolled back: each request is one
transaction.
"""

from __future__ import annotations

import http
import logging
from typing import Any

import flask_smorest
import marshmallow as ma
from flask import Flask, g, request, url_for
from flask_smorest.utils import prepare_response
from neo4j.exceptions import (
    ClientError,
    ConstraintError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from werkzeug.exceptions import HTTPException, default_exceptions

from graphsvc.breaker import CircuitOpen
from graphsvc.errors import (
    Conflict,
    Forbidden,
    GraphsvcError,
    Invalid,
    NotFound,
    PreconditionFailed,
    Unavailable,
)

log = logging.getLogger(__name__)
LOCK_HELD = (
    "Another write holds what this one needs, for longer than the service waits; nothing was "
    "written. Retry in a moment."
)
RETRY_AFTER = "2"  # seconds: the circuit breaker probes Neo4j every second


def problem_type(status: int) -> str:
    """The URI of a problem's explanation (``/problems/{status}``, served by this app)."""
    return url_for("problems", status=status, _external=True)


def http_error(status: int, message: str, **data: Any) -> HTTPException:
    error = default_exceptions[status]()
    error.data = {"message": message, **data}  # type: ignore[attr-defined]
    return error


PROBLEM = "application/problem+json"


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details, plus the per-field ``errors`` and the older ``code``/``message``."""

    type = ma.fields.String(metadata={"description": "A URI naming the kind of problem."})
    title = ma.fields.String(metadata={"description": "The HTTP status's phrase."})
    status = ma.fields.Integer(metadata={"description": "The HTTP status code."})
    detail = ma.fields.String(metadata={"description": "What went wrong and what to do."})
    errors = ma.fields.Dict(metadata={"description": "Per location and field, what is invalid."})
    code = ma.fields.Integer(metadata={"description": "The HTTP status code (as `status`)."})
    message = ma.fields.String(metadata={"description": "As `detail` (kept for older clients)."})


class Api(flask_smorest.Api):
    """flask-smorest's Api whose errors are RFC 9457 problem details with a clear ``detail``."""

    ERROR_SCHEMA = ProblemSchema

    def _register_responses(self):
        """flask-smorest's error responses, documented as ``application/problem+json``."""
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Default error response", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)

    def handle_http_exception(self, error: HTTPException):
        """Also keeps werkzeug's own headers, such as a 405's ``Allow``."""
        payload, code, headers = super().handle_http_exception(error)
        detail = payload.get("message") or error.description
        problem = {
            "type": problem_type(code),
            "title": http.HTTPStatus(code).phrase,
            "status": code,
            "detail": detail,
            **({"errors": payload["errors"]} if "errors" in payload else {}),
            "code": code,
            "message": detail,
        }
        own = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
        return problem, code, {**own, **(headers or {}), "Content-Type": PROBLEM}


# Each domain error's status; a subclass not listed falls back to its nearest listed ancestor.
STATUS: dict[type[GraphsvcError], int] = {
    NotFound: 404,
    Conflict: 409,
    Forbidden: 403,
    PreconditionFailed: 412,
    Invalid: 422,
    Unavailable: 503,
    GraphsvcError: 400,
}


def status_of(error: GraphsvcError) -> int:
    return next(STATUS[kind] for kind in type(error).__mro__ if kind in STATUS)


def init_app(app: Flask, api: Api) -> None:
    @app.errorhandler(GraphsvcError)
    def domain_error(error: GraphsvcError):
        status = status_of(error)
        headers = {"Retry-After": RETRY_AFTER} if status == 503 else {}
        return api.handle_http_exception(http_error(status, error.message, headers=headers))

    @app.errorhandler(ConstraintError)
    def duplicate(error: ConstraintError):
        message = "Something with this id already exists: choose another id."
        return api.handle_http_exception(http_error(409, message))

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        log.exception(
            "Unexpected %s on %s %s (request %s)", type(error).__name__, request.method,
            request.path, g.get("request_id"),
        )  # fmt: skip
        message = (
            "Something unexpected failed; it was logged and nothing was written (the transaction "
            "was rolled back). Retry later, or report the request's X-Request-Id."
        )
        return api.handle_http_exception(http_error(500, message))

    @app.errorhandler(ServiceUnavailable)
    @app.errorhandler(SessionExpired)
    @app.errorhandler(TransientError)
    @app.errorhandler(CircuitOpen)
    def neo4j_down(error: Exception):
        if "LockAcquisitionTimeout" in (getattr(error, "code", None) or ""):
            return api.handle_http_exception(
                http_error(503, LOCK_HELD, headers={"Retry-After": RETRY_AFTER})
            )
        # While the breaker is open every request lands here: the error that opened it was logged.
        level = logging.DEBUG if isinstance(error, CircuitOpen) else logging.ERROR
        log.log(level, "Neo4j unavailable: %s: %s", type(error).__name__, error)
        message = (
            f"The graph database does not answer; retry in {RETRY_AFTER} s (GET /health tells "
            "when it is back). A write answered so may or may not have happened: read it back "
            "before you repeat it."
        )
        return api.handle_http_exception(
            http_error(503, message, headers={"Retry-After": RETRY_AFTER})
        )

    @app.errorhandler(ClientError)
    def refused(error: ClientError):
        code = error.code or ""
        if "LockClientStopped" in code:
            message = LOCK_HELD  # the query timeout ended a wait for a lock
        elif "TransactionTimedOut" in code:
            message = (
                "This request took longer than the service allows a query and was stopped; "
                "nothing was written. Narrow it (a smaller limit or max_hops), or retry later."
            )
        else:
            return unexpected(error)
        return api.handle_http_exception(
            http_error(503, message, headers={"Retry-After": RETRY_AFTER})
        )
