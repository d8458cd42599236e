"""What the explore endpoints accept and answer (marshmallow); the views only use them."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from graphsvc.api.common import id_field
from graphsvc.explore.data import KINDS, TYPES


class NeighbourhoodArgs(Schema):
    kind = fields.String(
        required=True, validate=validate.OneOf(KINDS), metadata={"description": "What `id` is."}
    )
    id = id_field("The node to start from.", required=True)
    hops = fields.Integer(
        load_default=1, validate=validate.Range(1, 2), metadata={"description": "1 or 2."}
    )
    types = fields.List(
        fields.String(validate=validate.OneOf(TYPES)),
        load_default=lambda: list(TYPES),
        metadata={"description": "Relationship types to follow (repeat the parameter)."},
    )
    city_id = id_field("Only members living in this city.")


class GraphNodeSchema(Schema):
    id = fields.String(metadata={"description": "The node's id."})
    kind = fields.String(metadata={"description": "member, project, skill, city or need."})
    label = fields.String(metadata={"description": "Its name (or a need's title)."})
    consent = fields.Boolean(
        allow_none=True, metadata={"description": "Members: false if they withdrew consent."}
    )
    links = fields.Integer(
        metadata={"description": "Its number of relationships, of every type: its importance."}
    )


class GraphEdgeSchema(Schema):
    source = fields.String(metadata={"description": "Start node id."})
    target = fields.String(metadata={"description": "End node id."})
    type = fields.String(metadata={"description": "Relationship type."})


class NeighbourhoodSchema(Schema):
    nodes = fields.List(
        fields.Nested(GraphNodeSchema), metadata={"description": "The start node first."}
    )
    edges = fields.List(fields.Nested(GraphEdgeSchema), metadata={"description": "Between them."})
