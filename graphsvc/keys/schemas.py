"""What the keys endpoints accept and answer (marshmallow); the views only use them."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from graphsvc.api.common import id_field, text_field
from graphsvc.keys import data
from graphsvc.limits import KEY_NAME_MAX


class KeyCreateSchema(Schema):
    name = text_field(
        KEY_NAME_MAX, "What the key is for (e.g. 'frontend production').", required=True
    )
    role = fields.String(
        required=True,
        validate=validate.OneOf(data.ROLES),
        metadata={"description": "frontend, manager or admin."},
    )
    member_id = id_field("Bind a frontend key to this one member (optional).")


class KeySchema(Schema):
    id = fields.String(metadata={"description": "The key's id (not secret)."})
    name = fields.String(metadata={"description": "What the key is for."})
    role = fields.String(metadata={"description": "frontend, manager or admin."})
    member_id = fields.String(allow_none=True, metadata={"description": "Bound member, if any."})
    created_at = fields.DateTime(metadata={"description": "Creation time."})
    revoked = fields.Boolean(metadata={"description": "Revoked keys no longer authenticate."})
    secret = fields.String(metadata={"description": "The key itself: shown once, at creation."})
