"""``/health``: is the service able to answer, i.e. does Neo4j answer."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graphsvc.api.errors import RETRY_AFTER
from graphsvc.db import get_store

blp = Blueprint(
    "health", __name__, url_prefix="/health", description="Liveness and readiness of the service."
)


class HealthSchema(Schema):
    status = fields.String(metadata={"description": "`ready`, or `unavailable` (HTTP 503)."})
    neo4j = fields.Dict(metadata={"description": "Neo4j's version and edition when it answers."})
    message = fields.String(metadata={"description": "Why the service is not ready, if it is not."})


@blp.route("")
class Health(MethodView):
    @blp.doc(security=[])
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=HealthSchema, description="Neo4j does not answer.")
    def get(self):
        """Say whether the service is ready: Neo4j answers a query within seconds."""
        try:
            info = get_store().read_once("describe_neo4j")[0]
        except (ServiceUnavailable, SessionExpired, Neo4jError, OSError) as error:
            message = f"Neo4j does not answer: {error}"
            return {"status": "unavailable", "message": message}, 503, {"Retry-After": RETRY_AFTER}
        return {"status": "ready", "neo4j": info}


class LivenessSchema(Schema):
    status = fields.String(metadata={"description": "`alive`: the process answers requests."})


@blp.route("/live")
class Liveness(MethodView):
    @blp.doc(security=[])
    @blp.response(200, LivenessSchema)
    def get(self):
        """Say the process is alive, without asking Neo4j: restart it only if this fails (a
        Neo4j outage shows in GET /health, and the service recovers from it by itself)."""
        return {"status": "alive"}
