"""Domain errors, raised by the data layer without knowing about HTTP (``api.errors`` maps them):

GraphsvcError
├── NotFound      404  an id in the path or body names nothing
├── Conflict      409  duplicate id, joining twice, filling a filled need
├── Forbidden     403  the key's role or acting member does not allow this
├── PreconditionFailed 412  If-Match names a version that is no longer current
└── Invalid       422  well-formed input that the graph's rules refuse
"""

from __future__ import annotations

from typing import Any


class GraphsvcError(Exception):
    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(GraphsvcError):
    status = 404


class Conflict(GraphsvcError):
    status = 409


class Forbidden(GraphsvcError):
    status = 403


class PreconditionFailed(GraphsvcError):
    status = 412


class Invalid(GraphsvcError):
    status = 422


def require(row: dict[str, Any] | None, what: str, ident: str, hint: str = "") -> dict[str, Any]:
    """The row, or NotFound naming what was looked for."""
    if row is None:
        raise NotFound(f"No {what} has id {ident!r}.{' ' + hint if hint else ''}")
    return row
