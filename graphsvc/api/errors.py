"""One error shape for every failure, produced here.

Every error body is ``{"code": 404, "status": "Not Found", "message": "...", "errors": {...}}``
(``errors`` only for invalid input: location -> field -> messages). The domain errors of
``graphsvc.errors`` carry their status. Neo4j's ConstraintError (a duplicate id) is a 409 and an unreachable Neo4j a 503. Anything else
is a 500 whose transaction was rolled back: each request is one transaction.
"""

from __future__ import annotations

import logging
from typing import Any

import flask_smorest
from flask import Flask, request
from neo4j.exceptions import ConstraintError, ServiceUnavailable, SessionExpired
from werkzeug.exceptions import HTTPException, default_exceptions

from graphsvc.errors import GraphsvcError

log = logging.getLogger(__name__)


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
        log.exception("Unexpected %s on %s %s", type(error).__name__, request.method, request.path)
        message = (
            "Something unexpected failed; it was logged and nothing was written (the transaction "
            "was rolled back). Retry later, or report the time of the request."
        )
        return api.handle_http_exception(http_error(500, message))

    @app.errorhandler(ServiceUnavailable)
    @app.errorhandler(SessionExpired)
    def neo4j_down(error: Exception):
        log.error("Neo4j unavailable: %s", error)
        message = "The graph database does not answer; retry in a moment (GET /health tells)."
        return api.handle_http_exception(http_error(503, message))
