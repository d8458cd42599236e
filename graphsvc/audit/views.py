"""/audit: every committed write of the API, newest first (managers and admins)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from graphsvc.api.auth import requires
from graphsvc.api.common import MAX_PAGE_SIZE, UtcDateTime, id_field, paging
from graphsvc.audit import data
from graphsvc.db import get_store

blp = Blueprint(
    "audit", __name__, url_prefix="/audit", description="Who wrote what, when (managers)."
)


class AuditArgs(Schema):
    since = UtcDateTime(metadata={"description": "Entries at or after this time."})
    until = UtcDateTime(metadata={"description": "Entries before this time."})
    key_id = fields.String(
        validate=validate.Length(1, 100), metadata={"description": "Writes made with this API key."}
    )
    acting_member = id_field("Writes made for this member (frontend keys).")
    path_prefix = fields.String(
        validate=validate.Length(1, 300),
        metadata={"description": "Writes whose path starts so, e.g. `/projects/p00012`."},
    )


class AuditEntrySchema(Schema):
    id = fields.String(metadata={"description": "The entry's id."})
    at = fields.DateTime(metadata={"description": "When the write committed (UTC)."})
    request_id = fields.String(
        metadata={"description": "The request's X-Request-Id, as in the service's logs."}
    )
    key_id = fields.String(allow_none=True, metadata={"description": "The API key used."})
    role = fields.String(allow_none=True, metadata={"description": "That key's role."})
    acting_member = fields.String(
        allow_none=True, metadata={"description": "The member a frontend key acted for."}
    )
    method = fields.String(metadata={"description": "POST, PUT, PATCH or DELETE."})
    path = fields.String(metadata={"description": "The path written to."})
    endpoint = fields.String(allow_none=True, metadata={"description": "Its route."})


@blp.route("")
class AuditLog(MethodView):
    @requires("manager")
    @blp.arguments(AuditArgs, location="query")
    @blp.response(200, AuditEntrySchema(many=True))
    @blp.paginate(max_page_size=MAX_PAGE_SIZE)
    def get(self, args: dict[str, Any], pagination_parameters):
        """Committed writes, newest first: one entry per write transaction, in that transaction."""
        filters = {name: args.get(name) for name in AuditArgs().fields}
        total, items = data.list_audit(get_store(), **filters, **paging(pagination_parameters))
        pagination_parameters.item_count = total
        return items
