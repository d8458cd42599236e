"""Pieces every resource shares: list arguments, sorting, paging, id generation."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import urlencode

import flask_smorest
from flask import request
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from graphsvc import limits
from graphsvc.errors import Invalid
from graphsvc.limits import NOT_TEXT
from graphsvc.store import Store

MAX_PAGE_SIZE = 100
MAX_SKIP = 1_000_000_000
ID_FIELD: dict[str, Any] = {"validate": validate.Regexp(limits.ID_PATTERN)}
ID_DESCRIPTION = "Letters, digits, '_', '.', ':' or '-', at most 100; generated when omitted."


def new_id(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(6)}"


def id_field(description: str = ID_DESCRIPTION, **kwargs: Any) -> fields.String:
    return fields.String(**ID_FIELD, metadata={"description": description}, **kwargs)


def text_field(maximum: int, description: str, **kwargs: Any) -> fields.String:
    return fields.String(
        validate=validate.Length(1, maximum), metadata={"description": description}, **kwargs
    )


class StrictBoolean(fields.Boolean):
    """``true`` or ``false`` only: in a body, 0, 1, "no" or "" are mistakes, not booleans."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class UtcDateTime(fields.AwareDateTime):
    """An ISO 8601 time with its offset, read as UTC: Neo4j refuses offsets past ±18:00, which
    Python accepts, and the answer would be a 500 instead of the right filter."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            return moment.astimezone(UTC)
        except OverflowError as error:
            raise ValidationError("Not a time between years 1 and 9999 in UTC.") from error


class UpdateSchema(Schema):
    """A PATCH body: a PATCH that would change nothing (no field, or no body) is a 422."""

    @validates_schema
    def _changes_something(self, data: dict[str, Any], **kwargs: Any) -> None:
        if not data:
            raise ValidationError("Send at least one field to change.")


def sort_field(keys: tuple[str, ...], default: str) -> fields.String:
    choices = [*keys, *(f"-{k}" for k in keys)]
    return fields.String(
        load_default=default,
        validate=validate.OneOf(choices),
        metadata={"description": f"Sort key, '-' for descending: one of {', '.join(choices)}."},
    )


def sorting(sort: str) -> dict[str, Any]:
    """Query parameters for a whitelisted sort key: ``sort`` and ``descending``."""
    return {"sort": sort.lstrip("-"), "descending": sort.startswith("-")}


def paging(pagination: Any) -> dict[str, int]:
    """SKIP and LIMIT for a page; a page far past the end is clamped (Cypher's list slices take
    32-bit indexes) and comes back empty like any page past the end."""
    return {"skip": min(pagination.first_item, MAX_SKIP), "limit": pagination.page_size}


class SearchText(Schema):
    text = fields.String(
        validate=validate.Length(1, 100),
        metadata={"description": "Case-insensitive substring of the name (or title)."},
    )


class PlaceSchema(Schema):
    id = fields.String(metadata={"description": "The city's id."})
    name = fields.String(metadata={"description": "The city's name."})


class SkillRefSchema(Schema):
    id = fields.String(metadata={"description": "The skill's id."})
    name = fields.String(metadata={"description": "Its French name."})


class JsonInteger(fields.Integer):
    """An integer in a JSON body: 4.5 is refused, not stored as 4, and "3" is not a number."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(strict=True, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        if isinstance(value, bool):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class JsonNumber(fields.Float):
    """A number in a JSON body: a JSON number, never a string or a boolean."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class Cursor(fields.String):
    """Where the previous page ended, as (sort value, id), opaque to clients: they pass back the
    ``after`` of a ``Link: rel="next"`` header as it came. A cursor names the list and the sort
    that made it, so one from another list, or reused with another sort, is refused (422)
    rather than silently read in the wrong order."""

    def _deserialize(  # type: ignore[override]  # a cursor decodes to a tuple, not a str
        self, value: Any, attr: str | None, data: Any, **kwargs: Any
    ) -> tuple:
        try:
            decoded = json.loads(base64.urlsafe_b64decode(str(value).encode("ascii") + b"=="))
        except (UnicodeError, ValueError, binascii.Error, RecursionError):
            decoded = None
        if not (
            isinstance(decoded, list)
            and len(decoded) == 3
            and all(isinstance(part, str) and len(part) <= 1000 for part in decoded)
            and not any(NOT_TEXT.search(part) for part in decoded)
        ):
            raise ValidationError("Not a cursor: pass the `after` of a Link header as it came.")
        if decoded[0] != cursor_scope():
            raise ValidationError(
                "This cursor was made for another list or another sort: follow the Link header "
                "of this list with its own sort, or start again without `after`."
            )
        return tuple(decoded[1:])


def cursor_scope(path: str | None = None, sort: str | None = None) -> str:
    """The list and sort a cursor belongs to (this request's path and ``sort`` unless given),
    digested."""
    path = request.path if path is None else path
    sort = request.args.get("sort", "") if sort is None else sort
    return hashlib.sha256(f"{path}?sort={sort}".encode()).hexdigest()[:12]


class CursorArgs(Schema):
    """List arguments with an ``after`` cursor, valid only with the sorts in ``CURSOR_SORTS``
    (those an index gives in order). ``cursor_value_error`` checks the sort value's form."""

    CURSOR_SORTS: tuple[str, ...] = ()
    after = Cursor(
        metadata={
            "description": "Continue after the page that gave this cursor (its `Link: "
            'rel="next"` header): as fast on the last page as on the first, and stable while '
            "items are added. A cursor page carries no total."
        }
    )

    @validates_schema
    def _cursor_follows_its_order(self, data: dict[str, Any], **kwargs: Any) -> None:
        after = data.get("after")
        if after is None:
            return
        if data["sort"] not in self.CURSOR_SORTS:
            raise ValidationError(
                f"Cursors follow these orders only: {', '.join(self.CURSOR_SORTS)}. "
                "Use page with this sort."
            )
        if self.cursor_value_error(after[0]):
            raise ValidationError("Not a cursor: pass the `after` of a Link header as it came.")

    def cursor_value_error(self, value: str) -> bool:
        return False


def encode_cursor(value: str, item_id: str, scope: str | None = None) -> str:
    raw = json.dumps([scope or cursor_scope(), value, item_id], ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


NEXT_PAGE_HEADER = {
    "description": 'The next page, as `<url>; rel="next"` (RFC 8288): the same filters and an '
    "`after` cursor. Absent on the last page.",
    "schema": {"type": "string"},
}


UNCOUNTED = -1  # item_count of a page reached with a cursor


class Blueprint(flask_smorest.Blueprint):
    """Every resource's Blueprint: pages of 10 by default and at most ``MAX_PAGE_SIZE``; a page
    reached with a cursor sets ``item_count = UNCOUNTED`` and gets no X-Pagination (counting is
    what makes a deep page slow)."""

    DEFAULT_PAGINATION_PARAMETERS: ClassVar[dict[str, int]] = {
        "page": 1, "page_size": 10, "max_page_size": MAX_PAGE_SIZE,
    }  # fmt: skip

    def _set_pagination_metadata(self, page_params: Any, result: Any, headers: Any) -> Any:
        if page_params.item_count == UNCOUNTED:
            return result, headers
        return super()._set_pagination_metadata(page_params, result, headers)


class PagedRead:
    """A list the data layer reads one page at a time, with its total, in one round trip:
    ``read(skip=, limit=)`` returns ``(total, items)``; ``each`` shapes an item for the caller
    (what a key may see of it). A view returns one; ``CountedPage`` pages it."""

    def __init__(
        self,
        read: Callable[..., tuple[int, list[dict[str, Any]]]],
        each: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    ) -> None:
        self.read, self.each = read, each


class CountedPage(flask_smorest.Page):
    """flask-smorest's pager for a ``PagedRead``: ``@blp.paginate(CountedPage)``."""

    def __init__(self, collection: PagedRead, page_params: Any) -> None:
        total, items = collection.read(**paging(page_params))
        self._total = total
        self._items = [collection.each(i) for i in items] if collection.each else items
        super().__init__(collection, page_params)

    @property
    def items(self) -> list[dict[str, Any]]:
        return self._items

    @property
    def item_count(self) -> int:
        return self._total


def next_page_link(last: tuple[str, str] | None) -> dict[str, str]:
    """A ``Link`` header to the page after ``last`` (the page's last (sort value, id)), keeping
    the request's filters; none when the page was not full."""
    if last is None:
        return {}
    query = {k: v for k, v in request.args.items() if k not in ("page", "after")}
    # Relative to this request (RFC 3986 §5.2): right behind a proxy that rewrites the host.
    target = f"{request.path}?{urlencode({**query, 'after': encode_cursor(*last)})}"
    return {"Link": f'<{target}>; rel="next"'}


def keyset_page(
    pagination_parameters: Any, args: dict[str, Any], store: Store, filters: dict[str, Any], *,
    list_items: Callable[..., list[dict[str, Any]]],
    count_items: Callable[[Store, dict[str, Any]], int],
    cursor_of: Callable[[dict[str, Any]], tuple[str, str]] | None,
) -> tuple[list[dict[str, Any]], dict[str, str]]:  # fmt: skip
    """A page of a list that may be followed by cursor, for the data layer's pair
    ``list_items(store, filters, sort=, descending=, after=, skip=, limit=)`` (rows in order)
    and ``count_items(store, filters)`` (the total, skipped for a cursor page). ``cursor_of(row)``
    gives the (sort value, id) a next page starts after (None: this order has no cursor, pages
    go by number only). Returns the page and its ``Link`` header."""
    after = args.get("after")
    if after is not None and pagination_parameters.page != 1:
        raise Invalid("Send either after (a cursor) or page, not both.")
    page = paging(pagination_parameters)
    # One row more than the page: whether a next page exists, without a count.
    items = list_items(
        store, filters, **sorting(args["sort"]), after=after,
        skip=page["skip"], limit=page["limit"] + 1,
    )  # fmt: skip
    more, items = len(items) > page["limit"], items[: page["limit"]]
    pagination_parameters.item_count = (
        UNCOUNTED if after is not None else count_items(store, filters)
    )
    return items, next_page_link(cursor_of(items[-1]) if more and cursor_of else None)
