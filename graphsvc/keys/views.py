"""/keys: API keys (admin only). The secret is shown once, at creation."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from graphsvc.api.auth import forget_cached_keys, requires
from graphsvc.api.common import id_field, text_field
from graphsvc.db import get_store
from graphsvc.errors import NotFound
from graphsvc.keys import data
from graphsvc.limits import KEY_NAME_MAX

blp = Blueprint("keys", __name__, url_prefix="/keys", description="API keys (admin).")


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


@blp.route("")
class Keys(MethodView):
    @requires("admin")
    @blp.response(200, KeySchema(many=True))
    def get(self):
        """List API keys (never their secrets)."""
        return data.list_keys(get_store())

    @requires("admin")
    @blp.arguments(KeyCreateSchema)
    @blp.response(201, KeySchema)
    def post(self, body: dict[str, Any]):
        """Create an API key; copy its `secret` now, it is not stored."""
        return data.create_key(get_store(), **body)


@blp.route("/<key_id>")
class Key(MethodView):
    @requires("admin")
    @blp.response(204)
    def delete(self, key_id: str):
        """Revoke an API key: at once in every worker of the host (within 30 s on other hosts)."""
        if data.revoke_key(get_store(), key_id) is None:
            raise NotFound(f"No API key has id {key_id!r}.")
        forget_cached_keys()
