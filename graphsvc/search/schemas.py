"""What the search endpoints accept and answer (marshmallow); the views only use them."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

KINDS = ("member", "project", "skill", "need", "city")


class SearchArgs(Schema):
    q = fields.String(
        required=True,
        validate=validate.Length(1, 100),
        metadata={"description": "Words to find; accents and case do not matter ('comptabilite')."},
    )
    kind = fields.List(
        fields.String(validate=validate.OneOf(KINDS)),
        load_default=lambda: list(KINDS),
        metadata={"description": "Restrict to these kinds (repeat the parameter)."},
    )
    limit = fields.Integer(
        load_default=20,
        validate=validate.Range(1, 100),
        metadata={"description": "At most this many hits."},
    )


class HitSchema(Schema):
    kind = fields.String(metadata={"description": "member, project, skill, need or city."})
    id = fields.String(metadata={"description": "Its id."})
    name = fields.String(metadata={"description": "Its name or title."})
    score = fields.Float(metadata={"description": "Relevance (higher is better)."})
