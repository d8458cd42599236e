"""HTTP as clients expect it, for every operation at once.

- A body sent to POST, PUT or PATCH must be JSON (``application/json`` or a ``+json`` type):
  anything else is a 415 that says so, not a 422 listing missing fields.
- A 201 carries ``Location``, the URL of what it created.
- ``Retry-After`` only on 429 and 503, where it means something, and never 0 on a 429
  (flask-limiter rounds a wait under a second down to 0, which asks clients to retry at once).
- Problem ``type`` URIs resolve: ``/problems/{status}`` says what the status means here and what
  to do about it.
"""

from __future__ import annotations

import http
from typing import Any

from flask import Flask, Response, jsonify, request

from graphsvc.api.errors import http_error

# The collection where a resource created under another lives (a project's or a member's needs
# are /needs/{id}).
CREATED_UNDER = {"needs": "/needs"}

PROBLEMS: dict[int, str] = {
    400: "The request could not be read (for example JSON nested deeper than 32 levels). Fix "
    "the body and send it again.",
    401: "No API key, or an unknown or revoked one. Send `Authorization: Bearer gsk_…`.",
    403: "The key's role, or the member it acts for, may not do this. Use a key that may.",
    404: "Nothing has this id, or the caller may not see it. Check the id.",
    405: "This path does not take this method; `Allow` lists those it takes.",
    409: "It conflicts with the current state (a duplicate id, joining twice, a decided "
    "introduction, a stale If-Match). Read the resource again, then decide.",
    412: "If-Match did not match the resource's current ETag: someone changed it. Read it again.",
    413: "The body is over the size limit (256 KiB). Send less, or use the bulk import.",
    415: "The body is not JSON. Send it with `Content-Type: application/json`.",
    422: "The input is invalid; `errors` says, per field, what is wrong.",
    428: "This write needs If-Match with the resource's ETag. Read it, then send its ETag.",
    429: "Too many requests for this key. Wait `Retry-After` seconds.",
    500: "Something unexpected failed; it was logged and nothing was written. Retry later, or "
    "report the request's X-Request-Id.",
    503: "The database is unavailable or busy; nothing was written. Retry after `Retry-After` "
    "seconds.",
}


def _location(body: Any) -> str | None:
    if request.method == "PUT":
        return request.path  # PUT creates the resource at the address it was sent to
    if not isinstance(body, dict) or not isinstance(body.get("id"), str):
        return None
    collection = request.path.rstrip("/")
    last = collection.rsplit("/", 1)[-1]
    return f"{CREATED_UNDER.get(last, collection)}/{body['id']}"


def init_app(app: Flask) -> None:
    @app.before_request
    def json_bodies_only() -> None:
        if request.method not in ("POST", "PUT", "PATCH") or not request.content_length:
            return
        mimetype = request.mimetype
        if mimetype != "application/json" and not mimetype.endswith("+json"):
            raise http_error(
                415,
                f"The body is {mimetype or 'of no declared type'}, not JSON: send it with "
                "Content-Type: application/json.",
            )

    @app.after_request
    def conventions(response: Response) -> Response:
        if response.status_code == 201 and "Location" not in response.headers:
            location = _location(response.get_json(silent=True))
            if location:
                response.headers["Location"] = location
        if response.status_code not in (429, 503):
            response.headers.pop("Retry-After", None)
        elif response.headers.get("Retry-After") == "0":
            response.headers["Retry-After"] = "1"
        return response

    @app.get("/problems/<int:status>", endpoint="problems")
    def explain_problem(status: int):
        if status not in PROBLEMS:
            raise http_error(404, f"No problem type {status}: see /problems/422 for one.")
        return jsonify(
            status=status, title=http.HTTPStatus(status).phrase, meaning=PROBLEMS[status]
        )
