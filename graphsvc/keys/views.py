"""/keys: API keys (admin only). The secret is shown once, at creation."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from graphsvc.api.auth import forget_cached_keys, requires
from graphsvc.api.common import Blueprint
from graphsvc.db import get_store
from graphsvc.errors import NotFound
from graphsvc.keys import data
from graphsvc.keys.schemas import KeyCreateSchema, KeySchema

blp = Blueprint("keys", __name__, url_prefix="/keys", description="API keys (admin).")


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
