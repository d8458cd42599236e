"""What the audit endpoints accept and answer (marshmallow); the views only use them."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from graphsvc.api.common import UtcDateTime, id_field


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
