"""One error shape for every failure, produced here.

Every error body is ``{"code": 404, "status": "Not Found", "message": "...", "errors": {...}}``
(``errors`` only for invalid input: location -> field -> messages). The domain errors of
``graphsvc.errors`` carry their status. Neo4j's ConstraintError (a duplicate id) is a 409; an
unreachable Neo4j, an open circuit breaker or a query past its timeout a 503 with
``Retry-After``. Anything else is a 500 whose transaction was rolled back: each request is one
transaction.
"""

from __future__ import annotations

import logging
from typing import Any

import flask_smorest
from flask import Flask, g, request
from neo4j.exceptions import (
    ClientError,
    ConstraintError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from werkzeug.exceptions import HTTPException, default_exceptions

from graphsvc.breaker import CircuitOpen
from graphsvc.errors import GraphsvcError

log = logging.getLogger(__name__)
RETRY_AFTER = "2"  # seconds: the circuit breaker probes Neo4j every second


def http_error(status: int, message: str, **data: Any) -> HTTPException:
    error = default_exceptions[status]()
    error.data = {"message": message, **data}  # type: ignore[attr-defined]
    return error


class Api(flask_smorest.Api):
    """flask-smorest's Api whose errors always carry a message (werkzeug's description if none)."""

    def handle_http_exception(self, error: HTTPException):
        """Also keeps werkzeug's own headers, such as a 405's ``Allow``."""
        payload, code, headers = super().handle_http_exception(error)
        payload.setdefault("message", error.description)
        own = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
        return payload, code, {**own, **(headers or {})}


def init_app(app: Flask, api: Api) -> None:
    @app.errorhandler(GraphsvcError)
    def domain_error(error: GraphsvcError):
        return api.handle_http_exception(http_error(error.status, error.message))

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
        if "TransactionTimedOut" not in (error.code or ""):
            return unexpected(error)
        message = (
            "This request took longer than the service allows a query and was stopped; nothing "
            "was written. Narrow it (a smaller limit or max_hops), or retry later."
        )
        return api.handle_http_exception(
            http_error(503, message, headers={"Retry-After": RETRY_AFTER})
        )
