"""Domain errors, raised by the data and access layers. They know nothing of HTTP: one table
at the boundary (``api.errors.STATUS``) gives each its status.

GraphsvcError
├── NotFound            an id in the path or body names nothing
├── Conflict            duplicate id, joining twice, filling a filled need
├── Forbidden           the key's role or acting member does not allow this
├── PreconditionFailed  If-Match names a version that is no longer current
├── Invalid             well-formed input that the graph's rules refuse
└── Unavailable         a part of the service cannot answer for a moment: retry later
    └── Paused          API writes are paused for a while (a backup runs)
"""

from __future__ import annotations

from typing import Any


class GraphsvcError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(GraphsvcError):
    pass


class Conflict(GraphsvcError):
    pass


class Forbidden(GraphsvcError):
    pass


class PreconditionFailed(GraphsvcError):
    pass


class Invalid(GraphsvcError):
    pass


class Unavailable(GraphsvcError):
    pass


class Paused(Unavailable):
    pass


def require(row: dict[str, Any] | None, what: str, ident: str, hint: str = "") -> dict[str, Any]:
    """The row, or NotFound naming what was looked for."""
    if row is None:
        raise NotFound(f"No {what} has id {ident!r}.{' ' + hint if hint else ''}")
    return row
