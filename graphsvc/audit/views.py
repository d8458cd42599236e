"""/audit: every committed write of the API, newest first (managers and admins)."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask.views import MethodView

from graphsvc.api.auth import requires
from graphsvc.api.common import Blueprint, CountedPage, PagedRead
from graphsvc.audit import data
from graphsvc.audit.schemas import AuditArgs, AuditEntrySchema
from graphsvc.db import get_store

blp = Blueprint(
    "audit", __name__, url_prefix="/audit", description="Who wrote what, when (managers)."
)


@blp.route("")
class AuditLog(MethodView):
    @requires("manager")
    @blp.arguments(AuditArgs, location="query")
    @blp.response(200, AuditEntrySchema(many=True))
    @blp.paginate(CountedPage)
    def get(self, args: dict[str, Any]):
        """Committed writes, newest first: one entry per write transaction, in that transaction."""
        filters = {name: args.get(name) for name in AuditArgs().fields}
        return PagedRead(partial(data.list_audit, get_store(), **filters))
