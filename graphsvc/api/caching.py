"""Conditional reads: every JSON answer to a GET carries an ETag (a hash of its body), and a
client that sends it back in ``If-None-Match`` gets ``304 Not Modified`` with no body, so a
frontend polling a profile, a list or recommendations re-downloads only what changed.
``Cache-Control: private, no-cache``: browsers may keep the answer but must ask again (answers
depend on the key), and shared caches must not keep it.
"""

from __future__ import annotations

from flask import Flask, Response, request


def _conditional(response: Response) -> Response:
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if response.mimetype != "application/json" or response.direct_passthrough:
        return response
    response.headers["Cache-Control"] = "private, no-cache"
    response.add_etag()
    return response.make_conditional(request)


def init_app(app: Flask) -> None:
    app.after_request(_conditional)
