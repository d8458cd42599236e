"""Request bodies are checked before anything parses them.

Python's JSON parser recurses once per nesting level, so a body of 10,000 ``[`` would end in a
RecursionError (a 500) inside the schema layer; and the Neo4j driver cannot encode a lone UTF-16
surrogate, so one in a text field would fail at the database. Both are caught here, once for
every operation, with the one error shape: size (413 past ``MAX_CONTENT_LENGTH``, chunked
bodies included, which werkzeug would silently cut), depth (400), a key given twice in one
object (422: JSON parsers would silently keep the last one), then characters (422).
"""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Flask, current_app, request

from graphsvc.api.errors import http_error
from graphsvc.limits import NOT_TEXT

MAX_DEPTH = 32
STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
BRACKETS = re.compile(rb"[\[\]{}]")


def depth(raw: bytes) -> int:
    """How deeply the JSON nests, counted on the bytes, strings left out."""
    deepest = level = 0
    for bracket in BRACKETS.findall(STRINGS.sub(b'""', raw)):
        level += 1 if bracket in b"[{" else -1
        deepest = max(deepest, level)
    return deepest


def bad_text(value: Any, path: str = "") -> dict[str, list[str]]:
    """Field path -> message, for every string (or key) that holds a character that is not text."""
    found: dict[str, list[str]] = {}
    if isinstance(value, str) and NOT_TEXT.search(value):
        found[path or "_body"] = [
            "Holds a control character or a lone UTF-16 surrogate: send valid text."
        ]
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}".lstrip(".").encode("utf-8", "backslashreplace").decode()
            found |= bad_text(key, where) | bad_text(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found |= bad_text(item, f"{path}.{index}".lstrip("."))
    return found


class DuplicateKey(ValueError):
    """A JSON object with a key twice: which value was meant is unknown, so neither is taken."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise DuplicateKey(repr(key))
        seen[key] = value
    return seen


def init_app(app: Flask) -> None:
    @app.before_request
    def check_body() -> None:
        if request.method not in ("POST", "PUT", "PATCH") or not request.is_json:
            return
        raw = request.get_data(cache=True)  # werkzeug's 413 when Content-Length is too large
        limit = current_app.config["MAX_CONTENT_LENGTH"]
        # A chunked body is cut at the limit without a word: look for one byte more.
        if (
            request.content_length is None
            and len(raw) >= limit
            and request.environ["wsgi.input"].read(1)
        ):
            raise http_error(413, f"The body is larger than {limit} bytes.")
        if not raw.strip():
            return
        if depth(raw) > MAX_DEPTH:
            raise http_error(400, f"The JSON body nests deeper than {MAX_DEPTH} levels.")
        try:
            body = json.loads(raw, object_pairs_hook=_unique_keys)
        except DuplicateKey as error:
            raise http_error(
                422, f"The key {error} appears twice in one object: send it once.",
                errors={"json": {str(error): ["Given twice."]}},
            ) from None  # fmt: skip
        except ValueError as error:
            raise http_error(400, f"The body is not valid JSON: {error}.") from None
        if errors := bad_text(body):
            raise http_error(422, "Some text is not valid.", errors={"json": errors})
