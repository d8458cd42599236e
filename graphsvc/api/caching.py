"""Conditional requests.

Reads: every JSON answer to a GET carries an ETag (a hash of its body), and a
client that sends it back in ``If-None-Match`` gets ``304 Not Modified`` with no body, so a
frontend polling a profile, a list or recommendations re-downloads only what changed.
``Cache-Control: private, no-cache``: browsers may keep the answer but must ask again (answers
depend on the key), and shared caches must not keep it.

Updates: a PATCH that sends ``If-Match`` with the ETag of the GET it started from changes the
resource only if nobody changed it since (else 412), so two editors never overwrite each other
unknowingly. The comparison runs in the writing transaction, on the locked resource.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, Response, current_app, request
from werkzeug.http import generate_etag
from werkzeug.wrappers import Response as BaseResponse

from graphsvc.errors import PreconditionFailed


def _conditional(response: Response) -> BaseResponse:
    if request.method not in ("GET", "HEAD", "PATCH") or response.status_code != 200:
        return response
    if response.mimetype != "application/json" or response.direct_passthrough:
        return response
    response.add_etag()  # an update answers the new version's ETag, for the next If-Match
    if request.method == "PATCH":
        return response
    response.headers["Cache-Control"] = "private, no-cache"
    return response.make_conditional(request)


def init_app(app: Flask) -> None:
    app.after_request(_conditional)


def etag_of(body: Any) -> str:
    """The ETag a GET answering ``body`` carries: the hash of the same bytes."""
    return generate_etag(current_app.json.response(body).get_data())  # type: ignore[attr-defined]


def if_match(representation: Callable[[dict[str, Any]], Any]) -> Callable[[dict[str, Any]], None]:
    """A check for the writing transaction: ``representation`` turns the stored resource into
    the body a GET by this caller would answer, whose ETag must be one the client sent."""
    wanted = request.if_match

    def check(current: dict[str, Any]) -> None:
        if wanted and not wanted.contains(etag_of(representation(current))):
            raise PreconditionFailed(
                "It changed since the ETag in If-Match: GET it again, then apply your change "
                "to what is there now."
            )

    return check
